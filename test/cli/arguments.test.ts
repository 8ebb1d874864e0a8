// Every `secbot` subcommand treats its arguments alike: `-h` and `--help` print its usage (exit 0), and
// an option it does not know is refused with what is wrong and the usage (exit 2), before any database
// is opened. They had differed: `people import --help` said "expected one CSV file", `migrate --help`
// "unexpected --help", `audit check` printed only the usage, and `config --jsn` silently printed the
// table a script then misread as JSON. `secbot config` also checks the environment as the start does:
// a web setting the start refuses exits 1 with the start's reason, not 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../adapters/cli/audit.ts';
import { runConfig } from '../../adapters/cli/config.ts';
import type { CliResult } from '../../adapters/cli/migrate.ts';
import { runMigrate } from '../../adapters/cli/migrate.ts';
import { PEOPLE_USAGE, runPeople } from '../../adapters/cli/people.ts';
import { REGISTER_USAGE, runRegisterCommand } from '../../adapters/cli/register.ts';
import { SCRIPT_USAGE, runScript } from '../../adapters/cli/script.ts';
import { WORKDAYS_USAGE, runWorkdaysCommand } from '../../adapters/cli/workdays.ts';

const AUDIT_USAGE = 'usage: secbot audit verify [--database-url URL] [--data-dir DIR] [--json]';
const CONFIG_USAGE = 'usage: secbot config [--json]';
const MIGRATE_USAGE = 'usage: secbot migrate [--database-url URL] [--data-dir DIR]';
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'secbot.js');
const dir = mkdtempSync(join(tmpdir(), 'secbot-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A folder that must never be made: no usage error opens a database.
const data = join(dir, 'never');

/** `secbot script` writes lines; the same shape as the others. */
async function script(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScript(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { code, stdout: text(out), stderr: text(err) };
}

const COMMANDS: [string, (args: string[]) => Promise<CliResult>, string, string[]][] = [
  [
    'workdays',
    (a) => runWorkdaysCommand(['2027-01-11', '5', '--data-dir', data, ...a], {}),
    WORKDAYS_USAGE,
    [],
  ],
  ['register', (a) => runRegisterCommand(['--data-dir', data, ...a], {}), REGISTER_USAGE, []],
  ['people import', (a) => runPeople(['import', 'x.csv', '--data-dir', data, ...a], {}), PEOPLE_USAGE, []],
  ['migrate', (a) => runMigrate(['--data-dir', data, ...a], {}), MIGRATE_USAGE, []],
  ['audit verify', (a) => runAudit(['verify', '--data-dir', data, ...a], {}), AUDIT_USAGE, []],
  ['config', async (a) => runConfig({}, a), CONFIG_USAGE, []],
  ['script', (a) => script(['examples/week-digest.sec', ...a]), SCRIPT_USAGE, []],
];

describe('every secbot subcommand: --help, -h and an unknown option', { timeout: 60_000 }, () => {
  for (const [name, run, usage] of COMMANDS) {
    it(`${name}: --help and -h print the usage (exit 0); --jsn is refused with the nearest option and the usage (exit 2)`, async () => {
      for (const flag of ['--help', '-h'])
        expect(await run([flag])).toEqual({ code: 0, stdout: `${usage}\n`, stderr: '' });
      const said = name === 'people import' || name === 'migrate' ? '' : '; did you mean --json?';
      expect(await run(['--jsn'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `secbot ${name}: unknown option --jsn${said}\n${usage}\n`,
      });
      expect(existsSync(data)).toBe(false);
    });
  }

  it('people and audit: a missing or unknown subcommand is named, with the usage', async () => {
    expect(await runAudit(['check'], {})).toEqual({
      code: 2,
      stdout: '',
      stderr: `secbot audit: unknown subcommand check; the only one is verify\n${AUDIT_USAGE}\n`,
    });
    expect((await runAudit([], {})).stderr).toBe(`secbot audit: expected verify\n${AUDIT_USAGE}\n`);
    expect(await runAudit(['--help'], {})).toEqual({ code: 0, stdout: `${AUDIT_USAGE}\n`, stderr: '' });
    expect((await runPeople(['export'], {})).stderr).toBe(
      `secbot people: expected import, not export\n${PEOPLE_USAGE}\n`,
    );
    expect(await runPeople(['--help'], {})).toEqual({ code: 0, stdout: `${PEOPLE_USAGE}\n`, stderr: '' });
    expect((await runMigrate(['now'], {})).stderr).toBe(
      `secbot migrate: unexpected argument now\n${MIGRATE_USAGE}\n`,
    );
  });
});

describe('secbot config checks the environment as the start does', () => {
  it('a web setting the start refuses: its reason, exit 1, no table', () => {
    expect(runConfig({ SEC_REGISTER_PUBLIC: 'maybe', SEC_WEB_SECRET: 'short' }, [])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'secbot config: SEC_REGISTER_PUBLIC: must be true or false, not "maybe"\n' +
        'secbot config: SEC_WEB_SECRET: must be at least 32 characters\n' +
        'secbot config: the bot would not start with these values\n',
    });
    const one = runConfig({ SEC_REGISTER_LINK_HOURS: '0' }, ['--json']);
    expect(one.code).toBe(1);
    expect(one.stdout).toBe('');
    expect(one.stderr).toMatch(/^secbot config: SEC_REGISTER_LINK_HOURS: must be a whole number of hours/);
    expect(one.stderr).toMatch(/the bot would not start with this value\n$/);
    // Good web settings still list the settings, exit 0.
    const good = runConfig({ SEC_REGISTER_PUBLIC: 'true', SEC_WEB_SECRET: 'x'.repeat(40) }, []);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/SEC_PANEL_QUORUM\s+5\n/);
  });
});

describe('the secbot dispatcher', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  it('a mistyped command gets the nearest one, as in chat', () => {
    const r = run('regster');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('secbot: unknown command regster; did you mean register?');
    expect(run('frobnicate').stderr.split('\n')[0]).toBe('secbot: unknown command frobnicate');
  });
  it('--version prints the version', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^secbot \d+\.\d+\.\d+\n$/);
  });
});
