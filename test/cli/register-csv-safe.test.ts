// R44, R49, R82: `secbot register --csv` is as spreadsheet-safe as the web /register.csv: a title that
// a spreadsheet would read as a formula (= + - @, a tab or a carriage return first) gets an apostrophe,
// with the one function both exports use.
import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '../../adapters/cli/register.ts';
import { runRegister, spreadsheetField } from '../../adapters/cli/register.ts';
import { csvRows } from '../../adapters/web/csv.ts';
import { csvRecords } from '../../adapters/cli/people-csv.ts';

const TITLES = ['@SUM(1+1)', '=HYPERLINK("http://x","y")', '+1', '-2+3', '\tTab', 'Plain, with comma'];

const rows: RegisterRow[] = TITLES.map((title, i) => ({
  ref: `DP00${i + 1}`,
  number: i + 1,
  title,
  status: 'draft',
  statusText: 'Draft Proposal',
  stage: 'SECAS critical-friend review',
  route: null,
  proposer: 'Ann',
  nextDeadline: null,
  lastChange: '2026-12-03T10:00:00.000Z',
  lastChangeText: 'Thu 3 Dec 2026, 10:00',
  raisedAt: '2026-12-03T10:00:00+00:00',
}));

describe('R49 R82 secbot register --csv is spreadsheet-safe', () => {
  it('a title that would start a formula is written as text, as the web export writes it', async () => {
    const r = await runRegister(['--csv'], async () => rows);
    expect(r.code).toBe(0);
    const titles = csvRecords(r.stdout)
      .records.slice(1)
      .map((x) => x.fields[1]);
    expect(titles).toEqual([
      "'@SUM(1+1)",
      `'=HYPERLINK("http://x","y")`,
      "'+1",
      "'-2+3",
      "'\tTab",
      'Plain, with comma',
    ]);
    expect(r.stdout).toContain("\r\nDP001,'@SUM(1+1),Draft Proposal,");
    // The same rows as the web /register.csv writes them.
    expect(r.stdout.slice(r.stdout.indexOf('\r\n') + 2)).toBe(csvRows(rows));
    expect(spreadsheetField('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(spreadsheetField(12)).toBe('12');
  });
});
