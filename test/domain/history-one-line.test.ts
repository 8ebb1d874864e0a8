// R73 R76: each history entry is one line; line breaks in what a person typed (an objection reason, a
// view's comments, a withdrawal reason) are joined with " / " so no part of it stands undated apart.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/domain/history.ts';
import { formatHistory, historyLines } from '../../src/domain/history.ts';

const people = [
  { id: 'pat', email: 'pat@example.org', name: 'Pat Chair', roles: ['panel_chair' as const] },
  { id: 'cb1', email: 'cb1@example.org', name: 'Carys Board', roles: ['change_board' as const] },
];
const ctx = { people };
const e = (at: string, actor: string, type: string, payload: Record<string, unknown>): HistoryEntry => ({
  type,
  at,
  actor,
  payload: { n: 1, ...payload },
});

describe('history entries with line breaks in typed text (R73, R76)', () => {
  const entries = [
    e('2026-12-14T10:00:00.000Z', 'pat', 'Raised', { title: 'Fix\nthe title' }),
    e('2026-12-14T10:01:00.000Z', 'cb1', 'Objected', { reason: 'We rely on D3.4\nin our contracts' }),
    e('2026-12-14T10:02:00.000Z', 'cb1', 'ViewGiven', {
      view: { member: 'cb1', stance: 'support', rationale: 'Good idea.\r\n\r\nBut check the costs.', at: '' },
    }),
    e('2026-12-14T10:03:00.000Z', 'pat', 'Withdrawn', { reason: 'Superseded\n  by DP004\n' }),
  ];

  it('keeps each entry on one dated line', () => {
    const lines = historyLines(entries, ctx, 1);
    expect(lines).toEqual([
      'Mon 14 Dec 2026, 10:00 · Pat Chair · Raised "Fix / the title"',
      'Mon 14 Dec 2026, 10:01 · Carys Board · Objected to Fast Track: We rely on D3.4 / in our contracts',
      'Mon 14 Dec 2026, 10:02 · Carys Board · Gave a view: Support (Good idea. / But check the costs.)',
      'Mon 14 Dec 2026, 10:03 · Pat Chair · Withdrawn: Superseded / by DP004',
    ]);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  });

  it('the formatted page has one line per entry after its heading', () => {
    const text = formatHistory('DP001', entries, ctx);
    expect(text.split('\n')).toHaveLength(1 + entries.length);
  });
});
