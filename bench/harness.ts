// What the vote benchmarks (P1 bench/slack-vote.ts, P2 bench/teams-vote.ts) share: autocannon's result
// shape and loader, the command-line flags, the child process running the servers (so the load
// generator does not steal their event loop), and the table printer.
import { fork } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
export interface Result {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
}
/** What a vote benchmark reports for the comparison app it did not load (`--bot-only`). */
const NOT_RUN = {
  requests: { average: NaN, total: 0 },
  latency: { p50: NaN, p99: NaN },
  non2xx: 0,
  errors: 0,
  timeouts: 0,
} as unknown as Result;
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
export type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; path: string; setupRequest: (r: RawRequest) => RawRequest }[];
}) => Promise<Result>;
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The value after `--name` on the command line. */
export const arg = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;

export const ms = (x: number): string => `${x.toFixed(1)} ms`;

/**
 * The V8 and Node flags of `npm start` (package.json), so a benchmark's servers run as the bot does in
 * production: the semi-space size changes how often the young generation is collected under load.
 */
export const START_FLAGS: readonly string[] = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start
  .split(/\s+/)
  .filter((w) => w.startsWith('--'));

/**
 * Forks a bench server module and talks to it one message at a time over IPC. It runs with this
 * process's loader (tsx) and npm start's flags (START_FLAGS).
 */
export function forkServer<M, R>(
  module: URL,
  opts: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {},
): { child: ChildProcess; ask: (m: M) => Promise<R> } {
  const child = fork(fileURLToPath(module), [], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...START_FLAGS, ...(opts.execArgv ?? [])],
  });
  let waiting: { resolve: (r: R) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (r: R) => waiting?.resolve(r));
  child.on('exit', (code) => waiting?.reject(new Error(`the server exited (${code})`)));
  const ask = (m: M) =>
    new Promise<R>((resolve, reject) => {
      waiting = { resolve, reject };
      child.send(m as object);
    });
  return { child, ask };
}

/** Prints rows under a header, each column right-aligned to its widest cell. */
export function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

/** One QUALITY.md goal as a benchmark measured it. */
export interface GoalResult {
  goal: string;
  what: string;
  measured: string;
  target: string;
  met: boolean;
}

/**
 * Prints a goal's line (measured / goal / met) and, when run by bench/summary.ts (BENCH_RESULTS names
 * a file), appends it there as a JSON line for the summary table.
 */
export function reportGoal(r: GoalResult): void {
  console.log(`${r.goal} ${r.what}: ${r.measured} (goal ${r.target}): ${r.met ? 'met' : 'NOT met'}`);
  const file = process.env.BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(r)}\n`);
}

/**
 * The servers' process and its PostgreSQL processes' CPU time per recorded vote between two readings
 * (bench/vote-server.ts): where a vote's machine time goes, Node or PostgreSQL. On a machine loaded
 * by other work CPU time inflates too (4 to 5 times at load average 14), so compare within one run.
 */
function cpuPerVote(
  before: { kind: string; nodeMs?: number; pgMs?: number },
  after: { kind: string; nodeMs?: number; pgMs?: number },
  votes: number,
): string {
  const node = ((after.nodeMs ?? NaN) - (before.nodeMs ?? NaN)) / votes;
  const pg = ((after.pgMs ?? NaN) - (before.pgMs ?? NaN)) / votes;
  return Number.isNaN(pg) ? `${node.toFixed(2)} + ?` : `${node.toFixed(2)} + ${pg.toFixed(2)}`;
}

/** What the server child answers to `votes`: votes recorded so far and its processes' CPU time. */
export interface VotesReading {
  kind: string;
  votes?: number;
  naiveVotes?: number;
  nodeMs?: number;
  pgMs?: number;
}

/** One round at one connection count: the comparison app's run, then the bot's. */
export interface Round {
  compared: Result;
  bot: Result;
  /** New votes recorded during the bot's run (read from the database). */
  recorded: number;
  /** Bot throughput counted as new votes: a repeat answered without writing (R36) must not flatter it. */
  botRate: number;
  ratio: number;
  /** CPU ms per vote, bot + PostgreSQL (cpuPerVote). */
  cpu: string;
  /** The reference app's run in the same round, when there is one (QUALITY.md P1's naive app). */
  reference?: { result: Result; rate: number; ratio: number; cpu: string };
}

/** A run's new votes per second, read from the database: a repeat answered without writing (R36) must not flatter it. */
async function measured(
  run: (seconds: number) => Promise<Result>,
  seconds: number,
  votes: () => Promise<VotesReading>,
  count: (r: VotesReading) => number,
): Promise<{ result: Result; recorded: number; rate: number; cpu: string }> {
  await run(1);
  const before = await votes();
  const result = await run(seconds);
  // Clicks still in flight when autocannon stopped counting finish (and are recorded) first.
  await new Promise((r) => setTimeout(r, 1000));
  const after = await votes();
  const recorded = count(after) - count(before);
  return {
    result,
    recorded,
    rate: Math.min(result.requests.average, recorded / seconds),
    cpu: cpuPerVote(before, after, recorded),
  };
}

/**
 * `rounds` rounds of "comparison app for `seconds`, then the bot for `seconds`", each run after a
 * 1 s warm-up of its own, and the round with the median ratio. This machine's speed drifts by a third
 * within an hour and by more from one run to the next when anything else runs, so one pair of runs
 * can put the ratio anywhere in 0.14 to 0.20; pairs taken side by side, several times, are what a
 * before/after comparison can trust. `compared` is undefined with --bot-only. A `reference` app
 * (QUALITY.md P1's naive one) runs last in each round, measured as the bot is.
 */
export async function rounds(opts: {
  rounds: number;
  seconds: number;
  compared?: (seconds: number) => Promise<Result>;
  bot: (seconds: number) => Promise<Result>;
  votes: () => Promise<VotesReading>;
  reference?: { run: (seconds: number) => Promise<Result>; count: (r: VotesReading) => number };
}): Promise<{ median: Round; all: Round[] }> {
  const all: Round[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    let compared = NOT_RUN;
    if (opts.compared) {
      await opts.compared(1);
      compared = await opts.compared(opts.seconds);
    }
    const b = await measured(opts.bot, opts.seconds, opts.votes, (r) => r.votes ?? NaN);
    const ref = opts.reference
      ? await measured(opts.reference.run, opts.seconds, opts.votes, opts.reference.count)
      : undefined;
    all.push({
      compared,
      bot: b.result,
      recorded: b.recorded,
      botRate: b.rate,
      ratio: b.rate / compared.requests.average,
      cpu: b.cpu,
      ...(ref
        ? {
            reference: {
              result: ref.result,
              rate: ref.rate,
              ratio: ref.rate / compared.requests.average,
              cpu: ref.cpu,
            },
          }
        : {}),
    });
  }
  // Without the comparison app (--bot-only) there is no ratio: the bot's own rate decides.
  const key = (r: Round) => (opts.compared ? r.ratio : r.botRate);
  const byRatio = [...all].sort((x, y) => key(x) - key(y));
  return { median: byRatio[Math.floor((byRatio.length - 1) / 2)] as Round, all };
}
