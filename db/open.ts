// Opens the store the configuration asks for (issue 3 §1, R47): PostgreSQL through postgres.js when
// a DATABASE_URL is given, otherwise embedded PGlite in a locked data folder (or in memory for
// scripted mode), and brings the schema up to date under the migration lock.
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Store } from '../src/app/store.ts';
import { pgliteDb, postgresDb } from './client.ts';
import type { FolderLock } from './lock.ts';
import { lockFolder } from './lock.ts';
import { migrate } from './migrate.ts';
import { SqlStore } from './sql-store.ts';

export interface OpenOptions {
  databaseUrl?: string;
  /** The embedded database's folder (default ./data). */
  dataDir?: string;
  /** A fresh in-memory embedded database (scripted mode, tests). */
  memory?: boolean;
  /** postgres.js pool size (default 10). */
  max?: number;
  log?: (msg: string, data?: object) => void;
}

export type OpenStore = Store & {
  readonly db: SqlStore['db'];
  /** Where the data lives: the folder, ':memory:', or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
};

/** postgres://user:secret@host/db → postgres://user@host/db: never print a password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return '(unparseable URL)';
  }
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function openPostgres(url: string, opts: OpenOptions): Promise<OpenStore> {
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { application_name: 'secbot' },
  });
  try {
    await client`select 1`;
  } catch (e) {
    await client.end({ timeout: 0 }).catch(() => {});
    const cause = e instanceof Error ? e.message || e.name : String(e);
    throw new Error(oneLine(`Cannot reach the database at DATABASE_URL (${redactUrl(url)}): ${cause}`));
  }
  const store = new SqlStore(postgresDb(client), 'postgres');
  try {
    const applied = await migrate(store.db);
    if (applied.length) opts.log?.('migrated', { applied });
  } catch (e) {
    await client.end({ timeout: 0 }).catch(() => {});
    throw e;
  }
  return Object.assign(store, {
    location: redactUrl(url),
    close: () => client.end({ timeout: 5 }),
  });
}

async function openEmbedded(opts: OpenOptions): Promise<OpenStore> {
  const dir = opts.memory ? undefined : resolve(opts.dataDir ?? './data');
  const lock: FolderLock | undefined = dir ? lockFolder(dir) : undefined;
  let client: PGlite | undefined;
  try {
    client = dir ? await PGlite.create({ dataDir: dir }) : await PGlite.create();
    const store = new SqlStore(pgliteDb(client), 'pglite');
    const applied = await migrate(store.db);
    if (applied.length) opts.log?.('migrated', { applied });
    const c = client;
    return Object.assign(store, {
      location: dir ?? ':memory:',
      close: async () => {
        try {
          if (!c.closed) await c.close();
        } finally {
          lock?.release();
        }
      },
    });
  } catch (e) {
    await client?.close().catch(() => {});
    lock?.release();
    throw e;
  }
}

export async function openStore(opts: OpenOptions = {}): Promise<OpenStore> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openEmbedded(opts);
}
