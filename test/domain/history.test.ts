// R73: `history <ref>` reads as a record: when (London), who, and what changed in words with its values,
// oldest first, 20 a page; no event names or ids (R71).
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/ballots.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { HistoryEntry } from '../../src/domain/history.ts';
import { HISTORY_PAGE, formatHistory, historyLines } from '../../src/domain/history.ts';
import { commandsAs } from '../../src/views/hints.ts';

const people = [
  { id: 'pat', email: 'pat@example.org', name: 'Pat Chair', roles: ['panel_chair' as const] },
  { id: 'sam', email: 'sam@example.org', name: 'Sam Secretariat', roles: ['secas' as const] },
  { id: 'cb1', email: 'cb1@example.org', name: 'Carys Board', roles: ['change_board' as const] },
  { id: 'alt1', email: 'alt1@example.org', name: 'Alan Alternate', roles: ['change_board' as const] },
];
const ctx = { people };
const ballot: Ballot = {
  id: 'fasttrack-1',
  kind: 'fasttrack',
  question: 'Fast Track?',
  options: ['approve', 'reject', 'abstain'],
  solutions: ['S0'],
  rule: 'unanimous',
  seats: [{ member: 'pat' }],
  quorum: 1,
  status: 'open',
  openedAt: '2026-12-14T10:00:00.000Z',
  votes: [],
};
const e = (at: string, actor: string, type: string, payload: Record<string, unknown>): HistoryEntry => ({
  type,
  at,
  actor,
  payload: { n: 1, ...payload },
});
const story: HistoryEntry[] = [
  e('2026-12-14T10:00:00.000Z', 'pat', 'BallotOpened', { ballot }),
  e('2026-12-14T10:05:00.000Z', 'pat', 'VoteCast', {
    ballotId: 'fasttrack-1',
    voter: 'pat',
    seat: 'pat',
    option: 'approve',
    solution: 'S0',
    at: '',
  }),
  e('2026-12-14T10:06:00.000Z', 'sam', 'DeadlineSet', {
    deadline: {
      id: '1.9.0',
      what: 'views-close',
      due: '2026-12-18T17:00:00.000Z',
      calendarVersion: 'v',
      status: 'pending',
      reminder: false,
    },
  }),
  e('2026-12-14T10:06:00.000Z', 'sam', 'DeadlineSet', {
    deadline: {
      id: '1.9.1',
      what: 'reminder:views-close',
      due: '2026-12-17T17:00:00.000Z',
      calendarVersion: 'v',
      status: 'pending',
      reminder: true,
    },
  }),
  e('2026-12-14T10:07:00.000Z', 'pat', 'StatusChanged', { from: 'awaiting_panel', to: 'fast_track_window' }),
  e('2026-12-17T17:00:00.000Z', 'system', 'DeadlineFired', { id: '1.9.1' }),
  e('2026-12-17T17:00:00.000Z', 'system', 'ReminderSent', {
    deadlineId: '1.9.1',
    what: 'reminder:views-close',
    to: ['cb1', 'alt1'],
  }),
  e('2026-12-18T09:00:00.000Z', 'sam', 'DeadlineCancelled', { id: '1.9.0' }),
  e('2026-12-18T09:00:00.000Z', 'sam', 'DeadlineCancelled', { id: '1.9.1' }),
];

