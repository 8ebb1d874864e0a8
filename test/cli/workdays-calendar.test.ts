// R30, R32: `secbot workdays` with --data-dir (or --database-url) counts with the bot's own calendar,
// the admins' holiday changes included, as `workdays` typed in chat does; without them it uses the
// shipped calendar and opens nothing. Before, the command line always used the shipped calendar and
// refused --data-dir, so a chair planning a timetable there got a date a day off the bot's deadlines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEngine } from '../../adapters/cli/people.ts';
import { runWorkdaysCommand } from '../../adapters/cli/workdays.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

describe('R32 secbot workdays with the bot’s calendar', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-workdays-'));
    const r = await withEngine({ dataDir: dir }, {}, async (engine) => {
      const now = london('2027-01-04T09:00');
      await engine.importPeople(PEOPLE, { source: 'test', now });
      const added = await engine.ask('admin holiday add 2027-01-14 Storm day', id('ada'), now);
      expect(added.ok, added.reply).toBe(true);
      // The same question in chat, for comparison.
      return commandsAs((await engine.ask('workdays 2027-01-11 5', id('ada'), now)).reply, undefined);
    });
    expect(r.ok && r.value).toContain('Tue 19 Jan 2027, 17:00');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--data-dir counts the admin’s holiday; without it the shipped calendar is used', async () => {
    const withDb = await runWorkdaysCommand(['2027-01-11', '5', '--data-dir', dir], {});
    expect(withDb).toEqual({
      code: 0,
      stdout: '5 Working Days after Mon 11 Jan 2027: Tue 19 Jan 2027, 17:00\n',
      stderr: '',
    });
    const shipped = await runWorkdaysCommand(['2027-01-11', '5'], {});
    expect(shipped.stdout).toBe('5 Working Days after Mon 11 Jan 2027: Mon 18 Jan 2027, 17:00\n');
    const between = await runWorkdaysCommand([`--data-dir=${dir}`, '2027-01-11', '2027-01-18', '--json'], {});
    expect(between.stdout).toBe('{"from": "2027-01-11", "to": "2027-01-18", "workingDays": 4}\n');
  }, 60_000);

  it('a bad argument is refused before the database is opened', async () => {
    const r = await runWorkdaysCommand(['2027-13-01', '5', '--data-dir', join(dir, 'never-made')], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('secbot workdays: not a date (YYYY-MM-DD): 2027-13-01\n');
  });
});
