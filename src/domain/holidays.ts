// R30: the shipped England-and-Wales bank holidays, derived from `date-holidays` and shaped to match
// the official gov.uk list. Pure: the rules are bundled data, so no clock, env or I/O is involved.
import Holidays from 'date-holidays';

export interface Holiday {
  date: string;
  name: string;
}

/**
 * Kept in step with package.json by a test: `version` strings name the rule source so that a deadline
 * can say which calendar computed it, and reading package.json here would be I/O.
 */
export const DATE_HOLIDAYS_VERSION = '3.37.0';

// There is no combined England-and-Wales region; ENG carries the same bank holidays as WLS.
const source = new Holidays('GB', 'ENG', { types: ['public', 'bank'], languages: 'en' });
const cache = new Map<number, readonly Holiday[]>();

const MS_PER_DAY = 86_400_000;

/** Day of week of a 'YYYY-MM-DD' date, 0 = Sunday. */
export function weekdayOf(date: string): number {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return (Math.floor(ms / MS_PER_DAY) + 4) % 7;
}

/**
 * The weekday bank holidays of `year`. date-holidays also lists the weekend-dated originals of
 * substituted days (e.g. Sat 26 Dec 2020 next to Mon 28 Dec); gov.uk lists only the weekday, and a
 * weekend day is never a Working Day anyway, so dropping every weekend date gives the official list.
 */
export function shippedHolidays(year: number): readonly Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const seen = new Set<string>();
  const out: Holiday[] = [];
  for (const h of source.getHolidays(year)) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    const date = h.date.slice(0, 10);
    const dow = weekdayOf(date);
    if (dow === 0 || dow === 6 || seen.has(date) || !date.startsWith(`${year}-`)) continue;
    seen.add(date);
    out.push({ date, name: h.name });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(out);
  cache.set(year, frozen);
  return frozen;
}

/** Easter Sunday (Gregorian, anonymous algorithm) as [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** Good Friday of `year` as 'YYYY-MM-DD'. */
export function goodFriday(year: number): string {
  const [m, d] = easterSunday(year);
  const ms = Date.UTC(year, m - 1, d) - 2 * MS_PER_DAY;
  return new Date(ms).toISOString().slice(0, 10);
}
