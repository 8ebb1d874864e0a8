// `npm start` exactly as an operator types it, for the operations tests (SPEC §12): npm runs the
// package script through a shell, in a process group of its own, so that a test can send what Ctrl-C
// sends (SIGINT to the whole group). The Node.js that runs these tests runs npm and the bot too (its
// folder goes first on PATH), so the suite on Node 24 starts the bot on Node 24.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root, until, type Started } from './spawn.ts';

export interface NpmStarted extends Started {
  /** The process group: npm, its shell and the bot. */
  pgid: number;
  /** When npm was started (ms since the epoch). */
  at: number;
  /** When npm exited, or undefined. */
  exitedAt(): number | undefined;
}

export function npmStart(env: Record<string, string>): NpmStarted {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: {
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exitedAt: number | undefined;
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => {
      exitedAt = Date.now();
      // npm re-raises a signal it was sent once its script has ended (as a shell does).
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : -1));
    }),
  );
  return {
    child,
    pgid: child.pid as number,
    at: Date.now(),
    output: () => out,
    exited,
    exitedAt: () => exitedAt,
  };
}

/** The processes still in a process group (command lines). */
export function groupMembers(pgid: number): string[] {
  try {
    return execFileSync('pgrep', ['-a', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/**
 * The bot's own process in the group once its signal handlers are in place: bin/start.js renames
 * itself "secbot" right after installing them, before it loads anything else.
 */
export async function botPid(pgid: number, ms = 30_000): Promise<number> {
  let pid: number | undefined;
  await until(
    () => {
      const line = groupMembers(pgid).find((l) => /^\d+ secbot/.test(l));
      if (line) pid = Number(line.split(' ')[0]);
      return line !== undefined;
    },
    ms,
    'the bot process',
  );
  return pid as number;
}

/** What Ctrl-C does: SIGINT to every process of the group. */
export const ctrlC = (p: NpmStarted): void => void process.kill(-p.pgid, 'SIGINT');

/** The embedded database's lock file (db/lock.ts) in a data folder. */
export const lockLeft = (dir: string): boolean => existsSync(join(dir, 'secbot.lock'));

/** Stops whatever is left of a group (after a failed assertion), SIGKILL. */
export function killGroup(p: NpmStarted): void {
  try {
    process.kill(-p.pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The addresses a TCP port is listened on, from /proc/net/tcp and tcp6 (no traffic sent). */
/**
 * The processes listening on this port: the sockets' inodes from /proc/net, then the processes whose
 * file descriptors hold them. A port is a shared name (another test's emulator may take it the moment
 * ours lets go), a process id is not: "our emulator is gone" is checked on these.
 */
export function listenerPids(port: number): number[] {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = execFileSync('cat', [file], { encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const hexPort = (f[1] ?? '').split(':')[1];
      if (f[3] === '0A' && Number.parseInt(hexPort ?? '', 16) === port && f[9])
        inodes.add(`socket:[${f[9]}]`);
    }
  }
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) pids.push(Number(pid));
  }
  return pids;
}

/** Whether a process with this id is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    let text = '';
    try {
      text = execFileSync('cat', [file], { encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const [addr, hexPort] = (f[1] ?? '').split(':');
      // State 0A is LISTEN.
      if (!addr || f[3] !== '0A' || Number.parseInt(hexPort ?? '', 16) !== port) continue;
      out.push(v6 ? ipv6(addr) : ipv4(addr));
    }
  }
  return out;
}

const ipv4 = (hex: string): string =>
  (hex.match(/../g) ?? [])
    .map((b) => Number.parseInt(b, 16))
    .reverse()
    .join('.');

function ipv6(hex: string): string {
  // Four little-endian 32-bit words.
  const words = (hex.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
  const groups = words.join('').match(/.{4}/g) ?? [];
  const text = groups.map((g) => Number.parseInt(g, 16).toString(16)).join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  if (/^0:0:0:0:0:ffff:/.test(text)) return `::ffff:${ipv4(hex.slice(24))}`;
  return text;
}
