// R82, R84: the register's and the feeds' read models as pure functions over a modification's state:
// the timeline's stages, ballots and Fast Track window in Working Days, the stage in words, the names
// shown, and what goes into a person's feed.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { Modification } from '../../src/domain/modification.ts';
import { createCalendar } from '../../src/domain/working-days.ts';
import { FEED_LIMIT, morningAlarm, personalItems } from '../../src/views/calendar.ts';
import { registerEntry, stageText } from '../../src/views/register.ts';
import type { TimelineEvent } from '../../src/views/timeline.ts';
import { timeline } from '../../src/views/timeline.ts';
import { Scenario, givenDp, londonTime } from '../support/scenario.ts';

/** Runs a typed line as `actor` (the grammar gives the command, the decider must accept it). */
function run(s: Scenario, actor: string, text: string): void {
  const p = parse(text);
  if (!p.ok || p.input.kind !== 'command') throw new Error(`${text}: ${p.ok ? 'a query' : p.message}`);
  s.ok(actor, p.input.command);
}

/** The scenario's history as the store would give the timeline: each event with its time. */
const eventsOf = (s: Scenario): TimelineEvent[] =>
  s.history.flatMap((h) =>
    h.events.map((e) => ({
      type: e.type,
      at: new Date(h.at),
      payload: e as unknown as Record<string, unknown>,
    })),
  );

describe('R82 the timeline on a Working-Day axis', () => {
  it('R82 a Fast Track ended by an objection: stages, the passed Panel ballot, the window cut short', () => {
    const s = new Scenario('2027-01-11T09:00');
    run(s, 'alice', 'raise title="Cross-references" problem="D3.4 points nowhere" fasttrack');
    s.at('2027-01-14T10:00');
    run(s, 'chair', 'panel fasttrack DP001');
    for (const who of ['chair', 'pm1', 'pm2', 'pm3', 'pm4']) run(s, who, 'vote DP001 approve');
    run(s, 'chair', 'ballot close DP001');
    s.at('2027-01-25T15:00');
    run(s, 'bob', 'object DP001 We rely on the wording');
    const t = timeline(s.mod(1), eventsOf(s), s.calendar, londonTime('2027-01-26T12:00'));
    expect(t.stages.map((x) => [x.label, x.from, x.to])).toEqual([
      ['Draft Proposal', 0, 3],
      ['Fast Track objection window', 3, 10],
      ['Awaiting the Panel', 10, 11],
    ]);
    expect(t.stages.at(-1)?.current).toBe(true);
    expect(t.ballots).toEqual([
      expect.objectContaining({ label: 'Panel Fast Track ballot', from: 3, to: 3, outcome: 'passed' }),
    ]);
    expect(t.fastTrack).toMatchObject({ from: 3, to: 10, objected: true, toText: 'Mon 25 Jan 2027, 15:00' });
    expect(t.today).toBe(11);
    expect(t.length).toBe(11);
    expect(t.summary).toBe(
      'Raised Mon 11 Jan 2027, 09:00; 11 Working Days so far. Stages: Draft Proposal, then Fast Track objection window, then Awaiting the Panel. It is now awaiting the Panel. 1 ballot.',
    );
  });

  it('R30 weekends and bank holidays take no room; a projection with no stored events shows its status from the raise', () => {
    const s = givenDp({ start: '2026-12-23T10:00', status: 'development' });
    const t = timeline(s.mod(1), [], createCalendar(), londonTime('2027-01-04T10:00'));
    // 24 Dec, 29–31 Dec and 4 Jan are Working Days after the 23rd; 25, 26 (Boxing Day, substitute 28) and 1 Jan are not.
    expect(t.stages).toEqual([
      expect.objectContaining({ status: 'development', from: 0, to: 5, current: true }),
    ]);
    expect(t.deadlines).toEqual([]);
  });
});

describe('R82 words for the register', () => {
  it('R82 every final status says how it ended; an unknown proposer is never shown by e-mail', () => {
    const s = givenDp();
    const m = s.mod(1);
    const as = (patch: Partial<Modification>): Modification => ({ ...m, ...patch });
    expect(stageText(as({ status: 'implemented', implementAt: '2027-06-24' }))).toBe(
      'Implemented on Thu 24 Jun 2027',
    );
    expect(stageText(as({ status: 'rejected' }))).toBe('Rejected; the decision is final');
    expect(stageText(as({ status: 'merged', links: { ...m.links, mergedInto: 7 } }))).toBe(
      'Merged into DP007',
    );
    expect(stageText(as({ status: 'closed' }))).toBe('Closed by the Panel');
    const e = registerEntry({
      state: m,
      proposerName: undefined,
      lastChange: londonTime('2026-12-01T10:00'),
    });
    expect(e.proposer).toBe('a former participant');
    expect(JSON.stringify(e)).not.toContain('alice');
  });
});

describe('R84 what a personal feed holds', () => {
  const meetingWorld = () => {
    const s = givenDp({
      start: '2027-01-11T09:00',
      status: 'refinement',
      wg: ['bob', 'cb1', 'cb2', 'cb3', 'cb4'],
    });
    run(s, 'sam', 'meeting propose DP001 2027-01-20T14:00 2027-01-21T10:00');
    run(s, 'sam', 'meeting confirm DP001 1');
    return s;
  };

  it('R84 a cancelled meeting stays in the feed as cancelled, so calendars drop it; one long past leaves', () => {
    const s = meetingWorld();
    const bob = s.people.find((p) => p.id === 'bob') as (typeof s.people)[number];
    const m = s.mod(1);
    const cancelled: Modification = {
      ...m,
      meetings: m.meetings.map((x) => ({ ...x, status: 'cancelled' as const })),
    };
    const items = personalItems([cancelled], bob, londonTime('2027-01-15T09:00'));
    expect(items).toEqual([
      expect.objectContaining({ title: 'DP001 Working Group: Tariff data', cancelled: true }),
    ]);
    expect(personalItems([m], bob, londonTime('2027-03-30T09:00'))).toEqual([]);
    expect(
      personalItems(
        [m],
        s.people.find((p) => p.id === 'alice') as (typeof s.people)[number],
        londonTime('2027-01-15T09:00'),
      ),
    ).toEqual([]);
  });

  it(`R84 a feed holds at most ${FEED_LIMIT} entries, the earliest first`, () => {
    const s = meetingWorld();
    const bob = s.people.find((p) => p.id === 'bob') as (typeof s.people)[number];
    const m = s.mod(1);
    const many = Array.from({ length: FEED_LIMIT + 20 }, (_, i) => ({ ...m, number: 1000 + i }));
    const items = personalItems(many, bob, londonTime('2027-01-15T09:00'));
    expect(items).toHaveLength(FEED_LIMIT);
    expect(new Set(items.map((x) => x.uid)).size).toBe(FEED_LIMIT);
  });

  it('R84 the alarm is at 09:00 London on the closing day, or an hour before a closing earlier than 10:00', () => {
    expect(morningAlarm(londonTime('2027-07-06T17:00'))).toBe(480);
    expect(morningAlarm(londonTime('2027-01-06T12:30'))).toBe(210);
    expect(morningAlarm(londonTime('2027-01-06T08:00'))).toBe(60);
  });
});
