// The two databases behind one drizzle type: PGlite (embedded) and postgres.js
// (DATABASE_URL). Their differences are normalised here and nowhere else: raw result shapes,
// timestamp values in raw rows, and how a driver error carries its SQLSTATE and constraint.
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Either a database or a transaction: what the store functions take. */
export type Q = Db | Tx;

/**
 * PGlite behind the drizzle type. Loaded only when the embedded database is opened (db/open.ts): the
 * PGlite module alone is about 35 MB of resident memory, which a bot on PostgreSQL never needs (P7).
 */
export async function pgliteDb(client: import('@electric-sql/pglite').PGlite): Promise<Db> {
  const { drizzle } = await import('drizzle-orm/pglite');
  return drizzle(client) as unknown as Db;
}
export const postgresDb = (client: Sql): Db => drizzlePostgres(preparing(client)) as unknown as Db;

type Unsafe = (query: string, params?: unknown[], opts?: object) => unknown;
type Scoped = (...args: unknown[]) => unknown;

/**
 * drizzle sends every query with `prepare: false`, and postgres.js then describes each parameterised
 * statement in a round trip of its own before running it: two round trips per statement. With
 * named statements (postgres.js's own default) a connection describes a statement once and then
 * runs it in one. The texts are drizzle's and this project's fixed SQL, so the per-connection
 * cache stays small. Transactions and savepoints hand out a scoped client: wrapped the same way.
 */
function preparing(client: Sql): Sql {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe') {
        const unsafe = value as Unsafe;
        return (query: string, params?: unknown[], opts?: object) =>
          unsafe.call(target, query, params, { ...opts, prepare: true });
      }
      // A transaction without options (every one drizzle opens for this project) is pipelined.
      if (prop === 'begin' && typeof (target as { reserve?: unknown }).reserve === 'function') {
        return (...args: unknown[]) => {
          if (args.length !== 1)
            return (value as Scoped).call(target, ...args.slice(0, -1), wrapFn(args.at(-1)));
          return pipelined(target, args[0] as (sql: Sql) => unknown);
        };
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const scoped = value as Scoped;
        return (...args: unknown[]) => scoped.call(target, ...args.slice(0, -1), wrapFn(args.at(-1)));
      }
      return (value as Scoped).bind(target);
    },
  });
}

const wrapFn = (fn: unknown) => (sql: Sql) => (fn as (sql: Sql) => unknown)(preparing(sql));

/**
 * P1: a transaction in as few round trips as its statements need. postgres.js's own `begin` waits
 * for BEGIN's answer before the first statement and for the last statement's answer before COMMIT:
 * two round trips of a vote's four that carry nothing. Here BEGIN is queued on the reserved
 * connection together with the first statement (one socket write), and COMMIT is sent as soon as the
 * callback returns, behind a write the callback left in flight (StoreTx.writeLast). A statement that
 * failed makes PostgreSQL answer COMMIT with ROLLBACK: that is an error here, never a success, and the
 * caller (SqlStore.transaction) reports the failed statement's own error. A connection released in
 * the middle of a transaction is closed by the pool, not reused.
 */
async function pipelined(client: Sql, fn: (sql: Sql) => unknown): Promise<unknown> {
  const conn = await client.reserve();
  try {
    const begun = conn.unsafe('begin');
    // Its failure (the connection lost) fails the statements queued behind it too: reported there.
    begun.catch(() => {});
    let result: unknown;
    try {
      result = await fn(preparing(conn as unknown as Sql));
      await begun;
    } catch (e) {
      await conn.unsafe('rollback').catch(() => {});
      throw e;
    }
    const done = await conn.unsafe('commit');
    if (done.command !== 'COMMIT') throw new RolledBack();
    return result;
  } finally {
    conn.release();
  }
}

/** COMMIT was answered with ROLLBACK: a statement of the transaction failed (its error says which). */
export class RolledBack extends Error {
  readonly code = 'TRANSACTION_ROLLED_BACK';
  constructor() {
    super('The server rolled back the transaction instead of committing it');
    this.name = 'RolledBack';
  }
}

/** `db.execute()` gives `{ rows }` on PGlite and an array on postgres.js. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** A timestamptz from a raw row: a Date on PGlite, a string on postgres.js under drizzle. */
export function dateOf(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'string') return new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(v) ? v : `${v}Z`);
  throw new TypeError(`not a timestamp: ${String(v)}`);
}

export interface PgErrorInfo {
  code?: string;
  constraint?: string;
  message: string;
}

/** The SQLSTATE and constraint of a driver error, looking through drizzle's DrizzleQueryError. */
export function pgErrorOf(e: unknown): PgErrorInfo {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const o = cur as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown };
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) {
      const constraint =
        typeof o.constraint_name === 'string'
          ? o.constraint_name
          : typeof o.constraint === 'string'
            ? o.constraint
            : undefined;
      return { code: o.code, ...(constraint ? { constraint } : {}), message: String(o.message ?? '') };
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

/**
 * Errors that mean the connection went away under a query, so its transaction's outcome is unknown
 * (R86): postgres.js's own codes, the socket's, and the server ending the session (SQLSTATE class 08,
 * 57P01 admin shutdown, 57P02 crash shutdown, 25P03 idle in transaction too long). A refused or
 * timed-out connection attempt is not one of them: nothing was sent, and trying again at once would
 * only delay the answer.
 */
const LOST = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'ECONNRESET',
  'EPIPE',
  '57P01',
  '57P02',
  '25P03',
]);

export function isConnectionLost(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (LOST.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Unique keys whose violation means another writer got there first (R8's optimistic concurrency). */
const RACE_KEYS = new Set(['events_stream_seq', 'modifications_pkey']);

/** A concurrent-writer error: retry the whole transaction. */
export function isRace(e: unknown): boolean {
  const { code, constraint } = pgErrorOf(e);
  if (code === '40001' || code === '40P01') return true; // serialization failure, deadlock
  return code === '23505' && constraint !== undefined && RACE_KEYS.has(constraint);
}
