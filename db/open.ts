// Opens the store the configuration asks for (R47): PostgreSQL through postgres.js when
// a DATABASE_URL is given, otherwise embedded PGlite in a locked data folder (or in memory for
// scripted mode), and brings the schema up to date under the migration lock.
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Store } from '../src/app/store.ts';
import type { Db } from './client.ts';
import { pgErrorOf, pgliteDb, postgresDb, rowsOf } from './client.ts';
import { created, creatingIn, folderExists } from './first-create.ts';
import type { FolderLock } from './lock.ts';
import { lockFolder } from './lock.ts';
import { migrate, readMigrations } from './migrate.ts';
import { SqlStore } from './sql-store.ts';
import type { Readiness } from '../src/app/ops-port.ts';

export interface OpenOptions {
  databaseUrl?: string;
  /**
   * Where `databaseUrl` came from, as an error names it: `--database-url` (a command-line flag) or
   * `DATABASE_URL` (the default), so the operator checks the place they gave it.
   */
  urlFrom?: string;
  /** The embedded database's folder (default ./data). */
  dataDir?: string;
  /** A fresh in-memory embedded database (scripted mode, tests). */
  memory?: boolean;
  /** postgres.js pool size (default 10). */
  max?: number;
  /**
   * R87: the longest a PostgreSQL query may wait for a connection and run before it is cancelled on
   * the server (default DEFAULT_QUERY_TIMEOUT_MS); also how long a session may sit idle in a
   * transaction before the server ends it and frees its row locks.
   */
  queryTimeoutMs?: number;
  /**
   * How long the server lets a session sit idle inside a transaction (waiting on this process) before
   * it ends it and frees its locks; default `queryTimeoutMs`. A pool with a long query timeout (the
   * background work's) keeps this short: a lock held by a client gone silent blocks commands.
   */
  idleInTransactionMs?: number;
  log?: (msg: string, data?: object) => void;
  /**
   * The commands that only read (`audit verify`, `register`, `workdays`): the schema is checked, not
   * migrated. An empty database, or one an older release made, is named in one line instead of being
   * given this release's tables, so a check of a restored backup reads the backup as it is.
   */
  readOnly?: boolean;
}

export type OpenStore = Store & {
  readonly db: SqlStore['db'];
  /** Where the data lives: the folder, ':memory:', or the URL without its password. */
  readonly location: string;
  /** The embedded database or a real PostgreSQL (R89: local mode and its demo run only on the first). */
  readonly kind: 'pglite' | 'postgres';
  /** Readiness (/readyz): the database answers and every migration this code ships is applied. */
  ready(timeoutMs?: number): Promise<Readiness>;
  close(): Promise<void>;
};

export type { Readiness };

export const READY_TIMEOUT_MS = 2_000;
/** The embedded database's shared buffers (QUALITY.md P5, P7; see openEmbedded). */
export const EMBEDDED_SHARED_BUFFERS = '16MB';
/** R87's default client timeout for one query (SEC_DB_QUERY_TIMEOUT_MS). */
export const DEFAULT_QUERY_TIMEOUT_MS = 2_000;

/** The error's code (SQLSTATE, ECONNREFUSED, CONNECT_TIMEOUT…) rather than its text (which may name hosts). */
function errorCode(e: unknown): string {
  let cur: unknown = e;
  let text = '';
  for (let depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^\w{1,40}$/.test(code)) return code;
    // The innermost message: drizzle's wrapper only repeats the query.
    if (cur instanceof Error && cur.message) text = cur.message;
    cur = (cur as { cause?: unknown }).cause;
  }
  return oneLine(text || String(e)).slice(0, 120);
}

/**
 * A readiness probe over `db`: compares the applied-migrations table with the journal this code was
 * built with. It answers within the timeout even when the database hangs (a load balancer's probe
 * must not pile up); one query at most is in flight, later callers share it.
 */
