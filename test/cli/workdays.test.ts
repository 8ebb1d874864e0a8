import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WORKDAYS_USAGE, runWorkdays } from '../../adapters/cli/workdays.ts';
import { createCalendar } from '../../src/domain/working-days.ts';

const json = (stdout: string): unknown => {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout);
};

describe('R32 secbot workdays', () => {
  it('R32 `workdays 2018-12-14 15 --json` prints one object with the London due instant', () => {
    const r = runWorkdays(['2018-12-14', '15', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(json(r.stdout)).toEqual({ from: '2018-12-14', workingDays: 15, due: '2019-01-09T17:00:00+00:00' });
    expect(Object.keys(json(r.stdout) as object)).toEqual(['from', 'workingDays', 'due']);
  });

  it('R32 the human answer shows the weekday and London time', () => {
    const r = runWorkdays(['2018-12-14', '15']);
    expect(r).toEqual({
      code: 0,
      stdout: '15 Working Days after Fri 14 Dec 2018: Wed 9 Jan 2019, 17:00\n',
      stderr: '',
    });
    expect(runWorkdays(['2019-01-07', '1']).stdout).toBe(
      '1 Working Day after Mon 7 Jan 2019: Tue 8 Jan 2019, 17:00\n',
    );
  });

  it('R32 a summer due date carries the +01:00 offset and SEC_CUTOFF moves the time', () => {
    expect(json(runWorkdays(['2026-06-30', '1', '--json']).stdout)).toEqual({
      from: '2026-06-30',
      workingDays: 1,
      due: '2026-07-01T17:00:00+01:00',
    });
    expect(json(runWorkdays(['--json', '2026-06-30', '1'], { cutoff: '12:30' }).stdout)).toMatchObject({
      due: '2026-07-01T12:30:00+01:00',
    });
  });

  it('R32 `workdays A B --json` counts the Working Days d with A < d <= B', () => {
    const r = runWorkdays(['2018-12-14', '2019-01-09', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toEqual({ from: '2018-12-14', to: '2019-01-09', workingDays: 15 });
    expect(json(runWorkdays(['2020-12-24', '2020-12-28', '--json']).stdout)).toMatchObject({
      workingDays: 0,
    });
    expect(json(runWorkdays(['2019-01-09', '2019-01-09', '--json']).stdout)).toMatchObject({
      workingDays: 0,
    });
    expect(runWorkdays(['2018-12-14', '2019-01-09']).stdout).toBe(
      '15 Working Days after Fri 14 Dec 2018 up to and including Wed 9 Jan 2019\n',
    );
  });

  it('R32 the dates the wrong way round: refused, exit 2, with the command put right (not "0 Working Days")', () => {
    expect(runWorkdays(['2027-01-04', '2026-12-01'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'secbot workdays: the second date, Tue 1 Dec 2026, is before the first, Mon 4 Jan 2027: put the earlier date first: secbot workdays 2026-12-01 2027-01-04\n',
    });
    const r = runWorkdays(['2019-01-09', '2018-12-14', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/put the earlier date first: secbot workdays 2018-12-14 2019-01-09 --json\n$/);
  });

  it('R30 an admin-changed calendar passed in is the one used', () => {
    const calendar = createCalendar({ added: [{ date: '2019-01-08' }] });
    expect(json(runWorkdays(['2019-01-07', '1', '--json'], { calendar }).stdout)).toMatchObject({
      due: '2019-01-09T17:00:00+00:00',
    });
  });

  // A call of the wrong shape is answered with the usage, as every subcommand answers one.
  const misused: [string, string[], string][] = [
    ['no arguments', [], 'expected 2 arguments, got 0'],
    ['one argument', ['2018-12-14'], 'expected 2 arguments, got 1'],
    ['three arguments', ['2018-12-14', '15', '16'], 'expected 2 arguments, got 3'],
    ['an unknown option', ['2018-12-14', '15', '--yaml'], 'unknown option --yaml'],
    ['a mistyped option', ['2018-12-14', '15', '--jsn'], 'unknown option --jsn; did you mean --json?'],
  ];
  for (const [what, args, line] of misused) {
    it(`R32 ${what}: what is wrong, then the whole usage, exit code 2`, () => {
      expect(runWorkdays(args)).toEqual({
        code: 2,
        stdout: '',
        stderr: `secbot workdays: ${line}\n${WORKDAYS_USAGE}\n`,
      });
    });
  }

  const bad: [string, string[], { cutoff?: string }?][] = [
    ['an impossible date', ['2019-02-30', '15']],
    ['a loose date', ['2019-2-3', '15']],
    ['a bad second date', ['2018-12-14', '2019-13-01']],
    ['a negative count', ['2018-12-14', '-3']],
    ['a zero count', ['2018-12-14', '0']],
    ['a fractional count', ['2018-12-14', '1.5']],
    ['a word for a count', ['2018-12-14', 'ten']],
    ['a count beyond the calendar', ['2018-12-14', '99999999']],
    ['a bad SEC_CUTOFF', ['2018-12-14', '15'], { cutoff: '5pm' }],
  ];
  for (const [what, args, opts] of bad) {
    it(`R32 ${what} is a one-line error on stderr with exit code 2`, () => {
      const r = runWorkdays(args, opts);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^secbot workdays: [^\n]+\n$/);
    });
  }

  it('R32 `node bin/secbot.js workdays 2018-12-14 15 --json` prints the JSON object', () => {
    const out = execFileSync(process.execPath, ['bin/secbot.js', 'workdays', '2018-12-14', '15', '--json'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, SEC_CUTOFF: '' },
    });
    expect(json(out)).toEqual({ from: '2018-12-14', workingDays: 15, due: '2019-01-09T17:00:00+00:00' });
  });

  it('R47 R50 a bad SEC_CUTOFF reads as it does at start (the same reader and line); blank is the default', () => {
    const r = spawnSync(process.execPath, ['bin/secbot.js', 'workdays', '2018-12-14', '15'], {
      encoding: 'utf8',
      env: { ...process.env, SEC_CUTOFF: '25:00' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'secbot workdays: SEC_CUTOFF: must be a time HH:MM, 24-hour (such as 17:00), not "25:00"\n',
    );
    // Trimmed like every setting (R50), and blank means the default, as at start.
    expect(runWorkdays(['2018-12-14', '15'], { cutoff: ' 16:30 ' }).stdout).toContain('16:30');
    expect(runWorkdays(['2018-12-14', '15'], { cutoff: ' ' }).stdout).toContain('17:00');
  });

  it('R32 an unknown secbot subcommand prints the usage and exits 2', () => {
    const r = spawnSync(process.execPath, ['bin/secbot.js', 'no-such-command'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command no-such-command');
    expect(r.stderr).toContain('secbot workdays');
  });
});
