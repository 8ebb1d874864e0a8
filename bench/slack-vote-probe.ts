// A bot-only driver for profiling P1: the bench server child, the fake Slack, then N signed vote
// clicks at a fixed concurrency (no ack-only run), printing throughput and latency percentiles.
//   npx tsx bench/slack-vote-probe.ts [--clicks 3000] [--conns 50] [--profile <dir>]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { blockActionsBody, sign } from '../test/support/slack-requests.ts';
import type { Ballot, Msg, Reply } from './vote-server.ts';
import { VOTERS, dropThrowaway } from './vote-server.ts';

const arg = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const CLICKS = Number(arg('--clicks') ?? 3000);
const CONNS = Number(arg('--conns') ?? 50);
const PROFILE = arg('--profile');

const fake = await startFakeSlack();
const child = fork(fileURLToPath(new URL('./slack-vote-server.ts', import.meta.url)), [], {
  env: { ...process.env, FAKE_SLACK_URL: fake.url },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  ...(PROFILE ? { execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${PROFILE}`] } : {}),
});
let waiting: ((r: Reply) => void) | undefined;
child.on('message', (r: Reply) => waiting?.(r));
const ask = (m: Msg) =>
  new Promise<Reply>((resolve) => {
    waiting = resolve;
    child.send(m);
  });
const ready = await ask({ kind: 'ready?' });
if (ready.kind !== 'ready') throw new Error('not ready');
const prepared = await ask({ kind: 'prepare', ballots: 100 });
if (prepared.kind !== 'prepared') throw new Error('not prepared');
const ballots = prepared.ballots;
let k = 0;
const next = () => {
  const b = ballots[k % ballots.length] as Ballot;
  const turn = Math.floor(k / ballots.length);
  const voter = turn % VOTERS;
  const option = Math.floor(turn / VOTERS) % 2 === 0 ? 'approve' : 'reject';
  const user = voter === 0 ? 'UCHAIR' : `UPM${voter}`;
  const body = blockActionsBody({
    user,
    responseUrl: fake.responseUrl('C0PANEL', user),
    actionId: 'sec:vote:0',
    value: JSON.stringify({ ref: b.ref, ballot: b.ballot, option }),
    actionTs: `${Math.floor(Date.now() / 1000)}.${String(k++).padStart(9, '0')}`,
    channel: 'C0PANEL',
  });
  return sign(body);
};
const lat: number[] = [];
let sent = 0;
const run = async (n: number) => {
  const start = performance.now();
  const worker = async () => {
    while (sent < n) {
      sent++;
      const s = next();
      const t = performance.now();
      const res = await fetch(`${ready.bot}/slack/events`, {
        method: 'POST',
        headers: s.headers,
        body: s.body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      lat.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONNS }, worker));
  return performance.now() - start;
};
await run(200);
lat.length = 0;
sent = 0;
const ms = await run(CLICKS);
lat.sort((a, b) => a - b);
const p = (q: number) => (lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] as number).toFixed(1);
console.log(
  `${CLICKS} clicks at ${CONNS} conns: ${((CLICKS * 1000) / ms).toFixed(0)} req/s, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
);
const exited = new Promise((r) => child.once('exit', r));
await ask({ kind: 'stop' });
await exited;
if (ready.throwaway) await dropThrowaway(ready.throwaway);
await fake.close();