export function readinessProbe(
  db: Db,
  expected: readonly string[],
): (timeoutMs?: number) => Promise<Readiness> {
  let inflight: Promise<Readiness> | undefined;
  const check = async (): Promise<Readiness> => {
    try {
      const rows = rowsOf<{ tag: string }>(await db.execute(sql`select tag from secbot_migrations`));
      const applied = new Set(rows.map((r) => r.tag));
      const missing = expected.filter((t) => !applied.has(t));
      return missing.length
        ? { ok: false, reason: `migrations not applied: ${missing.join(', ')}` }
        : { ok: true };
    } catch (e) {
      if (pgErrorOf(e).code === '42P01')
        return { ok: false, reason: 'migrations not applied: no migrations table' };
      return { ok: false, reason: `database unreachable (${errorCode(e)})` };
    }
  };
  return async (timeoutMs = READY_TIMEOUT_MS) => {
    const probe = (inflight ??= check().finally(() => (inflight = undefined)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Readiness>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, reason: `database did not answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([probe, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

const shippedTags = (): string[] => readMigrations().map((m) => m.tag);

/** A query parameter that may carry a secret (`password`, `sslpassword`, `secret`, `token`, `sslkey`…). */
const SECRET_PARAM = /pass|secret|key|token|auth/i;

/**
 * postgres://user:secret@host/db → postgres://user@host/db, and `?password=secret` →
 * `?password=***`: never print a password, wherever the address carries it.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    for (const name of new Set(u.searchParams.keys()))
      if (SECRET_PARAM.test(name)) u.searchParams.set(name, '***');
    return u.toString().replace(/:@/, '@');
  } catch {
    return '(unparseable URL)';
  }
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The pool's options (R86, R87). A silent database must not hold a command past Slack's 3 s: a query
 * gets `queryTimeoutMs` to find a connection and run (then it is cancelled on the server), and a
 * cancel the server does not answer within a quarter of that closes the connection, so the command
 * fails after at most 1.25 times the timeout. The server ends a session idle in a transaction after
 * the same time, so a transaction whose client went away does not keep its row locks.
 */
/** The longest wait between reconnection attempts, in seconds (postgres.js counts in seconds). */
export const RECONNECT_MAX_S = 1;

/**
 * postgres.js times its reconnection back-off with performance.now(): the clock it reads is taken
 * when this module loads, so a test that stands the process's clock still (to time R86's retry
 * window) does not stand the pool's reconnection still with it.
 */
const realNow = performance.now.bind(performance);
const POOL_TIMERS = { setTimeout, clearTimeout, setImmediate, clearImmediate, now: () => realNow() };

export function poolOptions(queryTimeoutMs: number, max: number, idleInTransactionMs = queryTimeoutMs) {
  const s = queryTimeoutMs / 1000;
  return {
    max,
    onnotice: () => {},
    connect_timeout: 10,
    queue_timeout: s,
    query_timeout: s,
    cancel_timeout: s / 4,
    // After an outage, reconnect within RECONNECT_MAX_S (jittered), not after postgres.js's default
    // back-off (up to 20 s, counted across the pool), which left commands unanswered past Slack's 3 s
    // long after the database was back (test/load/db-outage.test.ts). While a refused reconnect waits
    // out its back-off, postgres.js 4 rejects new queries at once with that error (it fails fast
    // rather than queueing them), so this is also the longest the pool refuses after the database
    // returns.
    timers: POOL_TIMERS,
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, RECONNECT_MAX_S),
    connection: {
      application_name: 'secbot',
      idle_in_transaction_session_timeout: Math.round(idleInTransactionMs),
    },
  };
}

/** A value that is not a URL, shown without what may be a password (`user:secret@…`, `password=…`). */
const shownValue = (value: string): string =>
  oneLine(value)
    .replace(/:[^@/]*@/, ':***@')
    .replace(/((?:pass|secret|key|token|auth)\w*=)[^&\s]*/gi, '$1***')
    .slice(0, 200);

/** A word for the shell: as it is when plain, else in single quotes. */
const shellWord = (s: string): string => (/^[\w.@%+=:,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * Why the database at `url` cannot be used, in words (R47: one line naming where the address came from
 * and what is wrong, with the fix when there is one), never with its password.
 */
function openFailure(url: string, from: string, e: unknown): string {
  const u = new URL(url);
  const at = `${redactUrl(url)}, from ${from}`;
  const host = decodeURIComponent(u.hostname) || 'the local socket';
  const server = u.port ? `${host}:${u.port}` : host;
  const code = pgErrorOf(e).code ?? (e as { code?: unknown }).code;
  const cause = e instanceof Error ? e.message || e.name : String(e);
  // The server's words name the database even when the address leaves it out (the user's name).
  const name = /database "(.*)" does not exist/.exec(cause)?.[1] ?? decodeURIComponent(u.pathname.slice(1));
  if (code === '3D000') {
    const createdb = [
      'createdb',
      ...(u.hostname ? ['-h', shellWord(host)] : []),
      ...(u.port ? ['-p', u.port] : []),
      ...(u.username ? ['-U', shellWord(decodeURIComponent(u.username))] : []),
      shellWord(name),
    ].join(' ');
    return `The PostgreSQL server at ${server} has no database "${name}" (${at}): create it first (${createdb}) or check the name.`;
  }
  if (code === '28P01' || code === '28000')
    return `The PostgreSQL server at ${server} refused the login (${at}): ${cause}; check the user name and password.`;
  if (code === 'ECONNREFUSED')
    return `Cannot reach the database at ${from} (${redactUrl(url)}): nothing answers at ${server} (connection refused); check the host and port, and that PostgreSQL is running.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `Cannot reach the database at ${from} (${redactUrl(url)}): no host is named "${host}"; check the address.`;
  return `Cannot reach the database at ${from} (${redactUrl(url)}): ${cause}`;
}

/**
 * A read-only open's check (OpenOptions.readOnly): the database holds the bot's tables with every
 * migration this release ships, else one line saying which and what to run.
 */
async function schemaReady(db: Db, where: string): Promise<void> {
  const r = await readinessProbe(db, shippedTags())(30_000);
  if (r.ok) return;
  if (r.reason.endsWith('no migrations table'))
    throw new Error(
      `The database (${where}) holds no SEC Change Bot data: it has none of the bot's tables. Check the address; nothing was made there.`,
    );
  if (r.reason.startsWith('migrations not applied'))
    throw new Error(
      `The database (${where}) was made by an older release (${r.reason}): run secbot migrate on it first.`,
    );
  throw new Error(`The database (${where}) cannot be read: ${r.reason}.`);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<OpenStore> {
  const from = opts.urlFrom ?? 'DATABASE_URL';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  // postgres.js reads anything as an address: "notaurl" became a look-up of the host "taurl".
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol))
    throw new Error(
      `${from} "${shownValue(url)}" is not a database address like postgres://user@host:5432/name.`,
    );
  // Migrations run on a connection of their own, without the query timeout: a migration may take
  // longer than a command, and waits for another replica's migration (db/migrate.ts).
  const setup = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await setup`select 1`;
  } catch (e) {
    await setup.end({ timeout: 0 }).catch(() => {});
    throw new Error(oneLine(openFailure(url, from, e)));
  }
  try {
    if (opts.readOnly) await schemaReady(postgresDb(setup), `${redactUrl(url)}, from ${from}`);
    else {
      const applied = await migrate(postgresDb(setup));
      if (applied.length) opts.log?.('migrated', { applied });
    }
  } finally {
    await setup.end({ timeout: 5 }).catch(() => {});
  }
  const timeout = opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const client = postgres(url, poolOptions(timeout, opts.max ?? 10, opts.idleInTransactionMs ?? timeout));
  const store = new SqlStore(postgresDb(client), 'postgres');
  return Object.assign(store, {
    location: redactUrl(url),
    ready: readinessProbe(store.db, shippedTags()),
    close: () => client.end({ timeout: 5 }),
  });
}

async function openEmbedded(opts: OpenOptions): Promise<OpenStore> {
  const dir = opts.memory ? undefined : resolve(opts.dataDir ?? './data');
  const existed = dir ? folderExists(dir) : true;
  const lock: FolderLock | undefined = dir ? lockFolder(dir) : undefined;
  let client: PGlite | undefined;
  try {
    // R88: a first start's database may be abandoned by a stop until it is made (first-create.ts).
    if (dir) creatingIn(dir, existed);
    // Loaded here, not at start-up: a bot on PostgreSQL never holds PGlite in memory (P7).
    const { PGlite: Embedded } = await import('@electric-sql/pglite');
    // P5, P7: PostgreSQL's default 128 MB of shared buffers are set up in PGlite's WebAssembly memory
    // at every open: on an existing database 0.8 s and 280 to 310 MB RSS for the open alone, against
    // 0.5 s and 160 MB with 16 MB (2,048 pages: many times what the bot reads while it works; the
    // files stay in the operating system's cache besides). Set at each start, not in the data folder.
    const startParams = [...Embedded.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`];
    client = await Embedded.create(dir ? { dataDir: dir, startParams } : { startParams });
    const store = new SqlStore(await pgliteDb(client), 'pglite');
    if (opts.readOnly && dir) await schemaReady(store.db, dir);
    else {
      const applied = await migrate(store.db);
      if (applied.length) opts.log?.('migrated', { applied });
    }
    created();
    const c = client;
    return Object.assign(store, {
      location: dir ?? ':memory:',
      ready: readinessProbe(store.db, shippedTags()),
      close: async () => {
        try {
          if (!c.closed) await c.close();
        } finally {
          lock?.release();
        }
      },
    });
  } catch (e) {
    created();
    await client?.close().catch(() => {});
    lock?.release();
    throw e;
  }
}

export async function openStore(opts: OpenOptions = {}): Promise<OpenStore> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openEmbedded(opts);
}
