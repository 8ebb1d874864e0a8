// R88: a stop during a first start does not wait for the embedded database to be created (PGlite's
// initdb cannot be interrupted: about 5 s here, and a stop that waited for it took 12.6 s and exited 1
// on a busy machine). The folder held nothing before, so it is removed (or emptied, when it was there
// empty), "stopped cleanly", exit 0; the next start creates the database afresh.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../db/lock.ts';
import { freePort, start, stop, until, type Started } from './spawn.ts';

const STOP_MS = 10_000;

describe('R88: Ctrl-C while a first start creates the embedded database', () => {
  const root = mkdtempSync(join(tmpdir(), 'secbot-first-'));
  const bots: Started[] = [];
  afterAll(async () => {
    for (const b of bots) await stop(b, 2000);
    rmSync(root, { recursive: true, force: true });
  });

  /** Starts the bot on `dir` and sends SIGINT once the creation has begun (the folder's lock is held). */
  async function interrupted(dir: string): Promise<{ code: number; took: number; bot: Started }> {
    const bot = start({ DATA_DIR: dir, PORT: String(await freePort()) });
    bots.push(bot);
    await until(() => existsSync(join(dir, LOCK_FILE)), 120_000, 'the data folder’s lock');
    // The lock is taken the moment before the database is created (db/open.ts), so the creation has begun;
    // waiting for PGlite's files instead missed it on Node 24, where they appear only near its end.
    const at = Date.now();
    bot.child.kill('SIGINT');
    const code = await Promise.race([
      bot.exited,
      new Promise<number>((r) => setTimeout(() => r(-2), STOP_MS + 5000)),
    ]);
    return { code, took: Date.now() - at, bot };
  }

  it('a new folder is removed, the stop is clean and quick, and the next start creates the database', async () => {
    const dir = join(root, 'new', 'data');
    const { code, took, bot } = await interrupted(dir);
    expect(bot.output()).toContain('the new database was not finished, so its folder is removed');
    expect(bot.output()).toContain('stopped cleanly');
    expect(bot.output()).not.toContain('database open and migrated');
    expect(code).toBe(0);
    expect(took).toBeLessThan(STOP_MS);
    expect(existsSync(dir)).toBe(false);
    console.log(`R88: a stop during a first start's database creation: exit 0 in ${took} ms`);

    // The next start is a first start again, and finishes.
    const next = start({ DATA_DIR: dir, PORT: String(await freePort()) });
    bots.push(next);
    await until(() => next.output().includes('database open and migrated'), 90_000, 'the database');
    expect(await stop(next)).toBe(0);
    expect(readdirSync(dir)).toContain('PG_VERSION');
  }, 360_000);

  it('a folder that was there empty is emptied, not removed', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    const { code, bot } = await interrupted(dir);
    expect(bot.output()).toContain('stopped cleanly');
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  }, 300_000);
});
