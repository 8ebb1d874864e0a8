// `secbot migrate [--database-url URL] [--data-dir DIR]`: brings the database's schema up to date
// under the migration lock. Also the place the other database commands get their
// connection options from: flags first, then DATABASE_URL / DATA_DIR.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenOptions, OpenStore } from '../../db/open.ts';
import { STORE_OPTIONS, helpResult, unknownOption, usageError, wantsHelp } from './args.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Env = Record<string, string | undefined>;

/**
 * Reads `--database-url URL` / `--database-url=URL` and `--data-dir`; returns the rest of the args.
 * Without either flag, DATABASE_URL, else DATA_DIR, else ./data (as the start chooses).
 */
export function storeOptions(
  args: readonly string[],
  env: Env,
): { open: OpenOptions; rest: string[] } | string {
  const open: OpenOptions = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(database-url|data-dir)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (!value) return `${a} needs a value`;
    if (m[1] === 'database-url') {
      open.databaseUrl = value;
      open.urlFrom = '--database-url';
    } else open.dataDir = value;
  }
  // A flag is the operator's choice and beats both variables: `--data-dir ./backup` with DATABASE_URL
  // exported must read the folder, not the PostgreSQL database the variable names.
  if (open.databaseUrl !== undefined && open.dataDir !== undefined)
    return 'give either --database-url or --data-dir, not both';
  if (open.databaseUrl === undefined && open.dataDir === undefined) {
    if (env.DATABASE_URL) {
      open.databaseUrl = env.DATABASE_URL;
      open.urlFrom = 'DATABASE_URL';
    } else if (env.DATA_DIR) open.dataDir = env.DATA_DIR;
  }
  return { open, rest };
}

/**
 * Why the embedded database in `dataDir` cannot be read, in one line naming the folder; undefined when
 * there is one. A read-only command (`audit verify`, `register`, `workdays`) given a mistyped folder
 * must say so, not make and migrate a new empty database there and report on it ("OK: 0 events").
 */
export function noEmbeddedDatabase(dataDir: string | undefined): string | undefined {
  const dir = resolve(dataDir ?? './data');
  const fix = 'give --data-dir (or DATA_DIR) the folder the bot keeps its data in, or --database-url';
  let folder: boolean;
  try {
    folder = statSync(dir).isDirectory();
  } catch {
    return `there is no database at ${dir}: the folder does not exist; ${fix}.`;
  }
  if (!folder) return `there is no database at ${dir}: it is a file, not a folder; ${fix}.`;
  // Every PostgreSQL data folder, PGlite's too, holds PG_VERSION.
  if (!existsSync(join(dir, 'PG_VERSION')))
    return `there is no database in ${dir}: the folder holds no embedded database; ${fix}.`;
  return undefined;
}

/**
 * Opens the store, turning a start-up failure into the one-line error the CLI prints. With `existing`
 * (the commands that only read) the database must already be the bot's, with this release's schema:
 * nothing is made or migrated.
 */
export async function openForCli(
  open: OpenOptions,
  opts: { existing?: boolean } = {},
): Promise<OpenStore | string> {
  if (opts.existing && !open.databaseUrl && !open.memory) {
    const why = noEmbeddedDatabase(open.dataDir);
    if (why) return why;
  }
  const { openStore } = await import('../../db/open.ts');
  try {
    // Reads only: the schema is checked, never made or changed (a restored backup is verified as it is).
    return await openStore(opts.existing ? { ...open, readOnly: true } : open);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export const MIGRATE_USAGE = 'usage: secbot migrate [--database-url URL] [--data-dir DIR]';

export async function runMigrate(args: readonly string[], env: Env): Promise<CliResult> {
  if (wantsHelp(args)) return helpResult(MIGRATE_USAGE);
  const o = storeOptions(args, env);
  if (typeof o === 'string') return usageError('migrate', o, MIGRATE_USAGE);
  const [extra] = o.rest;
  if (extra !== undefined)
    return usageError(
      'migrate',
      extra.startsWith('-')
        ? unknownOption(extra, ['--help', ...STORE_OPTIONS])
        : `unexpected argument ${extra}`,
      MIGRATE_USAGE,
    );
  const applied: string[] = [];
  const store = await openForCli({
    ...o.open,
    log: (_m, d) => applied.push(...((d as { applied?: string[] })?.applied ?? [])),
  });
  if (typeof store === 'string') return { code: 1, stdout: '', stderr: `secbot migrate: ${store}\n` };
  try {
    const what = applied.length ? `applied ${applied.join(', ')}` : 'already up to date';
    return { code: 0, stdout: `Migrated ${store.location}: ${what}.\n`, stderr: '' };
  } finally {
    await store.close();
  }
}
