// R47 R50 at start: a DATA_DIR that cannot be a folder is one line naming DATA_DIR, the folder and
// the cause, and the bot exits 1 (was: the bare `ENOTDIR: not a directory, mkdir '…'`). The real
// composition root in a child process (spawn.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, start } from './spawn.ts';

describe('npm start: a DATA_DIR that cannot be used (R47)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secbot-datadir-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The bot's lines other than bin/start.js's own info lines (it may rebuild its bundle first). */
  async function refused(dataDir: string): Promise<string[]> {
    const bot = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const running = setTimeout(() => bot.child.kill('SIGKILL'), 90_000);
    const code = await bot.exited;
    clearTimeout(running);
    expect(code).toBe(1);
    return bot
      .output()
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('{"level":30'));
  }

  it('a folder under a file: one line naming DATA_DIR and the cause', async () => {
    expect(await refused(join(file, 'x'))).toEqual([
      `DATA_DIR: cannot use ${join(file, 'x')} as the data folder: a part of that path is a file, not a folder (ENOTDIR); set DATA_DIR to a folder this process can write.`,
    ]);
  }, 120_000);

  it('a file: one line naming DATA_DIR and the cause', async () => {
    expect(await refused(file)).toEqual([
      `DATA_DIR: cannot use ${file} as the data folder: it is a file, not a folder (EEXIST); set DATA_DIR to a folder this process can write.`,
    ]);
  }, 120_000);
});
