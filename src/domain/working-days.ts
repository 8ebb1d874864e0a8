// R30–R32, R64, R67: the Working-Day calendar and London wall-clock conversions. Pure: callers pass
// instants and admin changes in; nothing here reads the clock, the environment or storage.
import { DATE_HOLIDAYS_VERSION, goodFriday, shippedHolidays, type Holiday } from './holidays.ts';

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
/** Bounds the lazily built tables, so a wild count fails fast instead of building centuries. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2299;

const MS_PER_DAY = 86_400_000;
const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / MS_PER_DAY;
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / MS_PER_DAY;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Fixed English names: ICU's en-GB short month for September varies ("Sep"/"Sept") between Node builds.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

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

/** Days since 1970-01-01 of a strict 'YYYY-MM-DD', or NaN. */
function dayNumberOrNaN(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const dim = m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
  if (d > dim) return NaN;
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function dayNumber(s: LocalDate): number {
  const z = dayNumberOrNaN(s);
  if (Number.isNaN(z)) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return z;
}

const dateOf = (z: number): LocalDate => new Date(z * MS_PER_DAY).toISOString().slice(0, 10);
const weekdayOfDay = (z: number): number => (((z + 4) % 7) + 7) % 7;

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
    lo = Date.UTC(fromYear, 0, 1) / MS_PER_DAY;
    hi = Date.UTC(toYear, 11, 31) / MS_PER_DAY;
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

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** London offset from UTC in minutes (0 in GMT, 60 in BST). */
  offset: number;
}

function intlOffset(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of londonParts.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 0) - 1,
    p.day ?? 0,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

// London's offset per UTC day, NaN on the two days a year when it changes within the day. Deadline
// instants repeat the same few days, so this keeps Intl (microseconds a call) out of bulk conversions.
const dayOffsets = new Map<number, number>();

function offsetAt(ms: number): number {
  const z = Math.floor(ms / MS_PER_DAY);
  let off = dayOffsets.get(z);
  if (off === undefined) {
    const first = intlOffset(z * MS_PER_DAY);
    off = first === intlOffset((z + 1) * MS_PER_DAY - 1000) ? first : NaN;
    dayOffsets.set(z, off);
  }
  return Number.isNaN(off) ? intlOffset(ms) : off;
}

function wallOf(instant: Date): Wall {
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
  const w = wallOf(instant);
  return `${w.y}-${pad2(w.mo)}-${pad2(w.d)}`;
}

function wallToInstant(z: number, h: number, mi: number, s: number): Date {
  const naive = z * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
  // Two passes settle the offset for any time that exists; in the spring gap the later offset wins.
  const first = naive - offsetAt(naive) * 60_000;
  return new Date(naive - offsetAt(first) * 60_000);
}

/** The instant of London wall-clock time `hhmm` ('HH:MM' or 'HH:MM:SS') on date `d`, DST-aware. */
export function londonInstant(d: LocalDate, hhmm: string): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time (HH:MM): ${JSON.stringify(hhmm)}`);
  return wallToInstant(dayNumber(d), Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
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
