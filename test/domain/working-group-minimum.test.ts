// R39 R60 R61: a refusal for a Working Group below the minimum says the true count and the way out (the
// Panel chair's derogation, as typed), also when the group is already below the minimum.
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';

function inDevelopment(s: Scenario): number {
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
  return 1;
}

describe('R39 R61 below the Working Group minimum', () => {
  it('removing from a group already below the minimum gives its true size and the derogation', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = inDevelopment(s);
    // A group of 3 (the proposer included) under a derogation, then the usual minimum set again.
    s.ok('chair', { type: 'panel-derogate', ref: n, min: 3, reason: 'Niche' });
    s.ok('sam', { type: 'wg-form', refs: [n], people: ['cb1', 'cb2'] });
    s.ok('chair', { type: 'panel-derogate', ref: n, min: 5, reason: 'Back to the usual' });
    const r = s.refused('sam', { type: 'wg-remove', ref: n, person: 'cb2' }, 'wg_too_small');
    expect(r.message).toBe(
      "DP001's Working Group has 3 members and needs at least 5, so Cb2 cannot be removed. The Panel chair can allow fewer: panel derogate DP001 min=<n> <reason>.",
    );
    expect(r.message).not.toContain('below 5');
  });

  it('forming too small a group names who it would have, the current group and the ways out', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = inDevelopment(s);
    // Routing to Development formed a group of the proposer and the Change Board (6).
    const r0 = s.refused('sam', { type: 'wg-form', refs: [n], people: ['cb1'] }, 'wg_too_small');
    expect(r0.message).toBe(
      "A Working Group needs at least 5 members (the proposer included); this one would have 2 (Cb1, Alice). DP001's Working Group now has 6 members; to add one: wg add DP001 <person>. The Panel chair can allow fewer: panel derogate DP001 min=<n> <reason>.",
    );
    s.ok('chair', { type: 'panel-derogate', ref: n, min: 3, reason: 'Niche' });
    s.ok('sam', { type: 'wg-form', refs: [n], people: ['cb1', 'cb2'] });
    const r = s.refused('sam', { type: 'wg-form', refs: [n], people: ['cb1'] }, 'wg_too_small');
    expect(r.message).toContain(
      "DP001's Working Group now has 3 members; to add one: wg add DP001 <person>.",
    );
    expect(r.message).toContain('panel derogate DP001 min=<n> <reason>');
  });
});
