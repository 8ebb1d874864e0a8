// A small migrator over drizzle-kit's output (db/migrations): drizzle's own migrate() takes no lock,
// and two replicas migrating at once raced. Here every pending migration runs in ONE transaction
// that first takes a transaction-scoped advisory lock (session locks through a postgres.js pool are
// unreliable), and applied tags are recorded in secbot_migrations, so a second runner waits, then
// finds nothing to do.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { rowsOf } from './client.ts';

/** Any constant, the same in every replica: "SECBOT" in ASCII. */
export const MIGRATION_LOCK = 0x534543424f54;

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** Reads the journal and splits each migration on drizzle-kit's statement breakpoints. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const text = readFileSync(join(dir, `${tag}.sql`), 'utf8');
      const statements = text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      return { tag, hash: createHash('sha256').update(text).digest('hex'), statements };
    });
}

/** Applies the pending migrations; returns the tags it applied (none when up to date). */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(
      sql.raw(`create table if not exists secbot_migrations (
        tag text primary key,
        hash text not null,
        applied_at timestamptz not null default now()
      )`),
    );
    const done = new Set(
      rowsOf<{ tag: string }>(await tx.execute(sql`select tag from secbot_migrations`)).map((r) => r.tag),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.tag)) continue;
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into secbot_migrations (tag, hash) values (${m.tag}, ${m.hash})`);
      applied.push(m.tag);
    }
    return applied;
  });
}
