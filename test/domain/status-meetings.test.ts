// R40, R63, R66 `status`: SECAS may confirm the next Working Group meeting, or poll for it, while an
// earlier one is still to come. status lists every confirmed meeting not yet held, in time order, and a
// newer poll beside them: before, it showed only the newest meeting, so a confirmed meeting vanished
// from status as soon as the next poll opened.
import { describe, expect, it } from 'vitest';
import { status } from '../../src/domain/query-status.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { givenDp, londonTime } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();
const meetingLines = (text: string) =>
  commandsAs(text, undefined)
    .split('\n')
    .filter((l) => /Working Group meeting/.test(l));

describe('R63 status and several meetings', () => {
  it('a confirmed meeting stays in status while the next is polled, then both are listed', () => {
    const s = givenDp({ status: 'development', wg: ['alice', 'cb1', 'cb2', 'cb3', 'cb4'] });
    s.ok('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')],
    });
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    expect(meetingLines(status(s.world, 1, s.ctx('sam')))).toEqual([
      'Working Group meeting: Mon 7 Dec 2026, 14:00.',
    ]);

    s.ok('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: [iso('2026-12-14T14:00'), iso('2026-12-15T10:00')],
    });
    expect(meetingLines(status(s.world, 1, s.ctx('sam')))).toEqual([
      'Working Group meeting: Mon 7 Dec 2026, 14:00.',
      'Working Group meeting proposed: 1) Mon 14 Dec 2026, 14:00; 2) Tue 15 Dec 2026, 10:00.',
    ]);

    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    expect(meetingLines(status(s.world, 1, s.ctx('sam')))).toEqual([
      'Working Group meetings: Mon 7 Dec 2026, 14:00; Tue 15 Dec 2026, 10:00.',
    ]);
  });
});
