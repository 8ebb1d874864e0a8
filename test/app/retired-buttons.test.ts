// R75: a button is live only while it can still do what it says. When a ballot closes (at its deadline,
// by SECAS, or cancelled because its modification left its status), each reminder DM that carried its
// vote buttons is re-rendered (same card key, same person, so the outbox updates it in place) without
// them, saying why; a click on an old button names its ballot and is refused with when it closed, also
// for a ballot closed before closing times were recorded.
import { describe, expect, it } from 'vitest';
import { BOARD, toDecision, toReport } from '../support/formal.ts';
import { Notify, audiences } from './notify-harness.ts';
import type { Notification } from '../../src/app/notification.ts';
import { isRefusal } from '../../src/domain/types.ts';

const reminded = BOARD.map((h) => `person:${h}`);
const reminderCards = (ns: readonly Notification[]) =>
  ns.filter((n) => n.card?.key === 'ballot-reminder:1:decision-1');

function remindedBallot(): Notify {
  const s = toReport({ determination: 'self-governance' });
  toDecision(s);
  const N = new Notify(s);
  // R34: one Working Day before the close, every voter who has not voted gets the buttons by DM.
  const fired = N.advance('2026-12-07T17:30').flat();
  const sent = reminderCards(fired);
  expect(
    audiences(sent)
      .filter((a) => reminded.includes(a))
      .sort(),
  ).toEqual(reminded);
  for (const n of sent) expect(n.card?.buttons.map((b) => b.action)).toContain('vote');
  return N;
}

describe('R75 reminder DMs lose their vote buttons when the ballot is over', () => {
  it('R34 R75 closed at its deadline: each reminded voter’s DM is re-rendered without buttons, saying when and how', () => {
    const N = remindedBallot();
    N.run('cb1', { type: 'vote', ref: 1, option: 'approve' });
    const closed = reminderCards(N.advance('2026-12-08T17:30').flat());
    expect(
      audiences(closed)
        .filter((a) => reminded.includes(a))
        .sort(),
    ).toEqual(reminded);
    for (const n of closed) {
      expect(n.card?.buttons).toEqual([]);
      expect(n.card?.text).toContain(
        'This ballot closed on Tue 8 Dec 2026, 17:00: Passed under simple majority. The buttons are retired',
      );
      expect(n.text).toContain('This ballot closed on Tue 8 Dec 2026, 17:00');
    }
    // The old button (it carries the ballot id) is refused with the dates, and nothing is written.
    const r = N.s.exec('cb2', { type: 'vote', ref: 1, option: 'reject', ballot: 'decision-1' });
    expect(isRefusal(r) && [r.code, r.message]).toEqual([
      'ballot_closed',
      "The Change Board's decision ballot for MP001 of Tue 1 Dec 2026 closed on Tue 8 Dec 2026, 17:00; your vote was not counted.",
    ]);
  });

  it('R57 R75 cancelled because the proposer withdrew the modification: the reminders say so, without buttons', () => {
    const N = remindedBallot();
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'Overtaken by events' });
    const retired = reminderCards(ns);
    expect(
      audiences(retired)
        .filter((a) => reminded.includes(a))
        .sort(),
    ).toEqual(reminded);
    for (const n of retired) {
      expect(n.card?.buttons).toEqual([]);
      expect(n.card?.text).toContain('This ballot was cancelled on Mon 7 Dec 2026, 17:30');
      expect(n.card?.text).toContain('MP001 is now withdrawn');
    }
  });

  it('R75 a ballot closed before closing times were recorded: an old click is refused, saying it is closed', () => {
    const N = remindedBallot();
    N.run('sam', { type: 'ballot-close', ref: 1 });
    // A projection written before ballots kept closedAt.
    const b = N.s.mod(1).ballots.find((x) => x.id === 'decision-1');
    if (!b) throw new Error('no ballot');
    delete b.closedAt;
    const r = N.s.exec('cb2', { type: 'vote', ref: 1, option: 'approve', ballot: 'decision-1' });
    expect(isRefusal(r) && [r.code, r.message]).toEqual([
      'ballot_closed',
      "The Change Board's decision ballot for MP001 of Tue 1 Dec 2026 is closed; your vote was not counted.",
    ]);
    // Typed, `vote` still means the open ballot: none is open, so the same reason.
    const typed = N.s.exec('cb2', { type: 'vote', ref: 1, option: 'approve' });
    expect(isRefusal(typed) && typed.code).toBe('ballot_closed');
  });
});
