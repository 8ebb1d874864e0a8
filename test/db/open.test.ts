// Opening the store (R47): the embedded data folder is held by one process, a stale
// lock is taken over, an unreachable DATABASE_URL is one clear line; `secbot migrate` and
// `secbot audit verify` exit as documented.
import { readMigrations } from '../../db/migrate.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../adapters/cli/audit.ts';
import { runMigrate } from '../../adapters/cli/migrate.ts';
import { LOCK_FILE, lockFolder } from '../../db/lock.ts';
import { openStore, redactUrl } from '../../db/open.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { createPgDatabase, pgUnreachable, query } from '../support/databases.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'secbot-open-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid as number;
}

describe('the embedded data folder lock (R47)', () => {
  it('R47: a second open of the same folder is refused, naming the folder and the holding pid', async () => {
    const dir = tempDir();
    const first = await openStore({ dataDir: dir });
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      await expect(openStore({ dataDir: dir })).rejects.toThrow(
        `The data folder ${dir} is in use by process ${process.pid}`,
      );
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // Closed, it opens again, with its data.
    const again = await openStore({ dataDir: dir });
    expect(await query(again, 'select count(*) as n from secbot_migrations')).toEqual([
      { n: readMigrations().length },
    ]);
    await again.close();
  }, 60_000);

  it('R47: a lock left by a process that has died is taken over', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), `${deadPid()}\n`);
    const lock = lockFolder(dir);
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockFolder(dir)).toThrow(/in use by process/);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('R47: a lock held by another live process is refused', () => {
    const dir = tempDir();
    const other = process.ppid;
    writeFileSync(join(dir, LOCK_FILE), `${other}\n`);
    expect(() => lockFolder(dir)).toThrow(`The data folder ${dir} is in use by process ${other}`);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(other));
  });
});

describe('an unreachable database at start', () => {
  it('one line naming DATABASE_URL and the cause, without the password', async () => {
    const url = 'postgres://postgres:s3cret@127.0.0.1:1/nowhere';
    const err = await openStore({ databaseUrl: url }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /^Cannot reach the database at DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere\): .+/,
    );
    expect(err?.message).not.toContain('s3cret');
    expect(err?.message).not.toContain('\n');
    const cli = await runMigrate(['--database-url', url], {});
    expect(cli.code).toBe(1);
    // The flag gave the address, so the line names the flag (R47).
    expect(cli.stderr).toContain('at --database-url (postgres://postgres@127.0.0.1:1/nowhere)');
    expect(redactUrl('postgres://u:p@h:5/d')).toBe('postgres://u@h:5/d');
  });
});

describe.skipIf(pgUnreachable !== undefined)('secbot migrate and audit verify on PostgreSQL', () => {
  it('R8: migrate twice, audit OK, then a tampered event exits 1 naming it', async () => {
    const db = await createPgDatabase();
    try {
      expect(await runMigrate(['--database-url', db.url], {})).toMatchObject({ code: 0 });
      const second = await runMigrate([], { DATABASE_URL: db.url });
      expect(second.stdout).toContain('already up to date');
      const store = await openStore({ databaseUrl: db.url });
      const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
      await engine.importPeople([{ email: 'ann@example.org', name: 'Ann', roles: ['party'] }], {
        source: 'test',
        now: new Date('2026-12-01T10:00:00Z'),
      });
      const ok = await runAudit(['verify', '--database-url', db.url], {});
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.stdout).toMatch(/^OK: 1 event in 1 stream, /);
      await query(store, `update events set actor = 'mallory' where stream = 0 and seq = 1`);
      const bad = await runAudit(['verify', '--json'], { DATABASE_URL: db.url });
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, stream: 0, seq: 1 });
      expect((await runAudit(['verify', '--database-url', db.url], {})).stdout).toContain(
        'BROKEN: stream 0 seq 1',
      );
      expect((await runAudit(['check'], {})).code).toBe(2);
      await store.close();
    } finally {
      await db.drop();
    }
  });
});
