// R71: a reply names the fields it recorded as the form and the card call them, not by the key typed
// before `=` ("impacts, questions, route, dcc").
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';

describe('R71 recorded fields in words', () => {
  it('the Initial Assessment Report reply lists what was recorded, and what is still needed', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    expect(s.ok('sam', { type: 'iar', ref: 1, questions: 'Safe?', dcc: true }).reply).toBe(
      'Initial Assessment Report recorded for DP001: Areas and questions; DCC system impacts. Still needed before views open: Impacts; Recommended route (impacts=, route=).',
    );
    expect(s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }).reply).toBe(
      'Initial Assessment Report recorded for DP001: Impacts; Recommended route. Next: views open DP001.',
    );
  });

  it('an amendment names the fields it changed', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    expect(s.ok('alice', { type: 'amend', ref: 1, problem: 'Slow', benefits: 'Quicker' }).reply).toBe(
      'DP001 amended: Problem statement; Benefits.',
    );
  });
});
