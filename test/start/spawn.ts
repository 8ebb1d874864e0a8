// `npm start` as a child process for the start and browser tests: the real composition root
// (`node bin/start.js`, what the npm script runs) with a chosen environment, its output collected.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

/**
 * Runs `code` in a child Node.js with the bin/ module `file` imported as `m`, and returns what it
 * printed: bin/ is plain JavaScript for Node 20 without a loader, so its tests drive it this way.
 */
export const runBin = (file: string, code: string): string =>
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import('./bin/${file}');\n${code}`],
    { cwd: root, encoding: 'utf8' },
  ).trim();

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number>;
}

export function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['bin/start.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => out, exited };
}

export async function until(check: () => boolean, ms: number, what = 'a condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The emulator page printed in the local-mode paragraph, or undefined. */
export const emulatorUrl = (output: string): string | undefined =>
  /Open the Teams emulator at (http:\/\/\S+\/) /.exec(output)?.[1];

/** The command lines of a process's children (Linux `ps`). */
export function childCommands(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** The ids of a process's children whose command line contains `match` (Linux `ps`). */
export function childPids(pid: number, match: string): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(match))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Stops the bot with SIGTERM (so it stops the emulator too), SIGKILL after `ms`. */
export async function stop(bot: Started, ms = 10_000): Promise<number> {
  if (bot.child.exitCode !== null) return bot.child.exitCode;
  bot.child.kill('SIGTERM');
  const timer = setTimeout(() => bot.child.kill('SIGKILL'), ms);
  const code = await bot.exited;
  clearTimeout(timer);
  return code;
}
