// R30, R71: admin holiday replies say what the day is after the change, and keep a shipped holiday's name.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/domain/working-days.ts';
import { Scenario } from '../support/scenario.ts';

describe('admin holiday replies (R30, R71)', () => {
  it('R30 removing a weekday holiday makes a Working Day, and the reply does not call it a weekend day', () => {
    const s = new Scenario();
    const d = s.ok('ada', { type: 'admin-holiday', op: 'remove', date: '2026-12-28' });
    expect(d.reply).toBe(
      'Mon 28 Dec 2026 (Boxing Day (substitute day)) is no longer a holiday; existing deadlines do not move.',
    );
  });

  it('R30 removing a holiday on a Saturday says it is still a weekend day', () => {
    const s = new Scenario();
    s.calendar = createCalendar({ added: [{ date: '2026-12-12', name: 'Coronation' }] });
    const d = s.ok('ada', { type: 'admin-holiday', op: 'remove', date: '2026-12-12' });
    expect(d.reply).toBe(
      'Sat 12 Dec 2026 (Coronation) is no longer a holiday (it is still a weekend day); existing deadlines do not move.',
    );
  });

  it('R30 re-adding a removed shipped holiday without a name keeps its published name', () => {
    const s = new Scenario();
    s.calendar = createCalendar({ removed: ['2026-12-28'] });
    const d = s.ok('ada', { type: 'admin-holiday', op: 'add', date: '2026-12-28' });
    expect(d.events).toEqual([
      { type: 'HolidayChanged', date: '2026-12-28', op: 'add', name: 'Boxing Day (substitute day)' },
    ]);
    expect(d.reply).toBe(
      'Mon 28 Dec 2026 is now a holiday (Boxing Day (substitute day)); existing deadlines do not move.',
    );
    const other = s.ok('ada', { type: 'admin-holiday', op: 'add', date: '2026-12-14' });
    expect(other.events).toEqual([
      { type: 'HolidayChanged', date: '2026-12-14', op: 'add', name: 'Holiday (added by an admin)' },
    ]);
  });
});
