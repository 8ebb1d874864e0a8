// R47: an embedded data folder is held by one process at a time. Two processes on one PGlite folder
// raise no error and one silently loses its writes, so the folder gets a lock file holding the
// owner's pid. A lock left by a process that has died is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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

/** Takes the folder's lock, or throws FolderInUse naming the folder and the holding pid. */
export function lockFolder(dir: string): FolderLock {
  mkdirSync(dir, { recursive: true });
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
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
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
