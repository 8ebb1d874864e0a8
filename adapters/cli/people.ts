// `secbot people import FILE.csv` (R1, R49): the whole file is validated first; a bad row is reported with
// its line and nothing is applied. Re-importing updates people (keyed by the lower-cased e-mail).
import { readFile } from 'node:fs/promises';
import type { OpenOptions } from '../../db/open.ts';
import type { Engine } from '../../src/app/engine.ts';
import { parseSettings } from '../../src/domain/settings.ts';
import { openForCli, storeOptions, type CliResult, type Env } from './migrate.ts';
import { parsePeopleCsv } from './people-csv.ts';

export const PEOPLE_USAGE = 'usage: secbot people import FILE.csv [--database-url URL] [--data-dir DIR]';

/**
 * Opens the configured database (R47: --database-url or DATABASE_URL, else the embedded one in
 * --data-dir or DATA_DIR, default ./data), runs `fn` with an engine on it, and closes it.
 */
export async function withEngine<T>(
  open: OpenOptions,
  env: Env,
  fn: (engine: Engine) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  const settings = parseSettings(env);
  if (!settings.ok) return { ok: false, error: settings.errors.join('; ') };
  const store = await openForCli(open);
  if (typeof store === 'string') return { ok: false, error: store };
  try {
    const { createEngine } = await import('../../src/app/engine.ts');
    return { ok: true, value: await fn(createEngine(store, { settings: settings.settings })) };
  } finally {
    await store.close();
  }
}

export async function runPeople(args: readonly string[], env: Env): Promise<CliResult> {
  const fail = (code: number, message: string): CliResult => ({ code, stdout: '', stderr: `${message}\n` });
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') return { code: 0, stdout: `${PEOPLE_USAGE}\n`, stderr: '' };
  if (sub !== 'import') return fail(2, `secbot people: expected import\n${PEOPLE_USAGE}`);
  const o = storeOptions(rest, env);
  if (typeof o === 'string') return fail(2, `secbot people import: ${o}`);
  const [file, ...extra] = o.rest;
  if (file === undefined || file.startsWith('-') || extra.length > 0) {
    return fail(2, `secbot people import: expected one CSV file\n${PEOPLE_USAGE}`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail(
      2,
      `secbot people import: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const parsed = parsePeopleCsv(text);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `line ${e.line}: ${e.message}`);
    return fail(2, `${lines.join('\n')}\nsecbot people import: ${file} not imported; nothing was applied`);
  }
  let r: Awaited<ReturnType<typeof withEngine<{ added: number; updated: number }>>>;
  try {
    r = await withEngine(o.open, env, (engine) =>
      engine.importPeople(parsed.rows, { source: `people import ${file}`, now: new Date() }),
    );
  } catch (e) {
    // The directory refused the file as a whole (an unknown alternate, a second Panel chair, a
    // handle taken): still nothing applied, since the import is one transaction.
    const why = e instanceof Error ? e.message : String(e);
    return fail(
      2,
      `secbot people import: ${why}\nsecbot people import: ${file} not imported; nothing was applied`,
    );
  }
  if (!r.ok) return fail(1, `secbot people import: ${r.error}`);
  return { code: 0, stdout: `added ${r.value.added}, updated ${r.value.updated}\n`, stderr: '' };
}
