// Helpers for the replica and crash load tests: bot processes spawned as `npm start` does
// (`node bin/start.js`) on a throwaway PostgreSQL database with Slack pointed at the fake
// Web API in the test process; deadlines and outbox rows planted straight into the tables (as in
// bench/run-due.ts) so that firing and sending go through the real processes; counts read back.
import { execFile } from 'node:child_process';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '../../db/client.ts';
import type { OpenStore } from '../../db/open.ts';
import { createEngine, type Engine, type PersonInput } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';
import { freePort, root, start, stop, until, type Started } from '../start/spawn.ts';

export interface Bot {
  name: string;
  port: number;
  url: string;
  process: Started;
}

/** Starts one replica (`src/main.ts`) with Slack on the fake; resolves once it logged "running". */
export async function startBot(
  name: string,
  o: { databaseUrl: string; fake: FakeSlack; token?: string; port?: number; wait?: boolean },
): Promise<Bot> {
  const port = o.port ?? (await freePort());
  const process = start({
    DATABASE_URL: o.databaseUrl,
    PORT: String(port),
    SLACK_BOT_TOKEN: o.token ?? `xoxb-${name}`,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: o.fake.url,
    LOG_LEVEL: 'info',
  });
  const bot = { name, port, url: `http://127.0.0.1:${port}`, process };
  if (o.wait !== false) await running(bot);
  return bot;
}

/** Waits for the "SEC Change Bot running" line (printed after the start-up scheduler tick). */
export async function running(bot: Bot, ms = 90_000): Promise<void> {
  await until(
    () => bot.process.output().includes('SEC Change Bot running') || bot.process.child.exitCode !== null,
    ms,
    `${bot.name} to start`,
  );
  if (bot.process.child.exitCode !== null)
    throw new Error(`${bot.name} exited ${bot.process.child.exitCode}:\n${bot.process.output()}`);
}

