// R44, R49, R82: `secbot register --csv` is as spreadsheet-safe as the web /register.csv: a title that
// a spreadsheet would read as a formula (= + - @, a tab or a carriage return first) gets an apostrophe,
// with the one function both exports use.
import { describe, expect, it } from 'vitest';
import { runRegister, spreadsheetField } from '../../adapters/cli/register.ts';
import { csvRows } from '../../adapters/web/csv.ts';
import { csvRecords } from '../../adapters/cli/people-csv.ts';
import type { Modification } from '../../src/domain/modification.ts';
import type { RegisterEntry } from '../../src/views/register.ts';

const TITLES = ['@SUM(1+1)', '=HYPERLINK("http://x","y")', '+1', '-2+3', '\tTab', 'Plain, with comma'];

const mods = TITLES.map((title, i) => ({
  number: i + 1,
  isMP: false,
  title,
  status: 'draft',
  proposer: 'ann@example.org',
  raisedAt: '2026-12-03T10:00:00.000Z',
})) as unknown as Modification[];

describe('R49 R82 secbot register --csv is spreadsheet-safe', () => {
  it('a title that would start a formula is written as text, as the web export writes it', async () => {
    const r = await runRegister(['--csv'], async () => mods);
    expect(r.code).toBe(0);
    const titles = csvRecords(r.stdout)
      .records.slice(1)
      .map((x) => x.fields[2]);
    expect(titles).toEqual([
      "'@SUM(1+1)",
      `'=HYPERLINK("http://x","y")`,
      "'+1",
      "'-2+3",
      "'\tTab",
      'Plain, with comma',
    ]);
    expect(r.stdout).toContain("\r\nDP001,1,'@SUM(1+1),draft,");
    // The same cell as the web /register.csv writes it.
    const entry = {
      ref: 'DP001',
      title: '@SUM(1+1)',
      statusText: 'Draft',
      stage: 'x',
      proposer: 'Ann',
      lastChange: new Date('2026-12-03T10:00:00Z'),
    } as unknown as RegisterEntry;
    const web = csvRows([entry]);
    expect(web).toMatch(/^DP001,'@SUM\(1\+1\),Draft,/);
    expect(spreadsheetField('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(spreadsheetField(12)).toBe('12');
  });
});
