// R47: an embedded data folder is held by one process at a time. Two processes on one PGlite folder
// raise no error and one silently loses its writes, so the folder gets a lock file holding the
// owner's pid. A lock left by a process that has died is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const LOCK_FILE = 'secbot.lock';

export interface FolderLock {
  file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class FolderInUse extends Error {
  readonly dir: string;
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `The data folder ${dir} is in use by process ${pid}; stop that process or set DATA_DIR to another folder.`,
    );
    this.dir = dir;
    this.pid = pid;
    this.name = 'FolderInUse';
  }
}

/** What an fs error code means for a data folder, in words; the code itself ends the line. */
const CAUSES: Record<string, string> = {
  ENOTDIR: 'a part of that path is a file, not a folder',
  EEXIST: 'it is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
  ENOENT: 'a folder cannot be made there',
};

/**
 * R47, R50: the data folder cannot be made or written. One line naming DATA_DIR, the folder and the
 * cause (was: the bare `ENOTDIR: not a directory, mkdir '…'`, which did not say which setting to fix).
 */
export class FolderUnusable extends Error {
  readonly dir: string;
  readonly code: string | undefined;
  constructor(dir: string, e: unknown) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    const cause =
      code && CAUSES[code] ? `${CAUSES[code]} (${code})` : e instanceof Error ? e.message : String(e);
    super(
      `DATA_DIR: cannot use ${dir} as the data folder: ${cause}; set DATA_DIR to a folder this process can write.`,
    );
    this.dir = dir;
    this.code = code;
    this.name = 'FolderUnusable';
  }
}

/** The error code of `stat`, or undefined when the path exists. */
function missing(path: string): string | undefined {
  try {
    statSync(path);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'ENOENT';
  }
}

/**
 * Makes the folder and its missing parents one at a time, from the first that exists. Not
 * `mkdirSync(dir, { recursive: true })`: under a file system that refuses new folders without saying
 * why it is not there (`/proc`), Node's recursive mkdir loops forever at full CPU; here the first
 * folder that cannot be made ends it with its error.
 */
function makeFolder(dir: string): void {
  const toMake: string[] = [];
  for (let cur = resolve(dir); missing(cur) === 'ENOENT'; cur = dirname(cur)) {
    toMake.unshift(cur);
    if (dirname(cur) === cur) break;
  }
  for (const folder of toMake) {
    try {
      mkdirSync(folder);
    } catch (e) {
      // Made meanwhile by someone else (another replica starting, a second process): fine.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is a file`), { code: 'EEXIST' });
}

/**
 * Takes the folder's lock, or throws FolderInUse naming the folder and the holding pid, or
 * FolderUnusable when the folder cannot be made or the lock file written.
 */
export function lockFolder(dir: string): FolderLock {
  try {
    makeFolder(dir);
  } catch (e) {
    throw new FolderUnusable(dir, e);
  }
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      // R88: the lock goes with the process however it ends in Node (a second Ctrl-C exits at once).
      const release = () => {
        process.off('exit', release);
        if (holder(file) === process.pid) unlinkSync(file);
      };
      process.on('exit', release);
      return { file, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new FolderUnusable(dir, e);
    }
    const pid = holder(file);
    if (pid !== undefined && alive(pid)) throw new FolderInUse(dir, pid);
    // Stale (its process is gone) or unreadable: take it over, unless it changed hands meanwhile.
    if (holder(file) === pid) {
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
  const pid = holder(file);
  throw new FolderInUse(dir, pid ?? 0);
}
