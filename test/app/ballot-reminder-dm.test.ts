// R34: the reminder DM one Working Day before a ballot closes says on its card, not only in the
// notification's text (neither Slack, which shows the blocks, nor Teams shows that text), that it is a
// reminder, that the person has not voted and when the ballot closes; on a ballot per solution, the
// card asks about each solution and lists them (R55).
import { describe, expect, it } from 'vitest';
import { toDecision, toReport } from '../support/formal.ts';
import { Notify, to } from './notify-harness.ts';

describe('R34 the ballot reminder DM card', () => {
  it('says it is a reminder, that the voter has not voted and when the ballot closes', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper', 'Faster'] });
    toDecision(s);
    const N = new Notify(s);
    N.run('cb1', { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    const fired = N.advance('2026-12-07T17:30').flat();
    const dm = to(fired, 'person:cb2').find((n) => n.card?.key === 'ballot-reminder:1:decision-1');
    expect(dm?.card?.text).toContain(
      'You have not voted on this ballot yet. It closes Tue 8 Dec 2026, 17:00 (London time).',
    );
    expect(dm?.card?.text).toContain('Should each solution be approved?');
    expect(dm?.card?.fields).toContainEqual({
      label: 'Solutions',
      value: 'S0 Proposed Solution; A1 Cheaper; A2 Faster',
    });
    expect(dm?.card?.buttons.map((b) => b.action)).toContain('vote');
    // cb1 voted on A1 only: their own reminder names the solutions left, as drawn for them.
    const own = to(fired, 'person:cb1').find((n) => n.card?.key === 'ballot-reminder:1:decision-1');
    expect(own?.card?.text).toContain(
      'You have not voted on the Proposed Solution and Alternative Solution A2 "Faster" yet. It closes Tue 8 Dec 2026, 17:00',
    );
  });
});
