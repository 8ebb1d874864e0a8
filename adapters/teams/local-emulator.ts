// The local Teams emulator: Microsoft 365 Agents Playground, a dev dependency,
// started as a child process pointed at the bot, with our world (manifest/teams/playground.yml), and
// stopped with the bot. local.ts decides when; this file only knows how.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Log = (msg: string, data?: object) => void;

/** The emulator's world (same tenant, bot and users as its default config; our team and group chat). */
export const PLAYGROUND_CONFIG = fileURLToPath(
  new URL('../../manifest/teams/playground.yml', import.meta.url),
);
export const EMULATOR_PACKAGE = '@microsoft/m365agentsplayground';
/** The emulator's default port; when it is taken the emulator picks another and prints it. */
export const EMULATOR_PORT = 56150;

export interface Emulator {
  /** The page to open in a browser. */
  url: string;
  /** The emulator's Bot Connector, the serviceUrl of the activities it sends. */
  connectorUrl: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

export type EmulatorStart =
  { ok: true; emulator: Emulator } | { ok: false; reason: 'missing' | 'failed'; message: string };

export interface EmulatorOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botUrl: string;
  port?: number;
  configPath?: string;
  logFile?: string;
  timeoutMs?: number;
  log?: Log;
  /** The npm package to run (tests name a missing one). */
  packageName?: string;
}

/** The emulator's CLI script, or undefined when the dev dependency is not installed. */
export function emulatorCli(packageName = EMULATOR_PACKAGE): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(`${packageName}/cli.js`);
  } catch {
    return undefined;
  }
}

// Preloaded into the emulator: it exits when our end of its stdin closes, so it never outlives the bot
// even when the bot is killed without a chance to stop it.
const WATCHDOG =
  'data:text/javascript,process.stdin.on("end",()=>process.exit(0)).on("error",()=>process.exit(0)).resume()';

/**
 * Preloaded into the emulator too (R89): it calls `listen(port)` with no host, which listens on every
 * interface, and its page lets whoever reaches it act as Alex, who holds every role. Every listen in
 * that process that names a port is pinned to 127.0.0.1 (a host other than loopback is replaced).
 */
export const LOOPBACK_ONLY = `data:text/javascript,${encodeURIComponent(`
import net from 'node:net';
const listen = net.Server.prototype.listen;
const loopback = (h) => h === 'localhost' || h === '::1' || /^127\\./.test(h);
net.Server.prototype.listen = function (...args) {
  const [first, second] = args;
  if (args.length === 0 || typeof first === 'function') args.unshift(0, '127.0.0.1');
  else if (typeof first === 'number' || (typeof first === 'string' && /^\\d+$/.test(first))) {
    if (typeof second === 'string') { if (!loopback(second)) args[1] = '127.0.0.1'; }
    else if (second === undefined || second === null) args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && ('port' in first || !('fd' in first || 'path' in first || '_handle' in first))) {
    if (!(typeof first.host === 'string' && loopback(first.host))) args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};`)}`;

/**
 * Starts the emulator pointed at the bot and resolves once it listens (its port may differ from the one
 * asked for: it silently moves when that one is taken). `TEAMSAPPTESTER_BROWSER=none`: without a
 * display it would otherwise exit silently; its log goes to a temporary file instead of ./devTools.
 */
export async function startEmulator(opts: EmulatorOptions): Promise<EmulatorStart> {
  const cli = emulatorCli(opts.packageName);
  if (!cli)
    return {
      ok: false,
      reason: 'missing',
      message: `${EMULATOR_PACKAGE} is not installed (a dev dependency)`,
    };
  const port = opts.port ?? EMULATOR_PORT;
  const logFile = opts.logFile ?? join(tmpdir(), `secbot-emulator-${process.pid}.log`);
  const args = [
    '--import',
    WATCHDOG,
    '--import',
    LOOPBACK_ONLY,
    cli,
    'start',
    '-e',
    opts.botUrl,
    '-c',
    'msteams',
    '-p',
    String(port),
    '--dt',
  ];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: opts.configPath ?? PLAYGROUND_CONFIG,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches the bot, which stops it in order (the watchdog covers a crash).
    detached: true,
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  let stopping = false;
  const stop = async (): Promise<void> => {
    stopping = true;
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exit;
    clearTimeout(timer);
  };

  const listening = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => resolve('it did not start listening in time'), opts.timeoutMs ?? 30_000);
    const check = () => {
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    void exit.then(() => {
      clearTimeout(timer);
      resolve(`it exited: ${output.trim().split('\n').slice(-3).join(' ') || 'no output'}`);
    });
    child.once('error', (e) => resolve(e.message));
  });
  if (typeof listening === 'string') {
    await stop();
    return { ok: false, reason: 'failed', message: listening };
  }
  // A bad config file is reported after "Listening", in the log file only, and the emulator then exits.
  // Its routes are mounted in the same turn as that line, after the config was read: /_debug/ping
  // answers only when the config was good.
  const problem = await configProblem(listening, exit, logFile, output);
  if (problem) {
    await stop();
    return { ok: false, reason: 'failed', message: problem };
  }
  void exit.then(() =>
    stopping
      ? opts.log?.('the Teams emulator stopped')
      : opts.log?.('the Teams emulator exited on its own; restart the bot to get it back', {
          level: 'warn',
          output: output.trim().split('\n').slice(-3).join(' '),
        }),
  );
  return {
    ok: true,
    emulator: {
      url: `http://127.0.0.1:${listening}/`,
      connectorUrl: `http://localhost:${listening}/_connector`,
      port: listening,
      logFile,
      stop,
    },
  };
}

/** Why the emulator is not serving after it said it listens, or undefined when it is. */
async function configProblem(
  port: number,
  exit: Promise<void>,
  logFile: string,
  output: string,
): Promise<string | undefined> {
  let status: number | string;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_debug/ping`, { signal: AbortSignal.timeout(10_000) });
    status = res.status;
    await res.body?.cancel();
  } catch (e) {
    status = e instanceof Error ? e.message : String(e);
  }
  if (status === 200) return undefined;
  // It is on its way out: its reasons are in the log once it has gone.
  await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
  return (
    logErrors(logFile) ??
    `it did not serve its page (${status}): ${output.trim().split('\n').slice(-3).join(' ')}`
  );
}

/** The emulator's own error lines ("Failed to start …", "Reason: …"), or undefined. */
function logErrors(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter((l) => l.startsWith('error '));
  return lines.length ? lines.map((l) => l.slice(6)).join(' ') : undefined;
}
