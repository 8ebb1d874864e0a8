// R41 R73: a held Working Group meeting reads in the history as its record: its time, who attended, who
// sent comments, who is deemed to have read the papers, and the notes; a cancelled one says which; and
// status shows the last meeting held.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/domain/history.ts';
import { historyLines } from '../../src/domain/history.ts';
import { status } from '../../src/domain/query-status.ts';
import { Scenario, givenDp, londonTime } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();

function confirmed(): Scenario {
  const s = givenDp({ status: 'development', wg: ['alice', 'cb1', 'cb2', 'cb3', 'cb4'] });
  s.ok('sam', {
    type: 'meeting-propose',
    ref: 1,
    slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')],
  });
  s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
  return s;
}

const lines = (s: Scenario): string[] => {
  const entries: HistoryEntry[] = s.history.flatMap((h) =>
    h.events.map(({ type, ...payload }) => ({ type, at: h.at, actor: 'sam', payload })),
  );
  return historyLines(entries, s.ctx('sam'), 1);
};

describe('R41 R73 meetings in the history and status', () => {
  it('a held meeting: its time, attendees, comments, each deemed member and the notes, on one line', () => {
    const s = confirmed().at('2026-12-07T16:00');
    s.ok('sam', {
      type: 'meeting-held',
      ref: 1,
      attended: ['alice', 'cb1'],
      comments: ['cb2'],
      notes: 'Talked',
    });
    const held = lines(s).find((l) => l.includes('held'));
    expect(held).toContain(
      'Working Group meeting of Mon 7 Dec 2026, 14:00 held. Attended: Alice, Cb1; comments from Cb2; deemed to have read the papers and to have nothing further to add: Cb3, Cb4. Notes: Talked',
    );
    expect(status(s.world, 1, s.ctx('sam'))).toContain(
      'Last Working Group meeting held: Mon 7 Dec 2026, 14:00; attended: Alice, Cb1; notes: Talked.',
    );
  });

  it('a cancelled confirmed meeting says which', () => {
    const s = confirmed();
    // a withdrawal cancels what is open, the confirmed meeting included
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'No longer needed' });
    const cancelled = lines(s).find((l) => l.includes('cancelled') && l.includes('meeting'));
    expect(cancelled).toContain('Working Group meeting of Mon 7 Dec 2026, 14:00 cancelled');
  });

  it('R78 a meeting SECAS cancelled gives the reason', () => {
    const s = confirmed();
    s.ok('sam', { type: 'meeting-cancel', ref: 1, reason: 'The papers are late' });
    const cancelled = lines(s).find((l) => l.includes('cancelled') && l.includes('meeting'));
    expect(cancelled).toContain(
      'Working Group meeting of Mon 7 Dec 2026, 14:00 cancelled: The papers are late',
    );
  });
});
