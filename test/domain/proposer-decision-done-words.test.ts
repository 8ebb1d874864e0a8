// R16.9, R71: the proposer's decision, once recorded, reads in words in the status DM and the checklist
// ("Decide to proceed (as the Change Board recommended)"), never the raw option ("Decide to proceed
// (proceed)", "(owner: the proposer; proceed)"), and a rationale the proposer gives is kept even when the
// recommendation was to proceed (R16.9 requires one only against it; it was dropped).
import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import { status } from '../../src/domain/query-status.ts';
import { afterIaVote } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

function proceed(s: Scenario, rationale?: string): { reply: string; dm: string; checklist: string } {
  const before = s.world;
  const d = s.ok('alice', { type: 'proceed', ref: 1, ...(rationale ? { rationale } : {}) });
  const dm = notificationsFor({ events: d.events, before, after: s.world, ctx: s.ctx('alice'), keyBase: 'k' })
    .filter((n) => n.to.kind === 'person' && n.to.person === 'alice')
    .map((n) => n.text)
    .join('\n');
  const line = status(s.world, 1, s.ctx('alice'))
    .split('\n')
    .find((l) => l.includes('Proposer decides'));
  return { reply: d.reply, dm, checklist: line?.trim() ?? '' };
}

describe('R16.9 R71 the proposer decision, done, in words with its rationale', () => {
  it('R71 proceeding as recommended, without a rationale: no raw "proceed" note', () => {
    const r = proceed(afterIaVote('proceed'));
    expect(r.dm).toContain('- Refinement step done: Decide to proceed (as the Change Board recommended).');
    expect(r.checklist).toBe(
      '[x] Proposer decides to proceed or withdraw (owner: the proposer; as the Change Board recommended)',
    );
    expect(r.dm).not.toContain('(proceed)');
  });

  it('R16.9 a rationale given with a "proceed" recommendation is kept and shown', () => {
    const r = proceed(afterIaVote('proceed'), 'Costs are known');
    expect(r.dm).toContain(
      '- Refinement step done: Decide to proceed (as the Change Board recommended; rationale: Costs are known).',
    );
    expect(r.checklist).toContain('rationale: Costs are known');
    expect(r.reply).toContain('Your rationale is recorded.');
  });

  it('R16.9 against a "do not proceed" recommendation, the rationale reads as such', () => {
    const r = proceed(afterIaVote('do-not-proceed'), 'We need it');
    expect(r.dm).toContain(
      "- Refinement step done: Decide to proceed (against the Change Board's recommendation; rationale: We need it).",
    );
    expect(r.reply).toContain('Your rationale is recorded and shown to the Panel.');
  });
});
