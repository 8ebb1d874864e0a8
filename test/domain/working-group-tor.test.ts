// R38: a Working Group adheres to the Terms of Reference version current when it is formed, and is shown
// that version's link (or text) even after the Panel publishes a newer one.
import { describe, expect, it } from 'vitest';
import { status } from '../../src/domain/query-status.ts';
import { annexLines } from '../../src/domain/stages/working-group.ts';
import { Scenario } from '../support/scenario.ts';

const V1 = 'https://example.org/wg-tor-v1';
const V2 = 'https://example.org/wg-tor-v2';

function raise(s: Scenario, actor: string, route: 'refinement' | 'development'): number {
  s.ok(actor, { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
  const n = s.world.lastNumber;
  s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route });
  s.ok('sam', { type: 'views-open', ref: n });
  s.ok('sam', { type: 'views-close', ref: n });
  s.ok('chair', { type: 'panel-route', ref: n, route, determination: 'self-governance' });
  return n;
}

const torOf = (s: Scenario, n: number) => annexLines(s.mod(n), s.world, s.ctx('sam')).tor;

describe('R38 each Working Group keeps its own Terms of Reference version', () => {
  it('R38 a group formed under version 1 is still shown version 1 with its link after version 2 is published', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('chair', { type: 'panel-tor', link: V1 });
    const a = raise(s, 'alice', 'refinement');
    const dev = raise(s, 'bob', 'development'); // the Change Board becomes its group when routed
    s.ok('sam', { type: 'wg-form', refs: [a], people: ['cb1', 'cb2', 'cb3', 'cb4'] });
    s.ok('chair', { type: 'panel-tor', link: V2 });
    const b = raise(s, 'alt1', 'refinement');
    s.ok('sam', { type: 'wg-form', refs: [b], people: ['cb1', 'cb2', 'cb3', 'cb4'] });

    expect(s.mod(a).workingGroup).toMatchObject({ torVersion: 1, torLink: V1 });
    expect(torOf(s, a)).toBe(`It adheres to the Terms of Reference version 1 (${V1}).`);
    expect(torOf(s, dev)).toBe(`It adheres to the Terms of Reference version 1 (${V1}).`);
    expect(torOf(s, b)).toBe(`It adheres to the Terms of Reference version 2 (${V2}).`);
    expect(status(s.world, a, s.ctx('bob'))).toContain(`Terms of Reference version 1 (${V1})`);
    // A member added later is told the same version and link (the text comes from annexLines).
    s.ok('sam', { type: 'wg-add', ref: a, person: 'cb5' });
    expect(torOf(s, a)).toContain(V1);
  });

  it('R38 a group stored before it kept its link still loads: the published link if still its version, else none', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('chair', { type: 'panel-tor', link: V1 });
    const a = raise(s, 'alice', 'refinement');
    s.ok('sam', { type: 'wg-form', refs: [a], people: ['cb1', 'cb2', 'cb3', 'cb4'] });
    const legacy = structuredClone(s.mod(a));
    delete legacy.workingGroup?.torLink;
    const world = (system: typeof s.world.system) => ({ system });
    expect(annexLines(legacy, world({ torVersion: 1, torLink: V1 }), s.ctx('sam')).tor).toBe(
      `It adheres to the Terms of Reference version 1 (${V1}).`,
    );
    expect(annexLines(legacy, world({ torVersion: 2, torLink: V2 }), s.ctx('sam')).tor).toBe(
      'It adheres to the Terms of Reference version 1.',
    );
  });
});
