// R72 R43: each owed item's twin is the exact command that does it for this modification, not the
// generic usage line with every choice (report's four document kinds, wg form's batch form).
import { describe, expect, it } from 'vitest';
import { owedOn } from '../../src/domain/owed.ts';
import { Scenario } from '../support/scenario.ts';

function raised(route: 'development' | 'refinement') {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route });
  s.ok('chair', { type: 'panel-route', ref: 1, route, determination: 'self-governance' });
  return s;
}

describe('R72 owed twins name the exact command', () => {
  it('in Development, recording the Development Report is `report DP001 development <link>`', () => {
    const s = raised('development');
    const item = owedOn(s.mod(1), s.ctx('sam')).find((o) => o.what === 'Record the Development Report');
    expect(item?.twin).toBe('report DP001 development <link>');
  });

  it('in Refinement before the Working Group, forming it is `wg form MP001 <person>…`', () => {
    const s = raised('refinement');
    const twins = owedOn(s.mod(1), s.ctx('sam')).map((o) => o.twin);
    expect(twins).toContain('wg form MP001 <person>…');
  });

  it('no owed twin keeps a placeholder for the modification or a list of document kinds', () => {
    for (const route of ['development', 'refinement'] as const) {
      const s = raised(route);
      for (const o of owedOn(s.mod(1), s.ctx('sam'))) {
        expect(o.twin ?? '').not.toMatch(/<ref>|iar\|development|\[,/);
      }
    }
  });

  it('back from Development, the chair routes it to refinement or report only (R52)', () => {
    const s = raised('development');
    s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dr' });
    s.ok('alice', { type: 'proceed', ref: 1 });
    const item = owedOn(s.mod(1), s.ctx('chair')).find((o) => o.what === 'Route it');
    expect(item?.twin).toBe(
      'panel route DP001 refinement|report [self-governance|authority] [by=<date>] [questions="…"]',
    );
  });
});
