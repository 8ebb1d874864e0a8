// R30: day numbers for 'YYYY-MM-DD' dates, and the shipped England-and-Wales bank holidays derived from
// `date-holidays`' GB rules, shaped to match the official gov.uk list. Pure: the rules are bundled data.
// Only the GB slice of the data ships (holidays-gb.ts), read by the package's own rule engine.
import HolidaysParser from 'date-holidays-parser';
import { DATE_HOLIDAYS_VERSION, GB_HOLIDAY_DATA } from './holidays-gb.ts';

export interface Holiday {
  date: string;
  name: string;
}

/**
 * Kept in step with package.json by a test: `version` strings name the rule source so that a deadline
 * can say which calendar computed it.
 */
export { DATE_HOLIDAYS_VERSION };

// There is no combined England-and-Wales region; ENG carries the same bank holidays as WLS.
const source = new HolidaysParser(GB_HOLIDAY_DATA, 'GB', 'ENG', {
  types: ['public', 'bank'],
  languages: 'en',
});
const cache = new Map<number, readonly Holiday[]>();

/** Bounds the lazily built tables, so a wild count fails fast instead of building centuries. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2299;

export const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a proleptic Gregorian date; unlike Date.UTC, years 0–99 are not remapped. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const ya = m <= 2 ? y - 1 : y;
  const era = Math.floor(ya / 400);
  const yoe = ya - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
export const MIN_DAY = daysFromCivil(MIN_YEAR, 1, 1);
export const MAX_DAY = daysFromCivil(MAX_YEAR, 12, 31);

// Hand-rolled digit parsing: this sits on the P4 hot path, where a regex and split per call would dominate.
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 (the tables' index) of a strict 'YYYY-MM-DD', or NaN. */
export function dayNumberOrNaN(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const dim = m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
  if (d > dim) return NaN;
  return daysFromCivil(y, m, d);
}

export function dayNumber(s: string): number {
  const z = dayNumberOrNaN(s);
  if (Number.isNaN(z)) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return z;
}

// Memoised over the supported years: toISOString is slow next to an array hit.
// (toISOString is right for years 0–9999, the only ones a 'YYYY-MM-DD' can name.)
const dateStrings: (string | undefined)[] = [];
export function dateOf(z: number): string {
  const i = z - MIN_DAY;
  let s = dateStrings[i];
  if (s === undefined) {
    s = new Date(z * MS_PER_DAY).toISOString().slice(0, 10);
    if (i >= 0 && i <= MAX_DAY - MIN_DAY) dateStrings[i] = s;
  }
  return s;
}
export const weekdayOfDay = (z: number): number => (((z + 4) % 7) + 7) % 7;

/**
 * R30: the one-off changes to England-and-Wales bank holidays before 2018 that date-holidays' GB rules
 * do not carry (it has those from 2012's Diamond Jubilee day on, but not the Spring bank holiday that
 * moved for it). Each was made by royal proclamation; the dates are the official record's. With them
 * the shipped calendar is the official one from 1978, the first year with today's set of bank holidays
 * (the Early May bank holiday began then); before 1978 it is today's rules without Early May.
 */
const ONE_OFF: ReadonlyMap<number, { moved?: readonly string[]; added: readonly Holiday[] }> = new Map([
  [1981, { added: [{ date: '1981-07-29', name: 'Royal wedding' }] }],
  [1995, { moved: ['1995-05-01'], added: [{ date: '1995-05-08', name: 'Early May bank holiday (VE day)' }] }],
  [1999, { added: [{ date: '1999-12-31', name: 'Millennium celebrations' }] }],
  [
    2002,
    {
      moved: ['2002-05-27'],
      added: [
        { date: '2002-06-03', name: 'Queen’s Golden Jubilee' },
        { date: '2002-06-04', name: 'Spring bank holiday' },
      ],
    },
  ],
  [2011, { added: [{ date: '2011-04-29', name: 'Royal wedding' }] }],
  [2012, { moved: ['2012-05-28'], added: [{ date: '2012-06-04', name: 'Spring bank holiday' }] }],
]);
const EARLY_MAY_FROM = 1978;

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
  const oneOff = ONE_OFF.get(year);
  for (const h of source.getHolidays(year)) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    const date = h.date.slice(0, 10);
    const dow = weekdayOfDay(dayNumber(date));
    if (dow === 0 || dow === 6 || seen.has(date) || !date.startsWith(`${year}-`)) continue;
    if (oneOff?.moved?.includes(date)) continue;
    if (year < EARLY_MAY_FROM && h.name.startsWith('Early May')) continue;
    seen.add(date);
    out.push({ date, name: h.name });
  }
  for (const h of oneOff?.added ?? []) if (!seen.has(h.date)) out.push(h);
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
  return dateOf(daysFromCivil(year, m, d) - 2);
}
