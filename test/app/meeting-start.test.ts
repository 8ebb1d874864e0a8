// R40, R41, R75, R81: a confirmed meeting's start is a deadline of its own. At the start answers close:
// each invited member's meeting card is drawn again without its Attending / Can't attend buttons,
// saying why, and the Slack Home tab of whoever owed an answer (or now owes the record) is drawn again
// then, not at the next change. A routing keeps the meeting's start and reminder; a withdrawal drops them,
// and cancels the meeting only if it is still to come.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { count, eachDatabase, query } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import { givenDp } from '../support/scenario.ts';
import { MEETING_SLOTS, confirmedMeeting, one } from './notify-harness.ts';

const MEMBERS = ['person:alice', 'person:bob', 'person:cb1', 'person:cb2', 'person:cb3'];

describe('R40 R75 a meeting’s start', () => {
  it('sets the start as a deadline at confirmation, fired at the start with a reply in words', () => {
    const { N } = confirmedMeeting();
    const start = N.s.mod(1).deadlines.find((d) => d.what === 'meeting' && d.status === 'pending');
    expect(start).toMatchObject({ subject: 'mtg-1', due: MEETING_SLOTS[0], reminder: false });
    N.advance('2026-12-14T14:00');
    expect(N.s.mod(1).deadlines.find((d) => d.id === start?.id)?.status).toBe('fired');
    // Nothing else changes: the meeting stays confirmed until SECAS records it as held.
    expect(N.s.mod(1).meetings[0]?.status).toBe('confirmed');
  });

  it('draws each member’s card again without its buttons, saying answers are closed', () => {
    const { N } = confirmedMeeting();
    const [, ns = []] = N.advance('2026-12-14T14:00');
    for (const who of MEMBERS) {
      const n = one(ns, who, /has started/);
      expect(commandsAs(n.text, undefined)).toBe(
        'The MP001 "Faster switching" Working Group meeting of Mon 14 Dec 2026, 14:00 has started: answers are closed, and SECAS records who came.',
      );
      expect(n.card?.key).toBe('meeting:1:mtg-1');
      expect(n.card?.buttons).toEqual([]);
      // Answers are closed: a missing one is not "yet" to come (nobody answered here).
      expect(n.card?.fields.find((f) => f.label === 'Your answer')?.value).toBe('none given');
      expect(n.card?.text).toBe(
        'Started at Mon 14 Dec 2026, 14:00 (London time, 60 minutes): answers are closed, and SECAS records who came.',
      );
    }
  });

  it('a card drawn before the start keeps its buttons', () => {
    const { N } = confirmedMeeting();
    const ns = N.run('cb1', { type: 'attend', ref: 1, yes: true });
    expect(one(ns, 'person:cb1').card?.buttons.map((b) => b.label)).toEqual(['Attending', "Can't attend"]);
  });

  it('a meeting cancelled or moved before its start fires nothing at the old time', () => {
    const { N } = confirmedMeeting();
    N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    const fired = N.advance('2026-12-14T15:00').flat();
    expect(fired.filter((n) => /has started/.test(n.text))).toEqual([]);
    const pending = N.s.mod(1).deadlines.filter((d) => d.what === 'meeting' && d.status === 'pending');
    expect(pending.map((d) => d.due)).toEqual([MEETING_SLOTS[1]]);
  });

  it('a routing keeps the meeting’s start and reminder; a withdrawal drops them (R57)', () => {
    const s = givenDp({ status: 'development', wg: ['alice', 'cb1', 'cb2', 'cb3', 'cb4'] });
    s.ok('sam', { type: 'meeting-propose', ref: 1, slots: MEETING_SLOTS });
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    const meetingDeadlines = () =>
      s
        .mod(1)
        .deadlines.filter((d) => d.subject === 'mtg-1' && d.status === 'pending')
        .map((d) => d.what);
    expect(meetingDeadlines()).toEqual(['reminder:meeting', 'meeting']);
    s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dr' });
    s.ok('alice', { type: 'proceed', ref: 1 });
    expect(s.mod(1).status).not.toBe('development');
    expect(meetingDeadlines()).toEqual(['reminder:meeting', 'meeting']);
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    expect(meetingDeadlines()).toEqual([]);
  });

  it('a withdrawal after the meeting’s start leaves it as it was: nobody is told it is cancelled (R57, R78)', () => {
    const { N } = confirmedMeeting();
    N.advance('2026-12-14T15:30');
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    expect(N.s.mod(1).meetings[0]?.status).toBe('confirmed');
    expect(ns.filter((n) => /cancelled|Calendar update/.test(n.text))).toEqual([]);
  });

  it('a withdrawal before it cancels it, with the calendar update (R57, R78)', () => {
    const { N } = confirmedMeeting();
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    expect(N.s.mod(1).meetings[0]?.status).toBe('cancelled');
    expect(one(ns, 'person:cb1', /is cancelled \(/).text).toContain('MP001 is now withdrawn');
  });
});

eachDatabase('R81 the Home tab at a meeting’s start', (db) => {
  it('redraws the tab of each member who opened it, with no command in between', async () => {
    const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now: london('2027-01-08T09:00') });
    const ok = async (who: string, text: string, at: string) => {
      const r = await engine.ask(text, id(who), london(at));
      expect(r.ok, `${text}: ${r.reply}`).toBe(true);
    };
    await ok('chair', 'panel tor https://example.org/tor', '2027-01-08T09:00');
    await ok('alice', 'raise title="Faster switching" problem="Too slow"', '2027-01-11T09:00');
    await ok('sam', 'iar DP001 impacts="Suppliers" route=refinement', '2027-01-12T10:00');
    await ok('sam', 'views open DP001', '2027-01-12T10:05');
    await ok('sam', 'views close DP001', '2027-01-13T12:00');
    await ok('chair', 'panel route DP001 refinement self-governance', '2027-01-14T10:00');
    await ok('sam', 'wg form MP001 bob cb1 cb2 cb3', '2027-01-15T10:00');
    await ok('sam', 'meeting propose MP001 2027-01-26T10:00 2027-01-27T14:00', '2027-01-15T11:00');
    await ok('sam', 'meeting confirm MP001 1', '2027-01-15T15:00');
    const cb1 = await engine.homeOpened(
      { platform: 'slack', platformId: 'UCB1', email: 'cb1@example.org' },
      london('2027-01-15T16:00'),
    );
    expect(cb1).toBe(id('cb1'));
    const refreshes = async () =>
      (
        await query<{ key: string }>(db.store, `select key from outbox where key like 'home:${id('cb1')}:%'`)
      ).map((r) => r.key);
    const opened = await refreshes();
    expect(opened).toHaveLength(1);
    // The reminder the Working Day before changes nothing cb1 owes: no redraw.
    await engine.runDue(london('2027-01-25T09:00'));
    expect(await refreshes()).toEqual(opened);
    // At the start the attendance item goes: the tab is drawn again.
    await engine.runDue(london('2027-01-26T10:00'));
    expect((await refreshes()).length).toBe(opened.length + 1);
    expect(await count(db.store, 'outbox', `key like 'home:%' and key not like 'home:${id('cb1')}:%'`)).toBe(
      0,
    );
    const mine = await engine.ask('mine', id('cb1'), london('2027-01-26T10:00'));
    expect(mine.reply).not.toMatch(/attend/i);
  });
});
