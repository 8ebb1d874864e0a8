// R34 R71 R74: on a Change Board decision ballot voted solution by solution, whoever has voted on some of
// the solutions is told which are left, by name (never their ids): the vote reply names them with the
// command that votes on them, the reminder DM's text (what the platform previews) says which, as its card
// does, and the card's progress line names them as the other texts do.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/ballots.ts';
import { voteConfirmation } from '../../src/domain/words.ts';
import { ballotCard } from '../../src/views/ballot-card.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Notify, to } from '../app/notify-harness.ts';
import { toDecision, toReport } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

const decision = (s: Scenario): Ballot => {
  const b = s.mod(1).ballots.find((x) => x.kind === 'decision' && x.status === 'open');
  if (!b) throw new Error('no open decision ballot');
  return b;
};

/** A decision ballot on the Proposed Solution, A1 "Cheaper" and A2 "Faster". */
function perSolution(): Scenario {
  const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper', 'Faster'] });
  toDecision(s);
  return s;
}

describe('R74 R34 the vote reply names the solutions still to vote on', () => {
  // Which solutions are left is the vote handler's (test/domain/vote-reply-solutions-left.test.ts);
  // here, how the reply words them.
  it('the others, by name, with the command that votes on them; an alternate is told whose seat owes it', () => {
    const s = perSolution();
    const m = s.mod(1);
    const reply = voteConfirmation(m, decision(s), { option: 'approve', solution: 'S0', left: ['A1', 'A2'] });
    expect(commandsAs(reply, undefined)).toBe(
      "Your vote: Approve for the Proposed Solution on the Change Board's decision ballot for MP001; you can change it until the ballot closes (at the latest Tue 8 Dec 2026, 17:00). " +
        'You have not voted on Alternative Solution A1 "Cheaper" and Alternative Solution A2 "Faster" yet: vote MP001 approve|reject|abstain A1|A2.',
    );
    const none = voteConfirmation(m, decision(s), { option: 'approve', solution: 'S0', left: [] });
    expect(none).toMatch(/until the ballot closes \(at the latest Tue 8 Dec 2026, 17:00\)\.$/);
    const alt = voteConfirmation(m, decision(s), {
      option: 'approve',
      solution: 'S0',
      left: ['A1', 'A2'],
      note: ' as alternate for Cb2',
      alternateFor: 'Cb2',
    });
    expect(commandsAs(alt, undefined)).toContain(
      'No vote has been cast for Cb2 on Alternative Solution A1 "Cheaper" and Alternative Solution A2 "Faster" yet: vote MP001 approve|reject|abstain A1|A2.',
    );
  });
});

describe('R34 R71 the reminder DM text says which solutions are left, as its card does', () => {
  it('to a voter who voted on one solution: the others by name; to one who voted on none: the ballot', () => {
    const s = perSolution();
    const N = new Notify(s);
    N.run('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    const fired = N.advance('2026-12-07T17:30').flat();
    const own = to(fired, 'person:cb1').find((n) => n.card?.key === 'ballot-reminder:1:decision-1');
    expect(own?.text).toBe(
      'You have not voted on the Proposed Solution and Alternative Solution A2 "Faster" in the Change Board decision ballot on MP001 "Faster switching"; it closes Tue 8 Dec 2026, 17:00.',
    );
    expect(own?.card?.text).toContain(
      'You have not voted on the Proposed Solution and Alternative Solution A2 "Faster" yet.',
    );
    const other = to(fired, 'person:cb2').find((n) => n.card?.key === 'ballot-reminder:1:decision-1');
    expect(other?.text).toBe(
      'You have not voted on the Change Board decision ballot on MP001 "Faster switching"; it closes Tue 8 Dec 2026, 17:00.',
    );
  });
});

describe('R34 R71 the open card names the solutions each voter still owes, never their ids', () => {
  it('"waiting for Cb1 (on the Proposed Solution and …)", not "(on S0, A2)"', () => {
    const s = perSolution();
    s.ok('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    const card = ballotCard(s.mod(1), decision(s), s.ctx('sam'));
    const progress = card.fields.find((f) => f.label === 'Progress')?.value;
    expect(progress).toBe(
      '0 of 5 voted on every solution, 1 on some; waiting for Cb1 (on the Proposed Solution and Alternative Solution A2 "Faster"), Cb2, Cb3, Cb4, Cb5',
    );
    // An Alternative Solution's name has its letter and number, as the register names it; S0 is no name.
    expect(progress).not.toMatch(/\(on (S0|A1|A2)|S0/);
  });
});