describe('R73 history in words', () => {
  it('says when (London), who and what changed with its values; skips the timers people never see', () => {
    expect(historyLines(story, ctx, 1)).toEqual([
      'Mon 14 Dec 2026, 10:00 · Pat Chair · Opened the Panel Fast Track ballot (Approve / Reject / Abstain); the chair closes it',
      'Mon 14 Dec 2026, 10:05 · Pat Chair · Voted Approve on the Panel Fast Track ballot',
      'Mon 14 Dec 2026, 10:06 · the bot · Change Board views close: Fri 18 Dec 2026, 17:00 (set when Sam Secretariat made a change)',
      'Mon 14 Dec 2026, 10:07 · Pat Chair · Awaiting the Panel → Fast Track objection window',
      'Thu 17 Dec 2026, 17:00 · the bot · Reminder sent to 2 people: Change Board views close, Fri 18 Dec 2026, 17:00',
      'Fri 18 Dec 2026, 09:00 · the bot · No longer applies: Change Board views close, Fri 18 Dec 2026, 17:00 (dropped when Sam Secretariat made a change)',
    ]);
  });

  it('names the seat when an alternate votes in it', () => {
    const alt = e('2026-12-14T10:05:00.000Z', 'alt1', 'VoteCast', {
      ballotId: 'fasttrack-1',
      voter: 'alt1',
      seat: 'cb1',
      option: 'reject',
      solution: 'S0',
      at: '',
    });
    expect(historyLines([story[0] as HistoryEntry, alt], ctx, 1)[1]).toBe(
      "Mon 14 Dec 2026, 10:05 · Alan Alternate · Voted Reject on the Panel Fast Track ballot in Carys Board's seat",
    );
  });

  it('R35 R71 a closed ballot says its verdict once, then the rule and counts that gave it', () => {
    const tally = (solution: string, passed: boolean, explanation: string) => ({
      solution,
      counts: {},
      for: 0,
      against: 0,
      voted: 0,
      eligible: 0,
      passed,
      explanation,
    });
    const closed = (tallies: ReturnType<typeof tally>[], passed: boolean) =>
      e('2026-12-15T10:00:00.000Z', 'pat', 'BallotClosed', {
        ballotId: 'fasttrack-1',
        cancelled: false,
        tallies,
        passed,
      });
    const one = closed(
      [tally('S0', true, 'voting groups: 1 group for, 0 groups against (2 approve, 1 against) — passed')],
      true,
    );
    expect(historyLines([story[0] as HistoryEntry, one], ctx, 1)[1]).toBe(
      'Tue 15 Dec 2026, 10:00 · Pat Chair · The Panel Fast Track ballot closed: passed, under voting groups: 1 group for, 0 groups against (2 approve, 1 against)',
    );
    const two = closed(
      [
        tally('S0', true, 'simple majority: 3 approve, 2 against — passed'),
        tally('A1', false, 'simple majority: 1 approve, 4 against — failed'),
      ],
      true,
    );
    // R71: each solution in words ("the Proposed Solution"), by the title it was added with; a text
    // stored before the words changed ("3 approve, 2 against") is read as it was stored.
    const added = e('2026-12-14T09:00:00.000Z', 'sam', 'SolutionAdded', { id: 'A1', title: 'Phase it in' });
    expect(historyLines([added, story[0] as HistoryEntry, two], ctx, 1)[2]).toBe(
      'Tue 15 Dec 2026, 10:00 · Pat Chair · The Panel Fast Track ballot closed: the Proposed Solution passed, under simple majority: 3 approve, 2 against; Alternative Solution A1 "Phase it in" failed, under simple majority: 1 approve, 4 against',
    );
    // The words of a ballot closed now: the verdict is still said once.
    const now = closed(
      [
        tally('S0', false, 'simple majority: 1 vote to approve, 1 vote to reject, 1 abstention — failed'),
        tally('A1', true, 'simple majority: 2 votes to approve, 1 vote to reject — passed'),
      ],
      true,
    );
    expect(historyLines([added, story[0] as HistoryEntry, now], ctx, 1)[2]).toBe(
      'Tue 15 Dec 2026, 10:00 · Pat Chair · The Panel Fast Track ballot closed: the Proposed Solution failed, under simple majority: 1 vote to approve, 1 vote to reject, 1 abstention; Alternative Solution A1 "Phase it in" passed, under simple majority: 2 votes to approve, 1 vote to reject',
    );
  });

  it('pages 20 changes at a time, oldest first, and says where the next page is', () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      e(new Date(Date.UTC(2026, 11, 1, 9, i)).toISOString(), 'sam', 'CommentSent', {
        text: `note ${i + 1}`,
        by: 'sam',
      }),
    );
    expect(HISTORY_PAGE).toBe(20);
    const one = commandsAs(formatHistory('DP001', many, ctx), undefined).split('\n');
    expect(one[0]).toBe('History of DP001, page 1 of 3 (45 changes):');
    expect(one[1]).toBe('Tue 1 Dec 2026, 09:00 · Sam Secretariat · Critical-friend comments sent: note 1');
    expect(one).toHaveLength(22);
    expect(one.at(-1)).toBe('More: history DP001 page 2');
    const three = commandsAs(formatHistory('DP001', many, ctx, 3), undefined).split('\n');
    expect(three[0]).toBe('History of DP001, page 3 of 3 (45 changes):');
    expect(three.slice(1)).toHaveLength(5);
    expect(three.at(-1)).toMatch(/note 45$/);
    expect(commandsAs(formatHistory('DP001', many, ctx, 4), undefined)).toBe(
      'History of DP001 has 3 pages; try history DP001 page 3.',
    );
    expect(formatHistory('DP001', [], ctx)).toBe('History of DP001: nothing recorded yet.');
  });

  it('the grammar reads `history DP003 page 2` and `history DP003 2`, and refuses a page that is not a number', () => {
    for (const text of ['history DP003 page 2', 'history DP003 2'])
      expect(parse(text)).toEqual({
        ok: true,
        input: { kind: 'query', query: { kind: 'history', ref: 3, page: 2 } },
      });
    expect(parse('history DP003')).toEqual({
      ok: true,
      input: { kind: 'query', query: { kind: 'history', ref: 3 } },
    });
    const bad = parse('history DP003 page two');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.usage).toBe('history <ref> [page <n>]');
  });
});
