// R88: a first start creates the embedded database, which cannot be interrupted: PGlite's initdb runs
// for about 5 s here, over 10 s on a busy machine, and a stop that waited for it missed R88's 10 s and
// exited 1. The folder held nothing before this start, so a stop during its creation need not wait:
// the folder is removed (or emptied, when it was there empty) and the next start creates the
// database afresh. Nothing anyone wrote is lost: the folder is abandoned only while it holds no
// database and nothing but this process's lock.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from './lock.ts';

/** The database this process is creating now, with whether its folder was made for it. */
let creating: { dir: string; made: boolean } | undefined;

/** Whether the folder exists (asked before its lock is taken, which makes it). */
export const folderExists = (dir: string): boolean => existsSync(dir);

/**
 * Called once the folder's lock is held: when the folder holds nothing but the lock, a database is
 * about to be created in it, and is abandonable until `created()`.
 */
export function creatingIn(dir: string, existed: boolean): void {
  const others = readdirSync(dir).filter((f) => f !== LOCK_FILE);
  creating = others.length === 0 ? { dir, made: !existed } : undefined;
}

/** The database was created (or its creation failed and was cleaned up): nothing to abandon. */
export function created(): void {
  creating = undefined;
}

/**
 * R88: abandons the database being created, if any: its folder is removed, or emptied when it existed
 * before. Synchronous, so that the caller exits in the same turn, before PGlite writes another file.
 * True when there was one.
 */
export function abandonNewDatabase(): boolean {
  const c = creating;
  if (!c) return false;
  creating = undefined;
  if (c.made) rmSync(c.dir, { recursive: true, force: true });
  else for (const f of readdirSync(c.dir)) rmSync(join(c.dir, f), { recursive: true, force: true });
  return true;
}
