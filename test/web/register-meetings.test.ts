// R82, R84: a confirmed Working Group meeting is a coming date on the register, as chat says it is:
// the modification page's "Coming deadlines" and its timeline, the list's "Next deadline" and the
// twins. It left the register once SECAS confirmed it (it was shown only while being arranged), so the
// feed entry's link opened a page without it. Chat's status keeps it on its own line, not among the
// deadlines.
import { describe, expect, it } from 'vitest';
import { linksWith } from '../../adapters/web/html.ts';
import { recordHtml } from '../../adapters/web/record-html.ts';
import { deadlineLines } from '../../src/domain/words.ts';
import type { StoredEntry } from '../../src/views/register.ts';
import { CSV_COLUMNS, registerEntry } from '../../src/views/register.ts';
import { modificationRecord } from '../../src/views/register-record.ts';
import { givenDp, londonTime } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();

/** DP001 in development with a Working Group and a meeting confirmed for Wed 9 Dec 2026, 14:00. */
function confirmed() {
  const s = givenDp({ start: '2026-12-01T10:00', status: 'development', wg: ['alice', 'cb1', 'cb2'] });
  s.ok('sam', { type: 'meeting-propose', ref: 1, slots: [iso('2026-12-09T14:00'), iso('2026-12-10T10:00')] });
  s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
  return s;
}

const entryOf = (s: ReturnType<typeof confirmed>): StoredEntry => ({
  state: s.mod(1),
  proposerName: 'Alice Proposer',
  lastChange: s.now,
});

describe('R82 a confirmed Working Group meeting on the register', () => {
  it('is the next date on the list, in words, and in the CSV and JSON twins', () => {
    const s = confirmed();
    const e = registerEntry(entryOf(s));
    expect(e.stage).toBe('Working Group developing the solution');
    expect(e.nextDeadline).toEqual({
      label: 'Working Group meeting',
      due: '2026-12-09T14:00:00+00:00',
      text: 'Wed 9 Dec 2026, 14:00',
    });
    const cell = (name: string) => CSV_COLUMNS.find(([n]) => n === name)?.[1](e);
    expect(cell('next_deadline')).toBe('Working Group meeting');
    expect(cell('next_deadline_due')).toBe('2026-12-09T14:00:00+00:00');
    // Chat's status keeps the meeting off its deadline lines: it has a line of its own there.
    expect(deadlineLines(s.mod(1))).toEqual([]);
  });

  it('is among the coming deadlines and a mark on the timeline of the modification page', () => {
    const s = confirmed();
    const r = modificationRecord(entryOf(s), [], {
      showVotes: false,
      people: [],
      calendar: s.calendar,
      now: s.now,
    });
    expect(r.deadlines.map((d) => `${d.label}: ${d.text}`)).toEqual([
      'Working Group meeting: Wed 9 Dec 2026, 14:00',
    ]);
    expect(r.timeline.deadlines).toEqual([
      expect.objectContaining({
        label: 'Working Group meeting',
        text: 'Wed 9 Dec 2026, 14:00',
        passed: false,
      }),
    ]);
    const page = recordHtml(r, linksWith(undefined));
    const coming = page.slice(page.indexOf('Coming deadlines'));
    expect(coming).toContain(
      'Working Group meeting: <time datetime="2026-12-09T14:00:00+00:00">Wed 9 Dec 2026, 14:00</time>',
    );
    expect(coming).not.toContain('<p>None.</p>');
  });

  it('a cancelled meeting is not a coming date; a held one stays on the timeline', () => {
    const cancelled = confirmed();
    cancelled.ok('sam', { type: 'meeting-cancel', ref: 1 });
    expect(registerEntry(entryOf(cancelled)).nextDeadline).toBeNull();

    const held = confirmed();
    held.at('2026-12-09T16:00');
    held.ok('sam', { type: 'meeting-held', ref: 1, attended: ['alice', 'cb1'] });
    expect(registerEntry(entryOf(held)).nextDeadline).toBeNull();
    const r = modificationRecord(entryOf(held), [], {
      showVotes: false,
      people: [],
      calendar: held.calendar,
      now: held.now,
    });
    expect(r.timeline.deadlines).toEqual([
      expect.objectContaining({
        label: 'Working Group meeting',
        text: 'Wed 9 Dec 2026, 14:00',
        passed: true,
      }),
    ]);
  });
});
