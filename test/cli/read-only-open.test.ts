// R8, R47, R49: the commands that only read (`audit verify`, `register`, `workdays --data-dir`) open an
// existing database and never make one. Given a mistyped folder they had made and migrated a new empty
// database there and reported on it ("OK: 0 events in 0 streams, every hash chain intact.", "The
// register is empty."); now one line names the path, exit 1, and nothing is made. `migrate` still makes
// the database, and a data folder that cannot be made (under /proc) fails at once with one line instead
// of looping forever in Node's recursive mkdir.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../adapters/cli/audit.ts';
import { runMigrate } from '../../adapters/cli/migrate.ts';
import { runRegisterCommand } from '../../adapters/cli/register.ts';
import { runWorkdaysCommand } from '../../adapters/cli/workdays.ts';
import postgres from 'postgres';
import { FolderUnusable, lockFolder } from '../../db/lock.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'secbot-read-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oneLine = (s: string) => {
  expect(s.endsWith('\n')).toBe(true);
  expect(s.trimEnd()).not.toContain('\n');
};

describe('R8 R49 read-only commands open an existing database only', { timeout: 120_000 }, () => {
  it('a folder that does not exist: one line naming it, exit 1, nothing made', async () => {
    const typo = join(dir, 'typo', 'data');
    const audit = await runAudit(['verify', '--data-dir', typo], {});
    expect(audit.code).toBe(1);
    expect(audit.stdout).toBe('');
    expect(audit.stderr).toBe(
      `secbot audit: there is no database at ${typo}: the folder does not exist; give --data-dir (or DATA_DIR) the folder the bot keeps its data in, or --database-url.\n`,
    );
    const json = await runAudit(['verify', '--json'], { DATA_DIR: typo });
    expect(json.code).toBe(1);
    expect(json.stdout).not.toMatch(/ok/i);

    const register = await runRegisterCommand(['--data-dir', typo], {});
    expect(register.code).toBe(1);
    expect(register.stdout).toBe('');
    expect(register.stderr).toMatch(
      /^secbot register: there is no database at .*typo\/data: the folder does not exist;/,
    );
    oneLine(register.stderr);

    const workdays = await runWorkdaysCommand(['2027-01-11', '5', `--data-dir=${typo}`], {});
    expect(workdays.code).toBe(1);
    expect(workdays.stderr).toMatch(/^secbot workdays: there is no database at .*typo\/data/);
    oneLine(workdays.stderr);

    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('an empty folder, or a file: said so, and left as it was', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const audit = await runAudit(['verify', '--data-dir', empty], {});
    expect(audit.code).toBe(1);
    expect(audit.stderr).toMatch(/there is no database in .*empty: the folder holds no embedded database;/);
    oneLine(audit.stderr);
    expect(readdirSync(empty)).toEqual([]);
    const file = join(dir, 'a-file');
    spawnSync('touch', [file]);
    const register = await runRegisterCommand(['--json', '--data-dir', file], {});
    expect(register.code).toBe(1);
    expect(register.stderr).toMatch(/it is a file, not a folder/);
  });

  it('migrate still makes the database; then the read-only commands read it', async () => {
    const fresh = join(dir, 'fresh', 'data');
    const m = await runMigrate(['--data-dir', fresh], {});
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
    expect(await runAudit(['verify', '--data-dir', fresh], {})).toEqual({
      code: 0,
      stdout: 'OK: 0 events in 0 streams, every hash chain intact.\n',
      stderr: '',
    });
  });
});

describe.skipIf(!existsSync('/proc/self'))('R47 a data folder that cannot be made', () => {
  it('under /proc: FolderUnusable at once, one line naming DATA_DIR', () => {
    const started = Date.now();
    expect(() => lockFolder('/proc/secbot-nope/data')).toThrow(FolderUnusable);
    expect(() => lockFolder('/proc/secbot-nope')).toThrow(
      'DATA_DIR: cannot use /proc/secbot-nope as the data folder: a folder cannot be made there (ENOENT); set DATA_DIR to a folder this process can write.',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('npx secbot migrate --data-dir /proc/…: exit 1 with that line, not a hang', () => {
    const r = spawnSync(process.execPath, ['bin/secbot.js', 'migrate', '--data-dir', '/proc/secbot-nope'], {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'secbot migrate: DATA_DIR: cannot use /proc/secbot-nope as the data folder: a folder cannot be made there (ENOENT); set DATA_DIR to a folder this process can write.\n',
    );
  }, 40_000);
});

describe.skipIf(pgUnreachable)(
  'R8 R47 read-only commands on PostgreSQL make and migrate nothing',
  { timeout: 120_000 },
  () => {
    it('an empty database: one line, exit 1, and still no table; an older schema: run migrate first', async () => {
      const db = await createPgDatabase();
      try {
        const tables = async () => {
          const sql = postgres(db.url, { max: 1, onnotice: () => {} });
          try {
            const [r] = await sql`select count(*)::int as n from pg_tables where schemaname = 'public'`;
            return r?.n as number;
          } finally {
            await sql.end();
          }
        };
        const audit = await runAudit(['verify', '--database-url', db.url], {});
        expect(audit.code).toBe(1);
        expect(audit.stdout).toBe('');
        expect(audit.stderr).toMatch(
          /^secbot audit: The database \(postgres:\/\/.*, from --database-url\) holds no SEC Change Bot data: it has none of the bot's tables\. Check the address; nothing was made there\.\n$/,
        );
        const register = await runRegisterCommand([], { DATABASE_URL: db.url });
        expect(register.code).toBe(1);
        expect(register.stderr).toMatch(/, from DATABASE_URL\) holds no SEC Change Bot data/);
        expect(await tables()).toBe(0);

        // Made by an older release: the check names the migration missing and does not apply it.
        expect((await runMigrate(['--database-url', db.url], {})).code).toBe(0);
        const sql = postgres(db.url, { max: 1, onnotice: () => {} });
        const [last] =
          await sql`delete from secbot_migrations where tag = (select max(tag) from secbot_migrations) returning tag`;
        await sql.end();
        const old = await runAudit(['verify', '--database-url', db.url], {});
        expect(old.code).toBe(1);
        expect(old.stderr).toContain(
          `was made by an older release (migrations not applied: ${String(last?.tag)}): run secbot migrate on it first.`,
        );
      } finally {
        await db.drop();
      }
    });

    it('R47 --data-dir is read even with DATABASE_URL set; both flags at once are refused', async () => {
      const folder = join(dir, 'chosen', 'data');
      expect((await runMigrate(['--data-dir', folder], {})).code).toBe(0);
      // DATABASE_URL names a server with nothing on it: were it read, the command would fail.
      const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' };
      expect(await runAudit(['verify', '--data-dir', folder], env)).toEqual({
        code: 0,
        stdout: 'OK: 0 events in 0 streams, every hash chain intact.\n',
        stderr: '',
      });
      const both = await runAudit(['verify', '--data-dir', folder, '--database-url', env.DATABASE_URL], {});
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('secbot audit: give either --database-url or --data-dir, not both\n');
    });
  },
);
