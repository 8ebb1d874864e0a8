// R20, R29, R57, R60 and SPEC §7 (Working Group members are told of the group and its meetings): when a
// modification is withdrawn, closed or merged, each member of its Working Group is told, once, how it
// ended and that the group's work on it ends. The proposer hears through the status DM; a member whose
// confirmed meeting is cancelled reads it in that meeting's calendar update; a member whose vote was
// cancelled reads it in that same message.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { toDraftReport, toRefinement } from '../support/formal.ts';
import { Scenario, givenDp } from '../support/scenario.ts';
import type { Cmd } from './notify-harness.ts';
import { MEETING_SLOTS, Notify, confirmedMeeting, one, to } from './notify-harness.ts';

const ENDED =
  'MP001 "Faster switching" was withdrawn by its proposer, Alice: Solved elsewhere. The Working Group\'s work on it ends.';
const WITHDRAW: Cmd = { type: 'withdraw', ref: 1, reason: 'Solved elsewhere' };
/** A message that is news, not a card edited in place (R75) nor a calendar file. */
const news = (ns: Notification[], who: string) => to(ns, who).filter((n) => !n.card && !n.file);

describe('R20 R57 a withdrawal reaches the Working Group', () => {
  it('each member but the proposer gets one DM saying so, with its reason', () => {
    const ns = new Notify(toRefinement()).run('alice', WITHDRAW);
    for (const p of ['bob', 'cb1', 'cb2', 'cb3'])
      expect(to(ns, `person:${p}`).map((n) => n.text)).toEqual([ENDED]);
    expect(to(ns, 'person:alice')).toHaveLength(1);
    expect(one(ns, 'person:alice').text).toContain('Status: Refinement → Withdrawn (Solved elsewhere)');
  });

  it('a member whose vote was cancelled reads both in one message', () => {
    const s = toRefinement();
    toDraftReport(s);
    const N = new Notify(s);
    N.run('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    N.run('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    const ns = N.run('alice', WITHDRAW);
    const dm = news(ns, 'person:cb1');
    expect(dm).toHaveLength(1);
    expect(dm[0]?.text).toContain('sufficiency ballot on MP001 "Faster switching" was cancelled');
    expect(dm[0]?.text).toContain(ENDED);
    expect(news(ns, 'person:cb2').map((n) => n.text)).toEqual([ENDED]);
  });

  it('R78 a member whose confirmed meeting is cancelled reads it in the calendar update, and nothing more', () => {
    const { N } = confirmedMeeting();
    const ns = N.run('alice', WITHDRAW);
    for (const p of ['bob', 'cb1']) {
      expect(news(ns, `person:${p}`)).toEqual([]);
      const update = to(ns, `person:${p}`).find((n) => n.file);
      expect(update?.text).toBe(
        `Calendar update: the MP001 "Faster switching" Working Group meeting of Mon 14 Dec 2026, 14:00 is cancelled; this update removes it from your calendar. ${ENDED}`,
      );
    }
    // The proposer withdrew it: their update is the plain calendar update.
    expect(to(ns, 'person:alice').find((n) => n.file)?.text).not.toContain('withdrawn by');
  });

  it('a member whose poll is withdrawn (its card edited in place) is told by one new message', () => {
    const N = new Notify(toRefinement());
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: MEETING_SLOTS });
    const ns = N.run('alice', WITHDRAW);
    expect(news(ns, 'person:cb1').map((n) => n.text)).toEqual([ENDED]);
  });
});

describe('R29 R60 closing and merging reach the Working Group too', () => {
  it('R29 a close by the Panel chair names the chair and the reason', () => {
    const N = new Notify(givenDp({ status: 'development', wg: ['alice', 'cb1', 'cb2', 'cb3', 'cb4'] }));
    N.s.at('2027-02-26T10:00');
    N.run('chair', { type: 'panel-stall-notice', ref: 1 });
    N.s.at('2027-03-12T17:00');
    const ns = N.run('chair', { type: 'panel-close', ref: 1, reason: 'No progress since December' });
    expect(N.s.mod(1).status).toBe('closed');
    for (const p of ['cb1', 'cb4'])
      expect(to(ns, `person:${p}`).map((n) => n.text)).toEqual([
        'DP001 "Tariff data" was closed by the Panel chair, Chair: No progress since December. The Working Group\'s work on it ends.',
      ]);
    expect(to(ns, 'person:alice')).toHaveLength(1);
  });

  it('R60 a merge tells the absorbed DP’s Working Group once, with who merged it and into what', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'One', problem: 'P1' });
    N.run('bob', { type: 'raise', title: 'Two', problem: 'P2' });
    N.run('chair', { type: 'panel-route', ref: 1, route: 'development' });
    N.run('chair', { type: 'panel-route', ref: 2, route: 'development' });
    // R60: DP002's Working Group is the Change Board at routing, and its proposer.
    expect(N.s.mod(2).workingGroup?.members).toContain('cb5');
    const ns = N.run('sam', { type: 'merge', ref: 2, into: 1 });
    for (const p of ['cb1', 'cb5'])
      expect(to(ns, `person:${p}`).map((n) => n.text)).toEqual([
        'DP002 "Two" was merged into DP001 "One" by Sam and closes as merged. The Working Group\'s work on it ends.',
      ]);
    expect(to(ns, 'person:bob')).toHaveLength(1);
    expect(one(ns, 'person:bob').text).toContain('Status: Development → Merged (merged into DP001)');
  });
});