/** Waits until /healthz answers 200 (the HTTP server listens: requests can be sent). */
export async function healthy(bot: Bot, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (bot.process.child.exitCode !== null)
      throw new Error(`${bot.name} exited ${bot.process.child.exitCode}:\n${bot.process.output()}`);
    const ok = await fetch(`${bot.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > end) throw new Error(`${bot.name}: /healthz not answering after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const stopBot = (bot: Bot): Promise<number> => stop(bot.process);

/** kill -9: no shutdown handler runs, whatever was in flight is lost as in a power cut. */
export async function killBot(bot: Bot): Promise<void> {
  if (bot.process.child.exitCode !== null) return;
  bot.process.child.kill('SIGKILL');
  await bot.process.exited;
}

/** The JSON log lines of a bot (pino), skipping anything else it printed. */
export function logLines(bot: Bot): Record<string, unknown>[] {
  return bot.process
    .output()
    .split('\n')
    .flatMap((l) => {
      if (!l.startsWith('{')) return [];
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The sum of the `fired` counts a bot logged ("deadlines fired", once per tick that fired any). */
export const firedLogged = (bot: Bot): number =>
  logLines(bot)
    .filter((l) => l.msg === 'deadlines fired')
    .reduce((n, l) => n + Number(l.fired ?? 0), 0);

export async function q<T = Record<string, unknown>>(store: OpenStore, text: string): Promise<T[]> {
  return rowsOf<T>(await store.db.execute(sql.raw(text)));
}

export async function num(store: OpenStore, text: string): Promise<number> {
  const [r] = await q<{ n: number | string }>(store, text);
  return Number(r?.n ?? 0);
}

export const engineOf = (store: OpenStore): Engine => createEngine(store, { settings: DEFAULT_SETTINGS });

/** An admin (registers the channels) and the proposer of the planted modifications. */
export const ADMIN: PersonInput = { email: 'ada@example.org', name: 'Ada', roles: ['admin'], slack: 'UADA' };
export const PROPOSER: PersonInput = {
  email: 'pat@example.org',
  name: 'Pat',
  roles: ['party'],
  slack: 'UPAT',
};

/** The Panel: its chair and nine members, with Slack ids (UCHAIR, UPM1…UPM9). */
export const PANEL: PersonInput[] = [
  { email: 'chair@example.org', name: 'Chair', roles: ['panel_chair'], slack: 'UCHAIR' },
  ...Array.from({ length: 9 }, (_, i) => ({
    email: `pm${i + 1}@example.org`,
    name: `Panel ${i + 1}`,
    roles: ['panel' as const],
    slack: `UPM${i + 1}`,
  })),
];

/** Raises `n` Fast Track ballots as the Panel chair (each opens its Panel ballot at once, R21). */
export async function raiseBallots(
  engine: Engine,
  n: number,
  title: string,
  now: () => Date = () => new Date(),
): Promise<{ ref: string; ballot: string }[]> {
  const out: { ref: string; ballot: string }[] = [];
  for (let i = 0; i < n; i++) {
    const raised = await engine.ask(
      `panel raise-fasttrack title="${title} ${i}" problem="Load"`,
      'chair@example.org',
      now(),
    );
    const ref = /DP\d+/.exec(raised.reply)?.[0];
    const mod = (await engine.modifications()).find((x) => x.title === `${title} ${i}`);
    const ballot = mod?.ballots.find((b) => b.status === 'open');
    if (!ref || !ballot) throw new Error(`no open ballot: ${raised.reply}`);
    out.push({ ref, ballot: ballot.id });
  }
  return out;
}

/**
 * Cards shown as more than one Slack message: (card key, audience) → the distinct messages (channel
 * and ts) recorded for its versions. A card's versions update its one message in place (R46).
 */
export async function cardsShownTwice(store: OpenStore): Promise<{ card: string; messages: string[] }[]> {
  const rows = await q<{ card: string; messages: string[] }>(
    store,
    `select card_key || ' ' || audience as card, array_agg(distinct channel || '/' || ts) as messages
     from platform_messages where platform = 'slack' and card_key is not null
     group by card_key, audience having count(distinct channel || '/' || ts) > 1`,
  );
  return rows;
}

/**
 * The same seen from Slack's side: messages at the fake per (card key, channel), for cards posted
 * more than once (each message's outbox key, from its metadata, names the card through the outbox).
 */
export async function cardsPostedTwice(
  store: OpenStore,
  fake: FakeSlack,
): Promise<{ card: string; channel: string; posts: number }[]> {
  const cardOf = new Map(
    (
      await q<{ key: string; card: string }>(
        store,
        `select key, payload->'card'->>'key' as card from outbox where payload ? 'card'`,
      )
    ).map((r) => [r.key, r.card]),
  );
  const n = new Map<string, number>();
  for (const m of fake.allMessages()) {
    const card = cardOf.get(String(m.metadata?.event_payload.key));
    if (card) n.set(`${card} ${m.channel}`, (n.get(`${card} ${m.channel}`) ?? 0) + 1);
  }
  return [...n]
    .filter(([, posts]) => posts > 1)
    .map(([k, posts]) => {
      const [card = '', channel = ''] = k.split(' ');
      return { card, channel, posts };
    });
}

/** The three channels of the bot, registered on Slack through the admin command (R1). */
export async function registerChannels(engine: Engine, now: Date): Promise<void> {
  const ids = { 'change-board': 'C0BOARD', panel: 'C0PANEL', announcements: 'C0ANNOUNCE' } as const;
  for (const [channel, channelId] of Object.entries(ids)) {
    const r = await engine.execute(
      {
        command: {
          type: 'admin-channel',
          channel: channel as keyof typeof ids,
          platform: 'slack',
          channelId,
        },
        actor: 'ada@example.org',
        platform: 'cli',
      },
      now,
    );
    if (!r.ok) throw new Error(`admin channel ${channel}: ${r.reply}`);
  }
}

/**
 * `mods` modifications (copies of one raised through the engine, as bench/run-due.ts does) with `due`
 * deadlines between them, all due in the past, ids `load.<i>`. They are `reminder:secas-comments`
 * reminders and nobody holds the SECAS role, so firing one writes DeadlineFired and ReminderSent and
 * sends nothing: the outbox counts of a test stay its own. The raise's own deadlines are cancelled.
 */
export async function plantDeadlines(
  store: OpenStore,
  o: { mods: number; due: number; firstDue: Date },
): Promise<void> {
  const engine = engineOf(store);
  const command = { type: 'raise' as const, title: 'Load', problem: 'p', fastTrack: false };
  const raised = await engine.execute({ command, actor: PROPOSER.email, platform: 'cli' }, o.firstDue);
  if (!raised.ok) throw new Error(`raise: ${raised.reply}`);
  const [first] = await q<{ n: number }>(store, 'select max(number)::int as n from modifications');
  const base = Number(first?.n);
  const run = (text: string) => store.db.execute(sql.raw(text));
  await run(`insert into modifications (number, ref, status, title, proposer, raised_at, version, head, state)
      select n, 'DP' || n, status, title, proposer, raised_at, 0, '${'0'.repeat(64)}',
             jsonb_set(jsonb_set(state, '{number}', to_jsonb(n)), '{deadlines}', '[]'::jsonb)
      from modifications, generate_series(${base + 1}, ${base + o.mods - 1}) as n where number = ${base}`);
  await run(`update deadlines set status = 'cancelled' where stream >= ${base} and status = 'pending'`);
  await run(
    `update modifications set state = jsonb_set(state, '{deadlines}', '[]'::jsonb) where number >= ${base}`,
  );
  // Deadline i is due at firstDue + i ms, on modification base + (i mod mods).
  await run(`insert into deadlines (id, stream, what, due, status, calendar_version, reminder)
      select 'load.' || i, ${base} + (i % ${o.mods}), 'reminder:secas-comments',
             timestamptz '${o.firstDue.toISOString()}' + make_interval(secs => i / 1000.0),
             'pending', 'load', true
      from generate_series(0, ${o.due - 1}) as i`);
  await run(`update modifications m set state = jsonb_set(m.state, '{deadlines}', agg.list)
      from (select stream, jsonb_agg(jsonb_build_object('id', id, 'what', what,
              'due', to_char(due at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'calendarVersion', 'load', 'status', 'pending', 'reminder', true) order by created) as list
            from deadlines where id like 'load.%' group by stream) agg
      where agg.stream = m.number`);
  await run('analyze');
}

/** The planted deadlines' counts: how many fired, and DeadlineFired events per deadline id. */
export async function deadlineCounts(store: OpenStore): Promise<{
  fired: number;
  notFired: number;
  events: number;
  distinct: number;
  twice: number;
}> {
  const [r] = await q<Record<string, number | string>>(
    store,
    `select
       (select count(*) from deadlines where id like 'load.%' and status = 'fired') as fired,
       (select count(*) from deadlines where id like 'load.%' and status <> 'fired') as "notFired",
       (select count(*) from events where type = 'DeadlineFired' and payload->>'id' like 'load.%') as events,
       (select count(distinct payload->>'id') from events
         where type = 'DeadlineFired' and payload->>'id' like 'load.%') as distinct,
       (select count(*) from (select payload->>'id' from events where type = 'DeadlineFired'
         and payload->>'id' like 'load.%' group by 1 having count(*) > 1) t) as twice`,
  );
  return {
    fired: Number(r?.fired),
    notFired: Number(r?.notFired),
    events: Number(r?.events),
    distinct: Number(r?.distinct),
    twice: Number(r?.twice),
  };
}

/** `n` people with Slack ids, `load<i>@example.org` ↔ `UL<i>` (one DM channel each at the fake). */
export const recipients = (n: number): PersonInput[] =>
  Array.from({ length: n }, (_, i) => ({
    email: `load${i}@example.org`,
    name: `Load ${i}`,
    roles: ['party'],
    slack: `UL${i}`,
  }));

/**
 * Plants outbox rows shaped as `enqueue` writes them (db/outbox-store.ts): `dms` plain DMs spread
 * round-robin over the recipients, then `posts` plain posts spread over the three channels. Keys are
 * `<prefix>:dm:<i>` and `<prefix>:post:<i>` (prefix `load` unless given).
 */
export async function plantOutbox(
  store: OpenStore,
  o: { dms: number; posts: number; people: number; at: Date; prefix?: string },
): Promise<void> {
  const at = o.at.toISOString();
  const prefix = o.prefix ?? 'load';
  await store.db.execute(
    sql.raw(`insert into outbox (key, audience, payload, status, attempts, next_attempt_at, created_at)
      select '${prefix}:dm:' || i, 'person:load' || (i % ${o.people}) || '@example.org',
             jsonb_build_object('to', jsonb_build_object('kind', 'person', 'person', 'load' || (i % ${o.people}) || '@example.org'),
                                'text', 'Load message ' || i),
             'pending', 0, timestamptz '${at}', timestamptz '${at}'
      from generate_series(0, ${o.dms - 1}) as i`),
  );
  if (o.posts === 0) return;
  await store.db.execute(
    sql.raw(`insert into outbox (key, audience, payload, status, attempts, next_attempt_at, created_at)
      select '${prefix}:post:' || i, 'channel:' || c,
             jsonb_build_object('to', jsonb_build_object('kind', 'channel', 'channel', c), 'text', 'Load post ' || i),
             'pending', 0, timestamptz '${at}', timestamptz '${at}'
      from generate_series(0, ${o.posts - 1}) as i,
           lateral (select (array['change-board', 'panel', 'announcements'])[1 + i % 3] as c) ch`),
  );
}

/** chat.postMessage successes at the fake per outbox key (the key rides in the message metadata). */
export function postsByKey(fake: FakeSlack): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of fake.allMessages()) {
    const key = m.metadata?.event_payload.key;
    if (typeof key === 'string') out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** `npx secbot audit verify --database-url <url>` as a child process. */
export function auditVerify(
  databaseUrl: string,
  flags: readonly string[] = [],
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/secbot.js', 'audit', 'verify', '--database-url', databaseUrl, ...flags],
      { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * Holds an EXCLUSIVE lock on `tables` in an open transaction until `release()`: replicas started
 * meanwhile block in their first claim (SELECT … FOR UPDATE needs ROW SHARE), so that released
 * together they compete for the same rows from the same instant instead of the first one up taking
 * everything before the second has started. Reads (SELECT) still pass.
 */
export async function holdTables(
  databaseUrl: string,
  tables: readonly string[],
): Promise<{ release(): Promise<void> }> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = client.begin(async (tx) => {
    await tx.unsafe(`lock table ${tables.join(', ')} in exclusive mode`);
    locked();
    await gate;
  });
  await Promise.race([isLocked, done]);
  return {
    release: async () => {
      open();
      await done;
      await client.end({ timeout: 1 });
    },
  };
}
