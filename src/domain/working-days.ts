// R30–R32, R64, R67: the Working-Day calendar and London wall-clock conversions. Pure: callers pass
// instants and admin changes in; nothing here reads the clock, the environment or storage.
import {
  DATE_HOLIDAYS_VERSION,
  dateOf,
  dayNumber,
  daysFromCivil,
  dayNumberOrNaN,
  goodFriday,
  MAX_DAY,
  MAX_YEAR,
  MIN_DAY,
  MIN_YEAR,
  shippedHolidays,
  weekdayOfDay,
  type Holiday,
} from './holidays.ts';

export { MAX_YEAR, MIN_YEAR };

/** A London calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

export interface Calendar {
  /** Changes whenever the admin changes do, so a deadline can record which calendar computed it. */
  version: string;
  isWorkingDay(d: LocalDate): boolean;
  /** The n-th Working Day strictly after `from` (n >= 1). */
  addWorkingDays(from: LocalDate, n: number): LocalDate;
  /** The k-th Working Day strictly before `from` (k >= 1). */
  subtractWorkingDays(from: LocalDate, k: number): LocalDate;
  /** Working Days d with a < d <= b; when b < a, minus the count of those with b < d <= a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
  holidays(year: number): { date: LocalDate; name: string }[];
}

export interface CalendarChanges {
  added?: { date: LocalDate; name?: string }[];
  removed?: LocalDate[];
}

export const DEFAULT_CUTOFF = '17:00';

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Fixed English names: ICU's en-GB short month for September varies ("Sep"/"Sept") between Node builds.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Strict 'YYYY-MM-DD' that names a real calendar date. */
export function parseLocalDate(s: string): LocalDate | undefined {
  return Number.isNaN(dayNumberOrNaN(s)) ? undefined : s;
}

/** R67: Christmas Day and Good Friday can never be made Working Days. */
export function isAlwaysExcluded(d: LocalDate): boolean {
  dayNumber(d);
  return d.endsWith('-12-25') || d === goodFriday(Number(d.slice(0, 4)));
}

function positiveCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a whole number >= 1, got ${n}`);
}

/** A short stable hash (FNV-1a, 32 bit) of the canonical admin changes. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * R30: England-and-Wales Working Days with admin changes. `removed` applies to the shipped list and
 * ignores Christmas Day and Good Friday (R30 always excludes them; R67 refuses that change upstream);
 * `added` applies after it, so a date in both lists is a holiday.
 */
export function createCalendar(opts: CalendarChanges = {}): Calendar {
  const added = new Map<LocalDate, string>();
  for (const a of opts.added ?? [])
    added.set(dateOf(dayNumber(a.date)), a.name ?? 'Holiday (added by an admin)');
  const removed = new Set<LocalDate>();
  for (const r of opts.removed ?? []) if (!isAlwaysExcluded(r)) removed.add(r);

  const canon = [
    ...[...added].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, n]) => `+${d} ${n}`),
    ...[...removed].sort().map((d) => `-${d}`),
  ].join('\n');
  const base = `ew-dh${DATE_HOLIDAYS_VERSION}`;
  const version = canon === '' ? base : `${base}+${added.size}a${removed.size}r-${fnv1a(canon)}`;

  const holidaysCache = new Map<number, Holiday[]>();
  function holidayList(year: number): Holiday[] {
    let list = holidaysCache.get(year);
    if (!list) {
      const byDate = new Map<LocalDate, string>();
      for (const h of shippedHolidays(year)) if (!removed.has(h.date)) byDate.set(h.date, h.name);
      for (const [d, n] of added) if (d.startsWith(`${year}-`) && !byDate.has(d)) byDate.set(d, n);
      list = [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
      holidaysCache.set(year, list);
    }
    return list;
  }

  // Tables over the contiguous day range [lo, hi]: rank[i] = Working Days in [lo, lo + i];
  // work[j] = the j-th Working Day in the range, as a day number and as its string.
  let loYear = 0;
  let hiYear = -1;
  let lo = 0;
  let hi = -1;
  let rank = new Int32Array(0);
  let work = new Int32Array(0);
  let workStr: LocalDate[] = [];

  function build(fromYear: number, toYear: number): void {
    const holidaySet = new Set<number>();
    for (let y = fromYear; y <= toYear; y++)
      for (const h of holidayList(y)) holidaySet.add(dayNumber(h.date));
    lo = daysFromCivil(fromYear, 1, 1);
    hi = daysFromCivil(toYear, 12, 31);
    rank = new Int32Array(hi - lo + 1);
    const days: number[] = [];
    for (let z = lo; z <= hi; z++) {
      const dow = weekdayOfDay(z);
      if (dow !== 0 && dow !== 6 && !holidaySet.has(z)) days.push(z);
      rank[z - lo] = days.length;
    }
    work = Int32Array.from(days);
    workStr = days.map(dateOf);
    loYear = fromYear;
    hiYear = toYear;
  }

  /** Grows the tables (in chunks, rebuilding once per growth) until they cover day z. */
  function cover(z: number): void {
    if (z >= lo && z <= hi) return;
    const y = new Date(z * MS_PER_DAY).getUTCFullYear();
    if (y < MIN_YEAR || y > MAX_YEAR) {
      throw new RangeError(`${dateOf(z)} is outside the supported calendar years ${MIN_YEAR}–${MAX_YEAR}`);
    }
    if (hi < lo) build(Math.max(MIN_YEAR, y - 5), Math.min(MAX_YEAR, y + 10));
    else build(Math.max(MIN_YEAR, Math.min(loYear, y - 10)), Math.min(MAX_YEAR, Math.max(hiYear, y + 10)));
  }

  const rankAt = (z: number): number => rank[z - lo] ?? 0;

  return {
    version,
    holidays: (year) => holidayList(year).map((h) => ({ ...h })),
    isWorkingDay(d) {
      const z = dayNumber(d);
      cover(z);
      return rankAt(z) - (z > lo ? rankAt(z - 1) : 0) === 1;
    },
    addWorkingDays(from, n) {
      positiveCount(n, 'n');
      const z = dayNumber(from);
      // More Working Days than calendar days left can never fit: refuse before building centuries.
      if (n > MAX_DAY - z) throw new RangeError(`beyond the supported calendar years (to ${MAX_YEAR})`);
      cover(z);
      while (rankAt(z) + n - 1 >= work.length) {
        if (hiYear >= MAX_YEAR) throw new RangeError(`beyond the supported calendar years (to ${MAX_YEAR})`);
        build(loYear, Math.min(MAX_YEAR, hiYear + Math.max(10, Math.ceil(n / 240))));
      }
      return workStr[rankAt(z) + n - 1] as LocalDate;
    },
    subtractWorkingDays(from, k) {
      positiveCount(k, 'k');
      const z = dayNumber(from);
      if (k > z - MIN_DAY) throw new RangeError(`before the supported calendar years (from ${MIN_YEAR})`);
      cover(z);
      cover(z - 1);
      while (rankAt(z - 1) - k < 0) {
        if (loYear <= MIN_YEAR)
          throw new RangeError(`before the supported calendar years (from ${MIN_YEAR})`);
        build(Math.max(MIN_YEAR, loYear - Math.max(10, Math.ceil(k / 240))), hiYear);
      }
      return workStr[rankAt(z - 1) - k] as LocalDate;
    },
    workingDaysBetween(a, b) {
      const za = dayNumber(a);
      const zb = dayNumber(b);
      cover(za);
      cover(zb);
      return rankAt(zb) - rankAt(za);
    },
  };
}

// One cached formatter: constructing Intl.DateTimeFormat costs far more than formatting with it.
const londonParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function intlOffset(ms: number): number {
  const p: Record<string, number> = {};
  for (const { type, value } of londonParts.formatToParts(new Date(ms))) p[type] = Number(value);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

// London's offset per UTC day over the supported years (UNKNOWN until first asked, VARIES on the two
// days a year the clocks change). Deadline code converts the same days over and over, and Intl costs
// microseconds a call, so bulk conversions must not reach it.
const UNKNOWN = 0x7fff;
const VARIES = 0x7ffe;
const dayOffsets = new Int16Array(MAX_DAY - MIN_DAY + 2).fill(UNKNOWN);

function offsetAt(ms: number): number {
  const z = Math.floor(ms / MS_PER_DAY);
  const i = z - MIN_DAY;
  if (i < 0 || i >= dayOffsets.length) return intlOffset(ms);
  let off = dayOffsets[i] ?? UNKNOWN;
  if (off === UNKNOWN) {
    const first = intlOffset(z * MS_PER_DAY);
    off = first === intlOffset((z + 1) * MS_PER_DAY - 1000) ? first : VARIES;
    dayOffsets[i] = off;
  }
  return off === VARIES ? intlOffset(ms) : off;
}

/** London wall-clock fields of an instant, with the offset from UTC in minutes (0 GMT, 60 BST). */
function wallOf(instant: Date) {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  const offset = offsetAt(ms);
  const w = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000);
  return {
    y: w.getUTCFullYear(),
    mo: w.getUTCMonth() + 1,
    d: w.getUTCDate(),
    h: w.getUTCHours(),
    mi: w.getUTCMinutes(),
    s: w.getUTCSeconds(),
    offset,
  };
}

/** The London calendar date of an instant. */
export function londonDate(instant: Date): LocalDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  return dateOf(Math.floor((ms + offsetAt(ms) * 60_000) / MS_PER_DAY));
}

function wallToInstant(z: number, secondOfDay: number): Date {
  const naive = z * MS_PER_DAY + secondOfDay * 1000;
  // Two passes settle the offset for any time that exists; in the spring gap the later offset wins.
  const first = naive - offsetAt(naive) * 60_000;
  return new Date(naive - offsetAt(first) * 60_000);
}

const timesOfDay = new Map<string, number>();
/** The instant of London wall-clock time `hhmm` ('HH:MM' or 'HH:MM:SS') on date `d`, DST-aware. */
export function londonInstant(d: LocalDate, hhmm: string): Date {
  let secondOfDay = timesOfDay.get(hhmm);
  if (secondOfDay === undefined) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(hhmm);
    if (!m) throw new RangeError(`not a time (HH:MM): ${JSON.stringify(hhmm)}`);
    secondOfDay = (Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0);
    timesOfDay.set(hhmm, secondOfDay);
  }
  return wallToInstant(dayNumber(d), secondOfDay);
}

/** `YYYY-MM-DDTHH:MM[:SS]` read as London wall-clock time. */
export function parseLondonDateTime(s: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(s);
  if (!m || parseLocalDate(m[1] ?? '') === undefined) return undefined;
  try {
    return londonInstant(m[1] ?? '', m[2] ?? '');
  } catch {
    return undefined;
  }
}

/** R31: the cut-off on the n-th Working Day strictly after the London date of `from`. */
export function dueAfter(cal: Calendar, from: Date, n: number, cutoff = DEFAULT_CUTOFF): Date {
  return londonInstant(cal.addWorkingDays(londonDate(from), n), cutoff);
}

/** R64: the cut-off on the k-th Working Day before the London date of `due`. */
export function reminderBefore(cal: Calendar, due: Date, k: number, cutoff = DEFAULT_CUTOFF): Date {
  return londonInstant(cal.subtractWorkingDays(londonDate(due), k), cutoff);
}

/** "Fri 14 Dec 2018" */
export function formatLocalDate(d: LocalDate): string {
  const z = dayNumber(d);
  return `${WEEKDAYS[weekdayOfDay(z)]} ${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
}

