// R30: the bot ships only the GB slice of date-holidays' rules (src/domain/holidays-gb.ts, written by
// scripts/holidays-gb.ts). It must give exactly the holidays the whole package gives for England and
// Wales in every supported year; after an upgrade of date-holidays this fails until the slice is rewritten.
import Holidays from 'date-holidays';
import HolidaysParser from 'date-holidays-parser';
import { describe, expect, it } from 'vitest';
import { GB_HOLIDAY_DATA } from '../../src/domain/holidays-gb.ts';
import { MAX_YEAR, MIN_YEAR, shippedHolidays } from '../../src/domain/holidays.ts';

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
