import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_HOLIDAYS_VERSION } from '../../src/domain/holidays.ts';
import {
  createCalendar,
  dueAfter,
  formatLocalDate,
  formatLondon,
  isAlwaysExcluded,
  isoLondon,
  londonDate,
  londonInstant,
  parseLocalDate,
  parseLondonDateTime,
  reminderBefore,
} from '../../src/domain/working-days.ts';
import { EW_BANK_HOLIDAYS } from '../fixtures/ew-bank-holidays.ts';

const cal = createCalendar();
const at = (iso: string): Date => new Date(iso);

describe('R30 shipped England-and-Wales bank holidays', () => {
  for (const [year, official] of Object.entries(EW_BANK_HOLIDAYS)) {
    it(`R30 ${year} matches the official gov.uk list`, () => {
      expect(cal.holidays(Number(year)).map((h) => h.date)).toEqual(official);
    });
  }

  it('R30 every weekday of 2018–2027 is a Working Day exactly when it is not on the official list', () => {
    const official = new Set(Object.values(EW_BANK_HOLIDAYS).flat());
    for (let t = Date.UTC(2018, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      const weekend = [0, 6].includes(new Date(t).getUTCDay());
      expect(cal.isWorkingDay(d), d).toBe(!weekend && !official.has(d));
    }
  });

  it('R30 one-offs are holidays: 2020-05-08, 2022-06-02, 2022-06-03, 2022-09-19, 2023-05-08', () => {
    for (const d of ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.isWorkingDay('2020-05-04')).toBe(true); // the usual first Monday in May, moved that year
    expect(cal.isWorkingDay('2022-05-30')).toBe(true); // the usual last Monday in May, moved that year
  });

  it('R30 substitute days are holidays and weekends are never Working Days', () => {
    for (const d of ['2020-12-28', '2021-12-27', '2021-12-28', '2022-01-03', '2022-12-26', '2022-12-27']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.isWorkingDay('2019-01-05')).toBe(false);
    expect(cal.isWorkingDay('2019-01-06')).toBe(false);
    expect(cal.isWorkingDay('2019-01-07')).toBe(true);
  });

  it('R30 the version names the rule source, kept in step with the installed date-holidays', () => {
    const pkg = JSON.parse(readFileSync('node_modules/date-holidays/package.json', 'utf8')) as {
      version: string;
    };
    expect(DATE_HOLIDAYS_VERSION).toBe(pkg.version);
    expect(cal.version).toBe(`ew-dh${pkg.version}`);
  });
});

describe('R30 admin-added and removed days', () => {
  it('R30 an added day is not a Working Day and shows in holidays()', () => {
    const c = createCalendar({ added: [{ date: '2026-01-02', name: 'Ad-hoc closure' }] });
    expect(c.isWorkingDay('2026-01-02')).toBe(false);
    expect(c.addWorkingDays('2026-01-01', 1)).toBe('2026-01-05');
    expect(c.holidays(2026)).toContainEqual({ date: '2026-01-02', name: 'Ad-hoc closure' });
    expect(cal.isWorkingDay('2026-01-02')).toBe(true);
  });

  it('R30 a removed day is a Working Day again', () => {
    const c = createCalendar({ removed: ['2026-05-04'] });
    expect(c.isWorkingDay('2026-05-04')).toBe(true);
    expect(c.addWorkingDays('2026-05-01', 1)).toBe('2026-05-04');
    expect(c.holidays(2026).map((h) => h.date)).not.toContain('2026-05-04');
  });

  it('R30 the version changes with the admin changes and is stable for the same changes', () => {
    const a = createCalendar({ added: [{ date: '2026-01-02' }], removed: ['2026-05-04'] });
    const b = createCalendar({ removed: ['2026-05-04'], added: [{ date: '2026-01-02' }] });
    const c = createCalendar({ added: [{ date: '2026-01-02' }] });
    const d = createCalendar({ added: [{ date: '2026-01-05' }] });
    expect(a.version).toBe(b.version);
    expect(new Set([cal.version, a.version, c.version, d.version]).size).toBe(4);
    expect(a.version.startsWith(`${cal.version}+`)).toBe(true);
  });

  it('R67 Christmas Day and Good Friday are always excluded, even if a removal slips through', () => {
    for (const d of ['2026-12-25', '2027-12-25', '2026-04-03', '2019-04-19', '2022-04-15']) {
      expect(isAlwaysExcluded(d), d).toBe(true);
    }
    for (const d of ['2026-04-06', '2026-12-28', '2026-12-24', '2026-05-04'])
      expect(isAlwaysExcluded(d), d).toBe(false);
    const c = createCalendar({ removed: ['2026-12-25', '2026-04-03'] });
    expect(c.isWorkingDay('2026-12-25')).toBe(false);
    expect(c.isWorkingDay('2026-04-03')).toBe(false);
    expect(c.version).toBe(cal.version);
  });
});

describe('R31 N Working Days after D', () => {
  it('R31 Christmas 2018: 15 Working Days after 2018-12-14 is Wed 9 Jan 2019, 17:00', () => {
    expect(cal.addWorkingDays('2018-12-14', 15)).toBe('2019-01-09');
    expect(formatLondon(dueAfter(cal, at('2018-12-14T10:00:00Z'), 15))).toBe('Wed 9 Jan 2019, 17:00');
  });

  it('R31 Christmas runs 2020, 2021 and 2022 skip the substitute days', () => {
    expect(cal.addWorkingDays('2020-12-23', 1)).toBe('2020-12-24');
    expect(cal.addWorkingDays('2020-12-23', 2)).toBe('2020-12-29');
    expect(cal.addWorkingDays('2020-12-23', 5)).toBe('2021-01-04');
    expect(cal.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    expect(cal.addWorkingDays('2021-12-24', 4)).toBe('2022-01-04');
    expect(cal.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
    expect(cal.addWorkingDays('2022-12-23', 4)).toBe('2023-01-03');
  });

  it('R31 Easter 2019 and 2026 skip Good Friday and Easter Monday', () => {
    expect(cal.addWorkingDays('2019-04-18', 1)).toBe('2019-04-23');
    expect(cal.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });

  it('R31 one-off holidays move deadlines: 2020-05-08, 2022-06-02/03, 2022-09-19, 2023-05-08', () => {
    expect(cal.addWorkingDays('2020-05-07', 1)).toBe('2020-05-11');
    expect(cal.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(cal.addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
    expect(cal.addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
  });

  it('R31 strictly after: a Working Day start does not count itself, a holiday start counts from the next', () => {
    expect(cal.addWorkingDays('2019-01-07', 1)).toBe('2019-01-08');
    expect(cal.addWorkingDays('2019-01-05', 1)).toBe('2019-01-07');
    expect(cal.addWorkingDays('2018-12-25', 1)).toBe('2018-12-27');
  });

  it('R31 the spring 2026 clock change (29 Mar) does not shift the 17:00 London deadline', () => {
    const due = dueAfter(cal, at('2026-03-20T12:00:00Z'), 10);
    expect(due.toISOString()).toBe('2026-04-07T16:00:00.000Z');
    expect(isoLondon(due)).toBe('2026-04-07T17:00:00+01:00');
    expect(dueAfter(cal, at('2026-03-27T12:00:00Z'), 1).toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(londonInstant('2026-03-29', '17:00').toISOString()).toBe('2026-03-29T16:00:00.000Z');
  });

  it('R31 the autumn 2026 clock change (25 Oct) does not shift the 17:00 London deadline', () => {
    const due = dueAfter(cal, at('2026-10-23T10:00:00Z'), 1);
    expect(due.toISOString()).toBe('2026-10-26T17:00:00.000Z');
    expect(formatLondon(due)).toBe('Mon 26 Oct 2026, 17:00');
    expect(dueAfter(cal, at('2026-10-20T10:00:00Z'), 5).toISOString()).toBe('2026-10-27T17:00:00.000Z');
    expect(londonInstant('2026-10-25', '17:00').toISOString()).toBe('2026-10-25T17:00:00.000Z');
  });

  it("R31 D's date is taken in London time, and the cut-off is configurable", () => {
    expect(londonDate(at('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(at('2026-01-31T23:30:00Z'))).toBe('2026-01-31');
    expect(dueAfter(cal, at('2026-06-30T23:30:00Z'), 1).toISOString()).toBe('2026-07-02T16:00:00.000Z');
    expect(dueAfter(cal, at('2019-01-07T09:00:00Z'), 1, '12:30').toISOString()).toBe(
      '2019-01-08T12:30:00.000Z',
    );
  });

  it('R31 bad input is a RangeError, not a wrong date', () => {
    expect(() => cal.addWorkingDays('2019-02-30', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2019-01-07', 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2019-01-07', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2019-01-07', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2019-01-07', 1e9)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('1899-12-29', 1)).toThrow(RangeError);
    expect(() => cal.subtractWorkingDays('1900-01-02', 5)).toThrow(RangeError);
    expect(() => londonInstant('2019-01-07', '25:00')).toThrow(RangeError);
  });
});

describe('R32 Working Days between A and B', () => {
  it('R32 counts the Working Days d with A < d <= B', () => {
    expect(cal.workingDaysBetween('2018-12-14', '2019-01-09')).toBe(15);
    expect(cal.workingDaysBetween('2018-12-14', '2018-12-14')).toBe(0);
    expect(cal.workingDaysBetween('2020-12-24', '2020-12-28')).toBe(0);
    expect(cal.workingDaysBetween('2022-12-23', '2023-01-03')).toBe(4);
    expect(cal.workingDaysBetween('2019-01-04', '2019-01-07')).toBe(1);
  });

  it('R32 reversed arguments give the negated count', () => {
    expect(cal.workingDaysBetween('2019-01-09', '2018-12-14')).toBe(-15);
  });
});

describe('R64 k Working Days before D', () => {
  it('R64 fires at the cut-off on the k-th Working Day before the due date', () => {
    const due = at('2019-01-09T17:00:00Z');
    expect(reminderBefore(cal, due, 1).toISOString()).toBe('2019-01-08T17:00:00.000Z');
    expect(reminderBefore(cal, due, 5).toISOString()).toBe('2019-01-02T17:00:00.000Z');
    expect(reminderBefore(cal, at('2021-01-04T17:00:00Z'), 2).toISOString()).toBe('2020-12-30T17:00:00.000Z');
    expect(cal.subtractWorkingDays('2019-01-09', 15)).toBe('2018-12-14');
  });

  it('R64 a reminder across the spring clock change is 17:00 London on both sides', () => {
    const due = dueAfter(cal, at('2026-03-27T12:00:00Z'), 1);
    expect(reminderBefore(cal, due, 1).toISOString()).toBe('2026-03-27T17:00:00.000Z');
    expect(reminderBefore(cal, due, 1, '09:00').toISOString()).toBe('2026-03-27T09:00:00.000Z');
  });
});

describe('R31 dates shown to people', () => {
  it('R31 formatLondon shows the London weekday, date and time', () => {
    expect(formatLondon(londonInstant('2019-01-09', '17:00'))).toBe('Wed 9 Jan 2019, 17:00');
    expect(formatLondon(londonInstant('2026-12-24', '17:00'))).toBe('Thu 24 Dec 2026, 17:00');
    expect(formatLondon(at('2022-09-20T08:05:00Z'))).toBe('Tue 20 Sep 2022, 09:05');
    expect(formatLocalDate('2018-12-14')).toBe('Fri 14 Dec 2018');
  });

  it('R32 isoLondon gives ISO 8601 with the London offset', () => {
    expect(isoLondon(londonInstant('2019-01-09', '17:00'))).toBe('2019-01-09T17:00:00+00:00');
    expect(isoLondon(londonInstant('2026-07-01', '17:00'))).toBe('2026-07-01T17:00:00+01:00');
    expect(isoLondon(at('2026-10-25T00:59:59Z'))).toBe('2026-10-25T01:59:59+01:00');
    expect(isoLondon(at('2026-10-25T01:00:00Z'))).toBe('2026-10-25T01:00:00+00:00');
  });

  it('R68 parseLocalDate and parseLondonDateTime are strict and read London wall-clock time', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of [
      '2023-02-29',
      '2019-1-09',
      '2019-13-01',
      '2019-01-00',
      '2019-01-09 ',
      'abcd-ef-gh',
      '',
    ]) {
      expect(parseLocalDate(bad), bad).toBeUndefined();
    }
    expect(parseLondonDateTime('2026-07-01T09:00')?.toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(parseLondonDateTime('2026-01-15T09:00:30')?.toISOString()).toBe('2026-01-15T09:00:30.000Z');
    for (const bad of ['2026-07-01 09:00', '2026-07-01T24:00', '2026-02-30T09:00', '2026-07-01T9:00']) {
      expect(parseLondonDateTime(bad), bad).toBeUndefined();
    }
  });
});

describe('R31 properties', () => {
  const dayArb = fc.integer({ min: Date.UTC(1990, 0, 1) / 864e5, max: Date.UTC(2100, 0, 1) / 864e5 });
  const dateArb = dayArb.map((z) => new Date(z * 864e5).toISOString().slice(0, 10));
  const changesArb = fc.record({
    added: fc.array(
      dateArb.map((date) => ({ date })),
      { maxLength: 5 },
    ),
    removed: fc.array(dateArb, { maxLength: 5 }),
  });

  it('R31 addWorkingDays is a Working Day, strictly after, exactly n Working Days on', () => {
    fc.assert(
      fc.property(changesArb, dateArb, fc.integer({ min: 1, max: 2000 }), (changes, from, n) => {
        const c = createCalendar(changes);
        const to = c.addWorkingDays(from, n);
        expect(to > from).toBe(true);
        expect(c.isWorkingDay(to)).toBe(true);
        expect(c.workingDaysBetween(from, to)).toBe(n);
        expect(c.workingDaysBetween(to, from)).toBe(-n);
        if (c.isWorkingDay(from)) expect(c.subtractWorkingDays(to, n)).toBe(from);
      }),
      { numRuns: 300 },
    );
  });

  it('R31 addWorkingDays agrees with stepping one day at a time over holidays()', () => {
    const step = (c: ReturnType<typeof createCalendar>, from: string, n: number): string => {
      let t = Date.parse(`${from}T00:00:00Z`);
      for (let left = n; left > 0;) {
        t += 864e5;
        const d = new Date(t);
        const iso = d.toISOString().slice(0, 10);
        const holiday = c.holidays(d.getUTCFullYear()).some((h) => h.date === iso);
        if (d.getUTCDay() % 6 !== 0 && !holiday) left--;
      }
      return new Date(t).toISOString().slice(0, 10);
    };
    fc.assert(
      fc.property(changesArb, dateArb, fc.integer({ min: 1, max: 40 }), (changes, from, n) => {
        const c = createCalendar(changes);
        expect(c.addWorkingDays(from, n)).toBe(step(c, from, n));
      }),
      { numRuns: 200 },
    );
  });

  it('R64 subtractWorkingDays is a Working Day, strictly before, exactly k Working Days back', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 2000 }), (from, k) => {
        const back = cal.subtractWorkingDays(from, k);
        expect(back < from).toBe(true);
        expect(cal.isWorkingDay(back)).toBe(true);
        expect(cal.workingDaysBetween(back, from)).toBe(cal.isWorkingDay(from) ? k : k - 1);
      }),
      { numRuns: 300 },
    );
  });
});
