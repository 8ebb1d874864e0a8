// R73: a deadline is set or dropped by the bot as a consequence of what a person did; its history line is
// the bot's and names whose change caused it, rather than reading as if that person set the deadline.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/domain/history.ts';
import { historyLines } from '../../src/domain/history.ts';

const people = [
  { id: 'alice', email: 'alice@example.org', name: 'Alice Proposer', roles: ['party' as const] },
  { id: 'sam', email: 'sam@example.org', name: 'Sam Secretariat', roles: ['secas' as const] },
  { id: 'chair', email: 'chair@example.org', name: 'Hal Chair', roles: ['panel_chair' as const] },
];
const ctx = { people };
const e = (at: string, actor: string, type: string, payload: Record<string, unknown>): HistoryEntry => ({
  type,
  at,
  actor,
  payload: { n: 1, ...payload },
});
const deadline = (id: string, what: string, due: string, reminder = false) => ({
  deadline: { id, what, due, calendarVersion: 'v', status: 'pending', reminder },
});
const RAISE = '2027-01-11T09:01:00.000Z';
const ROUTE = '2027-01-21T10:03:00.000Z';

describe('R73 deadlines in the history are the bot’s', () => {
  it('a deadline set by a raise reads as the bot’s, set when the proposer raised it', () => {
    const lines = historyLines(
      [
        e(RAISE, 'alice', 'Raised', {
          title: 'Faster switching',
          problem: 'Slow',
          proposer: 'alice',
          fastTrackRequested: false,
          at: RAISE,
        }),
        e(RAISE, 'alice', 'DeadlineSet', deadline('1.0.0', 'secas-comments', '2027-01-18T17:00:00.000Z')),
        e(
          RAISE,
          'alice',
          'DeadlineSet',
          deadline('1.0.1', 'reminder:secas-comments', '2027-01-15T17:00:00.000Z', true),
        ),
      ],
      ctx,
      1,
    );
    expect(lines).toEqual([
      'Mon 11 Jan 2027, 09:01 · Alice Proposer · Raised "Faster switching"',
      'Mon 11 Jan 2027, 09:01 · the bot · SECAS critical-friend comments: Mon 18 Jan 2027, 17:00 (set when Alice Proposer raised it)',
    ]);
    expect(lines.join('\n')).not.toContain('Alice Proposer · SECAS critical-friend comments');
  });

  it('a deadline dropped and another set by one command both name what the person did', () => {
    const lines = historyLines(
      [
        e(ROUTE, 'chair', 'TimetableSet', { item: 'draft-report', date: '2027-02-10' }),
        e(
          ROUTE,
          'chair',
          'DeadlineSet',
          deadline('1.3.0', 'timetable:draft-report', '2027-02-10T17:00:00.000Z'),
        ),
        e('2027-01-22T10:00:00.000Z', 'chair', 'TimetableSet', { item: 'draft-report', date: '2027-02-12' }),
        e('2027-01-22T10:00:00.000Z', 'chair', 'DeadlineCancelled', { id: '1.3.0' }),
        e(
          '2027-01-22T10:00:00.000Z',
          'chair',
          'DeadlineSet',
          deadline('1.4.0', 'timetable:draft-report', '2027-02-12T17:00:00.000Z'),
        ),
      ],
      ctx,
      1,
    );
    expect(lines).toEqual([
      'Thu 21 Jan 2027, 10:03 · Hal Chair · Planned date for Draft Modification Report: Wed 10 Feb 2027',
      'Thu 21 Jan 2027, 10:03 · the bot · Planned date for Draft Modification Report: Wed 10 Feb 2027, 17:00 (set when Hal Chair planned Draft Modification Report)',
      'Fri 22 Jan 2027, 10:00 · Hal Chair · Planned date for Draft Modification Report: Fri 12 Feb 2027',
      'Fri 22 Jan 2027, 10:00 · the bot · No longer applies: planned date for Draft Modification Report, Wed 10 Feb 2027, 17:00 (dropped when Hal Chair planned Draft Modification Report)',
      'Fri 22 Jan 2027, 10:00 · the bot · Planned date for Draft Modification Report: Fri 12 Feb 2027, 17:00 (set when Hal Chair planned Draft Modification Report)',
    ]);
  });

  it('the bot’s own deadlines (the scheduler’s) keep the bare attribution', () => {
    const at = '2027-01-26T17:00:00.000Z';
    const lines = historyLines(
      [e(at, 'system', 'DeadlineSet', deadline('1.5.0', 'views-close', '2027-02-02T17:00:00.000Z'))],
      ctx,
      1,
    );
    expect(lines).toEqual([
      'Tue 26 Jan 2027, 17:00 · the bot · Change Board views close: Tue 2 Feb 2027, 17:00',
    ]);
  });

  it('a deadline dropped because the last vote closed the ballot names the vote, not a close (R34)', () => {
    const OPEN = '2027-01-18T10:00:00.000Z';
    const AT = '2027-01-20T11:00:00.000Z';
    const lines = historyLines(
      [
        e(
          OPEN,
          'sam',
          'DeadlineSet',
          deadline('1.4.0', 'ballot-close:sufficiency', '2027-01-25T17:00:00.000Z'),
        ),
        e(AT, 'alice', 'VoteCast', {
          ballotId: 'sufficiency-1',
          voter: 'alice',
          seat: 'alice',
          option: 'sufficient',
          solution: 'S0',
          at: AT,
        }),
        e(AT, 'alice', 'DeadlineCancelled', { id: '1.4.0' }),
      ],
      ctx,
      1,
    );
    expect(lines.at(-1)).toBe(
      'Wed 20 Jan 2027, 11:00 · the bot · No longer applies: Change Board sufficiency ballot closes, Mon 25 Jan 2027, 17:00 (dropped when Alice Proposer cast the last vote, which closed the ballot)',
    );
  });
});
