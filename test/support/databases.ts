// Store tests run on both databases: an in-memory PGlite (one per test file: a cold
// start costs seconds) and a throwaway PostgreSQL database created for the file on 127.0.0.1:5432
// and dropped at the end. PostgreSQL is skipped only when it truly cannot be reached, loudly.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';

export const ADMIN_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probe(): Promise<string | undefined> {
  const client = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end({ timeout: 0 }).catch(() => {});
  }
}

/** Why PostgreSQL cannot be reached, or undefined when it can. */
export const pgUnreachable = await probe();
if (pgUnreachable) {
  console.warn(
    `\n${'!'.repeat(78)}\n!!! PostgreSQL at ${ADMIN_URL} is unreachable (${pgUnreachable}).\n` +
      `!!! The PostgreSQL store tests are SKIPPED: only PGlite was tested.\n${'!'.repeat(78)}\n`,
  );
}

/** A fresh database on the server; `drop` removes it even with connections still open. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `secbot_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end({ timeout: 1 });
      }
    },
  };
}

export type DatabaseName = 'PGlite' | 'PostgreSQL';

export interface Target {
  name: DatabaseName;
  /** The file's store on this database (opened once, on first use). */
  store(): Promise<OpenStore>;
  /** Another store (its own pool) on the same database: a second replica. PostgreSQL only. */
  another(): Promise<OpenStore>;
}

/**
 * The client query timeout of the stores these tests open on PostgreSQL. The store tests count exact
 * outcomes under concurrency (50 votes at once on one ballot wait for one row lock and a 10-connection
 * pool) on a machine shared with other work; the shipped 2 s (R87) turned a slow wait there into a
 * failure that says nothing about what they test. R87's timeout is tested as shipped elsewhere
 * (test/start/operator-database.test.ts, test/load/db-hang.test.ts).
 */
export const TEST_QUERY_TIMEOUT_MS = 30_000;

const opened: { close(): Promise<void> }[] = [];
let pglite: Promise<OpenStore> | undefined;
let pg: Promise<{ store: OpenStore; url: string }> | undefined;

const pgliteTarget: Target = {
  name: 'PGlite',
  store: () => (pglite ??= openStore({ memory: true })),
  another: () => Promise.reject(new Error('PGlite is one session: there is no second replica')),
};

const pgTarget: Target = {
  name: 'PostgreSQL',
  store: async () => {
    pg ??= (async () => {
      const db = await createPgDatabase();
      const store = await openStore({ databaseUrl: db.url, queryTimeoutMs: TEST_QUERY_TIMEOUT_MS });
      opened.push({ close: () => store.close() }, { close: () => db.drop() });
      return { store, url: db.url };
    })();
    return (await pg).store;
  },
  another: async () => {
    await pgTarget.store();
    const { url } = await (pg as NonNullable<typeof pg>);
    const store = await openStore({ databaseUrl: url, queryTimeoutMs: TEST_QUERY_TIMEOUT_MS });
    opened.unshift({ close: () => store.close() });
    return store;
  },
};

/** The databases to run on here: PGlite always, PostgreSQL when reachable. */
export const TARGETS: Target[] = pgUnreachable ? [pgliteTarget] : [pgliteTarget, pgTarget];
export const POSTGRES = pgTarget;

let cleanup = false;
/** Registers the file-level clean-up (close stores, drop the database): call once at top level. */
export function databasesForThisFile(): Target[] {
  if (!cleanup) {
    cleanup = true;
    afterAll(async () => {
      for (const o of opened.splice(0)) await o.close();
      if (pglite) await (await pglite).close();
    });
  }
  return TARGETS;
}

const TABLES = [
  'platform_messages',
  'teams_conversations',
  'events',
  'modifications',
  'votes',
  'people',
  'identities',
  'channels',
  'system_state',
  'holidays',
  'deliveries',
  'deadlines',
  'outbox',
  'calendar_feeds',
  'person_prefs',
];

/** Empties every table (not the migrations record), so each describe starts from nothing. */
export async function resetStore(store: OpenStore): Promise<void> {
  await store.db.execute(sql.raw(`truncate ${TABLES.join(', ')} restart identity`));
}

export async function query<T = Record<string, unknown>>(store: OpenStore, text: string): Promise<T[]> {
  return rowsOf<T>(await store.db.execute(sql.raw(text)));
}

export async function count(store: OpenStore, table: string, where = 'true'): Promise<number> {
  const [r] = await query<{ n: number | string }>(store, `select count(*) as n from ${table} where ${where}`);
  return Number(r?.n ?? 0);
}

/**
 * describe.each over the targets, each with its store opened and emptied before the block. When
 * PostgreSQL is unreachable its block is reported as skipped (after the loud warning above).
 */
export function eachDatabase(
  title: string,
  body: (h: { readonly store: OpenStore; target: Target }) => void,
) {
  const targets = databasesForThisFile();
  describe.each(targets)(`${title} on $name`, (target) => {
    let store: OpenStore | undefined;
    beforeAll(async () => {
      store = await target.store();
      await resetStore(store);
    }, 60_000);
    body({
      get store() {
        if (!store) throw new Error('store not open yet');
        return store;
      },
      target,
    });
  });
  if (pgUnreachable) {
    describe.skipIf(true)(`${title} on PostgreSQL`, () => {
      it(`needs PostgreSQL at ${ADMIN_URL}`, () => {});
    });
  }
}
