// What the two bundles in .bundle/ (bin/bundle.js: the sources; bin/vendor.js: the packages alone)
// share about their builds: each build goes to a folder of its own, and a current.json names the
// current one with the modification time and size of every file it was built from, replaced in one
// rename, so processes starting at the same moment (the test suite starts many) never see half a
// build, and a running bot keeps its folder for the chunks it imports later. A build is current while
// every one of those files still has its recorded signature.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE_DIR = join(ROOT, '.bundle');

/** How long a superseded build's folder is kept: a bot started from it may still import from it. */
const KEEP_MS = 3_600_000;

/** A project file's modification time and size, or 'missing'. */
export function signature(file) {
  try {
    const s = statSync(join(ROOT, file));
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

/** `dir`'s current.json if it has the fields `fields` names (besides dir and inputs), else undefined. */
export function readCurrent(dir, fields = []) {
  try {
    const r = JSON.parse(readFileSync(join(dir, 'current.json'), 'utf8'));
    const ok = typeof r?.dir === 'string' && typeof r.inputs === 'object';
    return ok && fields.every((f) => r[f] !== undefined) ? r : undefined;
  } catch {
    return undefined; // none yet, or unreadable: built anew
  }
}

/** Whether every input of a record still has the signature it was built from. */
export const unchanged = (record) =>
  Object.entries(record.inputs).every(([file, sig]) => signature(file) === sig);

/**
 * The signatures of `files` for a build that started at `startedAt`. A file changed while the build
 * read it may not be what the build holds: it is recorded as 'changed', so the next start rebuilds.
 */
export function inputsOf(files, startedAt) {
  const inputs = {};
  for (const file of files)
    inputs[file] =
      statSync(join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs >= startedAt
        ? 'changed'
        : signature(file);
  return inputs;
}

/**
 * Makes `record` (whose `dir` is a build folder in `dir`) the current build, then removes this kind's
 * superseded folders and leftovers older than KEEP_MS: those whose names start with `prefix` (a
 * build's folder) or `.tmp-` + `prefix` (one that did not finish). Another kind's files in the same
 * folder are never touched.
 */
export function publish(dir, record, prefix) {
  const next = join(dir, `.tmp-${record.dir}-${process.pid}.json`);
  writeFileSync(next, JSON.stringify(record));
  renameSync(next, join(dir, 'current.json'));
  for (const entry of readdirSync(dir)) {
    if (entry === record.dir || !(entry.startsWith(prefix) || entry.startsWith(`.tmp-${prefix}`))) continue;
    const path = join(dir, entry);
    if (statSync(path, { throwIfNoEntry: false })?.mtimeMs < Date.now() - KEEP_MS)
      rmSync(path, { recursive: true, force: true });
  }
}
