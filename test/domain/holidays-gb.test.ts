// R30: the bot ships only the GB slice of date-holidays' rules (src/domain/holidays-gb.ts, written by
// scripts/holidays-gb.ts). It must give exactly the holidays the whole package gives for England and
// Wales in every supported year; after an upgrade of date-holidays this fails until the slice is rewritten.
import Holidays from 'date-holidays';
import HolidaysParser from 'date-holidays-parser';
import { describe, expect, it } from 'vitest';
import { GB_HOLIDAY_DATA } from '../../src/domain/holidays-gb.ts';
import { MAX_YEAR, MIN_YEAR, shippedHolidays } from '../../src/domain/holidays.ts';
import { createCalendar, dueAfter } from '../../src/domain/working-days.ts';

const OPTS: { types: ('public' | 'bank')[]; languages: string } = {
  types: ['public', 'bank'],
  languages: 'en',
};

describe('R30 the shipped GB holiday rules', () => {
  it('give the same England-and-Wales holidays as the whole date-holidays package, 1900 to 2299', () => {
    const whole = new Holidays('GB', 'ENG', OPTS);
    const slice = new HolidaysParser(GB_HOLIDAY_DATA, 'GB', 'ENG', OPTS);
    let compared = 0;
    for (let y = MIN_YEAR; y <= MAX_YEAR; y++) {
      const a = whole.getHolidays(y).map((h) => [h.date, h.name, h.type]);
      const b = slice.getHolidays(y).map((h) => [h.date, h.name, h.type]);
      expect(b, String(y)).toEqual(a);
      compared += a.length;
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('include the one-off days of recent years (2022 Platinum Jubilee, 2023 Coronation)', () => {
    const dates = (y: number) => shippedHolidays(y).map((h) => h.date);
    expect(dates(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(dates(2023)).toContain('2023-05-08');
    expect(dates(2020)).toContain('2020-05-08');
    expect(dates(2020)).not.toContain('2020-05-04');
  });
});

// R30: the one-off days before 2018 that the package's GB rules lack, from the official record; a
// deadline counted across one of them was a Working Day off.
describe('R30 the one-off bank holidays before 2018', () => {
  const dates = (y: number) => shippedHolidays(y).map((h) => h.date);
  it.each([
    [1981, ['1981-07-29'], []],
    [1995, ['1995-05-08'], ['1995-05-01']],
    [1999, ['1999-12-31'], []],
    [2002, ['2002-06-03', '2002-06-04'], ['2002-05-27']],
    [2011, ['2011-04-29'], []],
    [2012, ['2012-06-04', '2012-06-05'], ['2012-05-28']],
  ])('%i: holidays %j, and not %j', (year, on, off) => {
    expect(dates(year)).toEqual(expect.arrayContaining(on));
    for (const d of off) expect(dates(year)).not.toContain(d);
    // Eight bank holidays a year, plus the extra day of the year's event; still in date order.
    const extra = on.length - off.length;
    expect(dates(year)).toHaveLength(8 + extra);
    expect([...dates(year)].sort()).toEqual(dates(year));
  });

  it('the Early May bank holiday begins in 1978', () => {
    expect(shippedHolidays(1977).map((h) => h.name)).not.toContainEqual(expect.stringMatching(/Early May/));
    expect(dates(1978)).toContain('1978-05-01');
  });

  it('counts Working Days across them: 2 Working Days after Fri 25 May 2012 end on Tue 29 May (28 May was worked)', () => {
    expect(dueAfter(createCalendar(), new Date('2012-05-25T12:00:00Z'), 2, '17:00').toISOString()).toBe(
      '2012-05-29T16:00:00.000Z',
    );
    // And 6 after Wed 30 May end on Mon 11 June, not Fri 8 June: Mon 4 and Tue 5 June were both holidays.
    expect(dueAfter(createCalendar(), new Date('2012-05-30T12:00:00Z'), 6, '17:00').toISOString()).toBe(
      '2012-06-11T16:00:00.000Z',
    );
  });
});
