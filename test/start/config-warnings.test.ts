// R47 at start: SERVICE_URL is checked with the rest of the configuration (one line, exit 1, nothing
// opened), and a SEC_* name the bot does not read is logged once as a warning naming the nearest setting,
// while the bot starts as usual. The real composition root in a child process (spawn.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, start, stop, until } from './spawn.ts';

const TEAMS = {
  TEAMS_CLIENT_ID: '00000000-0000-0000-0000-0000000000aa',
  TEAMS_CLIENT_SECRET: 'test-secret',
  TEAMS_TENANT_ID: '00000000-0000-0000-0000-0000000000bb',
};

describe('npm start: configuration lines (R47)', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'secbot-config-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('SERVICE_URL=bad with Teams credentials is refused in one line naming it', async () => {
    const bot = start({ ...TEAMS, DATA_DIR: dir(), PORT: String(await freePort()), SERVICE_URL: 'bad' });
    // Stopped if it runs on (as it did before SERVICE_URL was checked), so a failure leaves nothing behind.
    const running = setTimeout(() => bot.child.kill('SIGKILL'), 90_000);
    const code = await bot.exited;
    clearTimeout(running);
    expect(code).toBe(1);
    // (Other lines may come before it: bin/start.js rebuilding its bundle after an edit.)
    expect(
      bot
        .output()
        .split('\n')
        .filter((l) => !l.startsWith('{"level":30')),
    ).toEqual(['configuration: SERVICE_URL: must be an https:// address, not "bad"', '']);
  }, 120_000);

  it('a misspelt setting is one warning naming the setting meant; the bot runs with the default', async () => {
    const bot = start({
      ...TEAMS,
      DATA_DIR: dir(),
      PORT: String(await freePort()),
      SEC_PANEL_QUOROM: '3',
      SEC_REGISTER_PUBLIK: 'true',
    });
    try {
      await until(() => bot.output().includes('SEC Change Bot running'), 120_000, 'the bot');
      const lines = bot.output().split('\n');
      const about = (name: string) => lines.filter((l) => l.includes(name));
      expect(about('SEC_PANEL_QUOROM')).toHaveLength(1);
      expect(JSON.parse(about('SEC_PANEL_QUOROM')[0]!)).toMatchObject({
        level: 40,
        msg: 'configuration: SEC_PANEL_QUOROM is not a setting; did you mean SEC_PANEL_QUORUM?',
      });
      expect(about('SEC_REGISTER_PUBLIK')).toHaveLength(1);
      expect(about('SEC_REGISTER_PUBLIK')[0]).toContain('did you mean SEC_REGISTER_PUBLIC?');
    } finally {
      expect(await stop(bot)).toBe(0);
    }
  }, 150_000);
});
