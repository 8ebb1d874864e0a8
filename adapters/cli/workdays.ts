// R32: `secbot workdays D N` ("N Working Days after D") and `secbot workdays A B` (Working Days
// between). Returns the output instead of printing so tests need not spawn a process.
import { parseSetting } from '../../src/domain/settings.ts';
import { STORE_OPTIONS, helpResult, unknownOption, usageError } from './args.ts';
import {
  createCalendar,
  datesOutOfOrder,
  formatLocalDate,
  formatLondon,
  isoLondon,
  londonInstant,
  parseLocalDate,
  type Calendar,
} from '../../src/domain/working-days.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface WorkdaysOptions {
  /** SEC_CUTOFF as read by the caller; the domain never reads the environment. */
  cutoff?: string | undefined;
  calendar?: Calendar;
}

export const WORKDAYS_USAGE =
  'usage: secbot workdays <date> <n> [--json]   (the n-th Working Day after date, at the cut-off)\n' +
  '       secbot workdays <date A> <date B> [--json]   (Working Days d with A < d <= B)\n' +
  "       add --database-url URL or --data-dir DIR to count with the bot's calendar (admins' holiday changes)";

const WORKDAYS_OPTIONS = ['--json', '--help', ...STORE_OPTIONS];

const fail = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `secbot workdays: ${message}\n`,
});

// Matches the spacing shown in R32 while staying valid JSON.
const jsonLine = (o: Record<string, string | number>): string =>
  `{${Object.entries(o)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')}}\n`;

const plural = (n: number): string => `${n} Working Day${Math.abs(n) === 1 ? '' : 's'}`;

export function runWorkdays(args: string[], opts: WorkdaysOptions = {}): CliResult {
  let json = false;
  const positional: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') return helpResult(WORKDAYS_USAGE);
    // A leading '-' followed by a digit is a (negative) count, reported as such below.
    else if (a.startsWith('-') && !/^-\d/.test(a))
      return usageError('workdays', unknownOption(a, WORKDAYS_OPTIONS), WORKDAYS_USAGE);
    else positional.push(a);
  }
  const [first, second] = positional;
  if (positional.length !== 2 || first === undefined || second === undefined) {
    return usageError('workdays', `expected 2 arguments, got ${positional.length}`, WORKDAYS_USAGE);
  }
  const from = parseLocalDate(first);
  if (from === undefined) return fail(`not a date (YYYY-MM-DD): ${first}`);

  // R47, R50: the reader and the line the start uses (trimmed, blank is the default 17:00).
  const read = parseSetting('SEC_CUTOFF', opts.cutoff);
  if (!read.ok) return fail(read.error);
  const cutoff = read.value;

  try {
    const cal = opts.calendar ?? createCalendar();
    const to = parseLocalDate(second);
    if (to !== undefined) {
      // R32: a later date first is a mistake, not the empty set {d : A < d <= B} ("0 Working Days").
      if (to < from) {
        const why = datesOutOfOrder(from, to, `secbot workdays ${to} ${from}${json ? ' --json' : ''}`);
        return fail(why.charAt(0).toLowerCase() + why.slice(1));
      }
      const n = cal.workingDaysBetween(from, to);
      const stdout = json
        ? jsonLine({ from, to, workingDays: n })
        : `${plural(n)} after ${formatLocalDate(from)} up to and including ${formatLocalDate(to)}\n`;
      return { code: 0, stdout, stderr: '' };
    }
    if (/^-\d+$/.test(second)) return fail(`number of Working Days must be >= 1: ${second}`);
    if (!/^\d+$/.test(second)) {
      return fail(
        `second argument must be a date (YYYY-MM-DD) or a whole number of Working Days >= 1: ${second}`,
      );
    }
    const n = Number(second);
    if (n < 1 || !Number.isSafeInteger(n)) return fail(`number of Working Days must be >= 1: ${second}`);
    const due = londonInstant(cal.addWorkingDays(from, n), cutoff);
    const stdout = json
      ? jsonLine({ from, workingDays: n, due: isoLondon(due) })
      : `${plural(n)} after ${formatLocalDate(from)}: ${formatLondon(due)}\n`;
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof RangeError) return fail(e.message);
    throw e;
  }
}

/**
 * `secbot workdays` as the command line runs it. R30, R32: given --database-url or --data-dir it counts
 * with the bot's own calendar, the shipped holidays with the admins' changes (`admin holiday …`), as a
 * `workdays` typed in chat does; without them it opens nothing and uses the shipped calendar (fast).
 */
export async function runWorkdaysCommand(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  if (!args.some((a) => /^--(database-url|data-dir)(=|$)/.test(a)))
    return runWorkdays([...args], { cutoff: env.SEC_CUTOFF });
  const { openForCli, storeOptions } = await import('./migrate.ts');
  const o = storeOptions(args, {});
  if (typeof o === 'string') return usageError('workdays', o, WORKDAYS_USAGE);
  // Arguments are checked before the database is opened, so a typo costs nothing.
  const dry = runWorkdays(o.rest, { cutoff: env.SEC_CUTOFF });
  if (dry.code !== 0 || o.rest.includes('--help') || o.rest.includes('-h')) return dry;
  // Reads only: a mistyped folder is an error, not a new database counted with the shipped calendar.
  const store = await openForCli(o.open, { existing: true });
  if (typeof store === 'string') return { code: 1, stdout: '', stderr: `secbot workdays: ${store}\n` };
  try {
    const { registerReader } = await import('../../db/register-store.ts');
    const calendar = createCalendar(await registerReader(store.db).calendarChanges());
    return runWorkdays(o.rest, { cutoff: env.SEC_CUTOFF, calendar });
  } finally {
    await store.close();
  }
}
