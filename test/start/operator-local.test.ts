// SPEC §12 as an operator meets it in local mode: `npm start` with no credentials, on the embedded
// database, with the Teams emulator.
//   R88: Ctrl-C (SIGINT to the process group, as a terminal sends it) stops cleanly every time: "stopped
//        cleanly", npm gone within 10 s, nothing left running (the emulator neither), no lock file;
//        also when it comes the moment the bot's process exists; SIGTERM to the bot itself exits 0.
//   R89: the bot and the emulator listen on 127.0.0.1 only (read from /proc/net, no traffic sent: this
//        workplace allows test traffic to loopback only); DATABASE_URL without credentials is refused
//        in one line naming the variables, and nothing is written to that database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_ON_POSTGRES } from '../../src/main.ts';
import postgres from 'postgres';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';
import {
  botPid,
  ctrlC,
  groupMembers,
  killGroup,
  alive,
  listenerPids,
  listeningAddresses,
  lockLeft,
  npmStart,
  type NpmStarted,
} from './npm.ts';
import { emulatorUrl, freePort, start, until } from './spawn.ts';

if (pgUnreachable) throw new Error(`these tests need PostgreSQL: ${pgUnreachable}`);

const STOP_MS = 10_000;

describe('npm start in local mode: stopping (R88) and staying local (R89)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secbot-operator-'));
  const started: NpmStarted[] = [];

  const run = async (): Promise<{ bot: NpmStarted; port: number }> => {
    const port = await freePort();
    const bot = npmStart({ DATA_DIR: dir, PORT: String(port) });
    started.push(bot);
    await until(
      () => bot.output().includes('SEC Change Bot running in local mode') || bot.exitedAt() !== undefined,
      90_000,
      'local mode',
    );
    if (bot.exitedAt() !== undefined) throw new Error(`the bot exited:\n${bot.output()}`);
    return { bot, port };
  };

  /** Ctrl-C, then: how long npm took to exit, and what is left. */
  const stopByCtrlC = async (bot: NpmStarted) => {
    const at = Date.now();
    ctrlC(bot);
    await Promise.race([bot.exited, new Promise((r) => setTimeout(r, STOP_MS + 2000))]);
    const took = (bot.exitedAt() ?? Infinity) - at;
    await until(() => groupMembers(bot.pgid).length === 0, 5000, 'the group to empty').catch(() => {});
    return { took, left: groupMembers(bot.pgid), lock: lockLeft(dir) };
  };

  afterAll(() => {
    for (const b of started) killGroup(b);
    rmSync(dir, { recursive: true, force: true });
  });

  it('R89: the bot and the emulator listen on 127.0.0.1 only; R88: Ctrl-C stops both cleanly', async () => {
    const { bot, port } = await run();
    const page = emulatorUrl(bot.output());
    expect(page).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const emulatorPort = Number(new URL(page as string).port);
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
    expect(listeningAddresses(emulatorPort)).toEqual(['127.0.0.1']);
    const emulatorPids = listenerPids(emulatorPort);
    expect(emulatorPids.length).toBeGreaterThan(0);
    expect((await fetch(page as string)).status).toBe(200);
    const r = await stopByCtrlC(bot);
    expect(bot.output()).toContain('stopped cleanly');
    expect(r).toMatchObject({ left: [], lock: false });
    expect(r.took).toBeLessThan(STOP_MS);
    // The emulator (its own process group) is gone too; by process, not by port, which another test's
    // emulator may take as soon as it is free.
    expect(emulatorPids.filter(alive)).toEqual([]);
  }, 120_000);

  it('R88: Ctrl-C three more times in a row: a clean stop every time', async () => {
    const took: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { bot } = await run();
      const r = await stopByCtrlC(bot);
      expect(bot.output()).toContain('stopped cleanly');
      expect(r).toMatchObject({ left: [], lock: false });
      took.push(r.took);
    }
    expect(took.filter((t) => t >= STOP_MS)).toEqual([]);
    console.log(`R88: Ctrl-C to exit: ${took.join(', ')} ms`);
  }, 240_000);

  it('R88: Ctrl-C the moment the bot has its handlers (still loading its code) also stops cleanly, lock-free', async () => {
    const bot = npmStart({ DATA_DIR: dir, PORT: String(await freePort()) });
    started.push(bot);
    await botPid(bot.pgid);
    const r = await stopByCtrlC(bot);
    expect(bot.output()).toContain('stopped cleanly');
    expect(bot.output()).not.toContain('SEC Change Bot running');
    expect(r).toMatchObject({ left: [], lock: false });
    expect(r.took).toBeLessThan(STOP_MS);
  }, 60_000);

  it('R88: SIGTERM to the bot process (as a process manager sends it) exits 0', async () => {
    const bot = start({ DATA_DIR: dir, PORT: String(await freePort()) });
    await until(() => bot.output().includes('SEC Change Bot running in local mode'), 90_000, 'local mode');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('stopped cleanly');
    expect(lockLeft(dir)).toBe(false);
  }, 120_000);

  it('R89: DATABASE_URL without platform credentials is refused in one line, and the database is left alone', async () => {
    const db = await createPgDatabase();
    try {
      const bot = npmStart({ DATABASE_URL: db.url, PORT: String(await freePort()) });
      started.push(bot);
      expect(await bot.exited).toBe(1);
      const lines = bot
        .output()
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('npm '));
      expect(lines).toEqual([LOCAL_ON_POSTGRES]);
      expect(lines[0]).toMatch(
        /SLACK_BOT_TOKEN.*SLACK_SIGNING_SECRET.*TEAMS_CLIENT_ID.*TEAMS_CLIENT_SECRET.*TEAMS_TENANT_ID/,
      );
      const sql = postgres(db.url, { max: 1, onnotice: () => {} });
      const rows =
        await sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
      await sql.end();
      expect(rows[0]?.n).toBe(0);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
