// R71: replies name things as people know them: a batch's shared Working Group by whose it is and its
// size (not its internal id), and a route "to the Report Stage".
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';

describe('R71 batch and route words', () => {
  it('batch names the shared Working Group by its modification and size', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'A', problem: 'P' });
    s.ok('bob', { type: 'raise', title: 'B', problem: 'Q' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'x', route: 'development' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    const size = new Set([...(s.mod(1).workingGroup?.members ?? []), 'bob']).size;
    const d = s.ok('sam', { type: 'batch', refs: [1, 2] });
    expect(d.reply).toContain(`They share DP001's Working Group (${size} members).`);
    expect(d.reply).not.toMatch(/wg-\d/);
  });

  it('a route to the report phase reads "to the Report Stage"', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'A', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'x', route: 'report' });
    const d = s.ok('chair', {
      type: 'panel-route',
      ref: 1,
      route: 'report',
      determination: 'self-governance',
    });
    expect(d.reply).toContain('is routed to the Report Stage.');
  });
});
