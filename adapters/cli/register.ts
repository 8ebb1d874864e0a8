// R49, R82: `secbot register [--json|--csv]`, the Modification Register as the web shows it: the same
// rows (the web register's own view code), newest first, statuses and stages in words, the proposer by
// name and never by e-mail address, so what an operator shares as "the register" is the web one.
// `--csv` is `/register.csv` cell for cell; `--json` is the rows of `/register.json` with `raisedAt`.
import { allEntries } from '../../src/app/register.ts';
import type { RegisterReader } from '../../src/app/web-ports.ts';
import type { RegisterEntry } from '../../src/views/register.ts';
import { CSV_COLUMNS } from '../../src/views/register.ts';
import { isoLondon } from '../../src/domain/working-days.ts';
import { STORE_OPTIONS, helpResult, unknownOption, usageError, wantsHelp } from './args.ts';
import type { CliResult } from './workdays.ts';

/** One row: the web register's entry, and when the modification was raised (R49). */
export interface RegisterRow extends RegisterEntry {
  /** ISO 8601 with the London offset. */
  raisedAt: string;
}

/** The CSV's columns: the web `/register.csv`'s, in its order. */
export const REGISTER_COLUMNS: readonly string[] = CSV_COLUMNS.map(([name]) => name);

/** Every modification, newest first, read a chunk at a time as the web CSV reads them. */
export async function registerRows(reader: RegisterReader): Promise<RegisterRow[]> {
  // The web rows carry no raising time: it is taken from the same reads, by number.
  const raised = new Map<number, string>();
  const noting: RegisterReader = {
    ...reader,
    page: async (filter, offset, limit) => {
      const r = await reader.page(filter, offset, limit);
      for (const e of r.rows) raised.set(e.state.number, e.state.raisedAt);
      return r;
    },
  };
  const rows: RegisterRow[] = [];
  for await (const entries of allEntries(noting, { status: 'all' }))
    for (const e of entries) {
      const at = raised.get(e.number);
      rows.push({ ...e, raisedAt: at === undefined ? '' : isoLondon(new Date(at)) });
    }
  return rows;
}

/** RFC 4180: a field with a comma, quote, line break or edge space is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * R44, R82: a cell a spreadsheet would read as a formula (it starts with = + - @ or a tab or carriage
 * return) gets an apostrophe, so a hostile title stays text when the file is opened.
 */
export const inertCell = (v: string | number): string | number =>
  typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;

/** One CSV cell as both exports write it (this command and the web /register.csv): inert, then RFC 4180. */
export const spreadsheetField = (value: string | number): string => csvField(inertCell(value));

/** A cell of the text table: one line, "—" for nothing (as the web page shows it). */
const cell = (s: string | null | undefined): string => (s ? s.replace(/\s+/g, ' ').trim() : '—');

export function formatRegister(rows: readonly RegisterRow[], format: 'json' | 'csv' | 'text'): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    const lines = [
      REGISTER_COLUMNS.join(','),
      ...rows.map((r) => CSV_COLUMNS.map(([, get]) => spreadsheetField(get(r))).join(',')),
    ];
    // CRLF is what RFC 4180 and spreadsheet tools expect.
    return `${lines.join('\r\n')}\r\n`;
  }
  if (rows.length === 0) return 'The register is empty.\n';
  const table = [
    // The web list's columns (R82): the stage and route beside the status, as the page shows them.
    ['REFERENCE', 'STATUS', 'STAGE', 'ROUTE', 'NEXT DEADLINE', 'PROPOSER', 'LAST CHANGE', 'TITLE'],
    // Titles are one line in the table; the JSON and CSV keep them whole.
    ...rows.map((r) => [
      r.ref,
      cell(r.statusText),
      cell(r.stage),
      cell(r.route),
      r.nextDeadline ? cell(`${r.nextDeadline.label}: ${r.nextDeadline.text}`) : '—',
      cell(r.proposer),
      cell(r.lastChangeText),
      cell(r.title),
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  return `${table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n')}\n`;
}

export const REGISTER_USAGE = 'usage: secbot register [--json|--csv] [--database-url URL] [--data-dir DIR]';

const REGISTER_OPTIONS = ['--json', '--csv', '--help', ...STORE_OPTIONS];

export type RegisterFormat = 'json' | 'csv' | 'text';

export function registerFormat(args: readonly string[]): RegisterFormat | { error: string } {
  let format: RegisterFormat = 'text';
  for (const a of args) {
    if (a !== '--json' && a !== '--csv')
      return { error: a.startsWith('-') ? unknownOption(a, REGISTER_OPTIONS) : `unexpected argument ${a}` };
    const f = a === '--json' ? 'json' : 'csv';
    if (format !== 'text' && format !== f) return { error: 'choose one of --json and --csv' };
    format = f;
  }
  return format;
}

/** Prints the register read by `load` (the store's register, in the real command). */
export async function runRegister(
  args: readonly string[],
  load: () => Promise<RegisterRow[]>,
): Promise<CliResult> {
  if (wantsHelp(args)) return helpResult(REGISTER_USAGE);
  const format = registerFormat(args);
  if (typeof format !== 'string') return usageError('register', format.error, REGISTER_USAGE);
  return { code: 0, stdout: formatRegister(await load(), format), stderr: '' };
}

/** `secbot register`: the database from --database-url / DATABASE_URL, else the embedded one (R47). */
export async function runRegisterCommand(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const { openForCli, storeOptions } = await import('./migrate.ts');
  const o = storeOptions(args, env);
  if (typeof o === 'string') return usageError('register', o, REGISTER_USAGE);
  // Arguments are checked before the database is opened, so a typo costs nothing.
  if (typeof registerFormat(o.rest) !== 'string' || wantsHelp(o.rest))
    return runRegister(o.rest, async () => []);
  // Reads only: a mistyped folder is an error, not a new database whose register "is empty".
  const store = await openForCli(o.open, { existing: true });
  if (typeof store === 'string') return { code: 1, stdout: '', stderr: `secbot register: ${store}\n` };
  try {
    const { registerReader } = await import('../../db/register-store.ts');
    return await runRegister(o.rest, () => registerRows(registerReader(store.db)));
  } finally {
    await store.close();
  }
}
