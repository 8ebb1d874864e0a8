// R49: `secbot register [--json|--csv]`, the Modification Register. `proposer` is the proposer's
// e-mail address (the person id is the lower-cased e-mail, R1): unique and stable, where a name is not.
import type { Modification } from '../../src/domain/modification.ts';
import { refOf } from '../../src/domain/modification.ts';
import { formatLondon, isoLondon } from '../../src/domain/working-days.ts';
import type { CliResult } from './workdays.ts';

export interface RegisterRow {
  ref: string;
  number: number;
  title: string;
  status: string;
  /** The proposer's e-mail address. */
  proposer: string;
  /** ISO 8601 with the London offset. */
  raisedAt: string;
}

export const REGISTER_COLUMNS = ['ref', 'number', 'title', 'status', 'proposer', 'raisedAt'] as const;

export function registerRows(mods: readonly Modification[]): RegisterRow[] {
  return [...mods]
    .sort((a, b) => a.number - b.number)
    .map((m) => ({
      ref: refOf(m),
      number: m.number,
      title: m.title,
      status: m.status,
      proposer: m.proposer,
      raisedAt: isoLondon(new Date(m.raisedAt)),
    }));
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

export function formatRegister(rows: readonly RegisterRow[], format: 'json' | 'csv' | 'text'): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    const lines = [
      REGISTER_COLUMNS.join(','),
      ...rows.map((r) => REGISTER_COLUMNS.map((c) => spreadsheetField(r[c])).join(',')),
    ];
    // CRLF is what RFC 4180 and spreadsheet tools expect.
    return `${lines.join('\r\n')}\r\n`;
  }
  if (rows.length === 0) return 'The register is empty.\n';
  const table = [
    ['REF', 'STATUS', 'RAISED', 'PROPOSER', 'TITLE'],
    // Titles are one line in the table; the JSON and CSV keep them whole.
    ...rows.map((r) => [
      r.ref,
      r.status,
      formatLondon(new Date(r.raisedAt)),
      r.proposer,
      r.title.replace(/\s+/g, ' '),
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  return `${table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n')}\n`;
}

export const REGISTER_USAGE = 'usage: secbot register [--json|--csv] [--database-url URL] [--data-dir DIR]';

export type RegisterFormat = 'json' | 'csv' | 'text';

export function registerFormat(args: readonly string[]): RegisterFormat | { error: string } {
  let format: RegisterFormat = 'text';
  for (const a of args) {
    if (a !== '--json' && a !== '--csv') return { error: `unexpected argument ${a}` };
    const f = a === '--json' ? 'json' : 'csv';
    if (format !== 'text' && format !== f) return { error: 'choose one of --json and --csv' };
    format = f;
  }
  return format;
}

/** Prints the register of modifications read by `load` (the store, in the real command). */
export async function runRegister(
  args: readonly string[],
  load: () => Promise<Modification[]>,
): Promise<CliResult> {
  if (args.includes('--help') || args.includes('-h'))
    return { code: 0, stdout: `${REGISTER_USAGE}\n`, stderr: '' };
  const format = registerFormat(args);
  if (typeof format !== 'string') {
    return { code: 2, stdout: '', stderr: `secbot register: ${format.error}\n${REGISTER_USAGE}\n` };
  }
  return { code: 0, stdout: formatRegister(registerRows(await load()), format), stderr: '' };
}

/** `secbot register`: the database from --database-url / DATABASE_URL, else the embedded one (R47). */
export async function runRegisterCommand(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const { storeOptions } = await import('./migrate.ts');
  const o = storeOptions(args, env);
  if (typeof o === 'string') return { code: 2, stdout: '', stderr: `secbot register: ${o}\n` };
  // Arguments are checked before the database is opened, so a typo costs nothing.
  if (typeof registerFormat(o.rest) !== 'string' || o.rest.includes('--help'))
    return runRegister(o.rest, async () => []);
  const { withEngine } = await import('./people.ts');
  let out: CliResult | undefined;
  // Reads only: a mistyped folder is an error, not a new database whose register "is empty".
  const r = await withEngine(
    o.open,
    env,
    async (engine) => {
      out = await runRegister(o.rest, () => engine.modifications());
    },
    { existing: true },
  );
  if (!r.ok || out === undefined)
    return { code: 1, stdout: '', stderr: `secbot register: ${r.ok ? 'no result' : r.error}\n` };
  return out;
}