/**
 * R32: "Working Days between A and B" with B before A is refused, in chat and on the command line alike
 * (it had answered "0 Working Days after Mon 4 Jan 2027 up to and including Tue 1 Dec 2026"); `command`
 * asks the same the right way round.
 */
export const datesOutOfOrder = (from: LocalDate, to: LocalDate, command: string): string =>
  `The second date, ${formatLocalDate(to)}, is before the first, ${formatLocalDate(from)}: put the earlier date first: ${command}`;

/** R31: "Wed 9 Jan 2019, 17:00" in London time. */
export function formatLondon(instant: Date): string {
  const w = wallOf(instant);
  return `${formatLocalDate(`${w.y}-${pad2(w.mo)}-${pad2(w.d)}`)}, ${pad2(w.h)}:${pad2(w.mi)}`;
}

/** ISO 8601 with the London offset, e.g. 2026-07-01T17:00:00+01:00. */
export function isoLondon(instant: Date): string {
  const w = wallOf(instant);
  const sign = w.offset < 0 ? '-' : '+';
  const off = Math.abs(w.offset);
  return (
    `${w.y}-${pad2(w.mo)}-${pad2(w.d)}T${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}` +
    `${sign}${pad2(Math.floor(off / 60))}:${pad2(off % 60)}`
  );
}
