// `secbot people import FILE.csv` (R1, R49): the whole file is validated first, against itself and the
// directory; every bad row is reported with its line, in one pass, and nothing is applied.
// Re-importing updates people (keyed by the lower-cased e-mail), and the result names each person added
// or updated with what changed, one line each, so a re-imported file shows what it did.
import { readFile } from 'node:fs/promises';
import type { OpenOptions, OpenStore } from '../../db/open.ts';
import type { Engine } from '../../src/app/engine.ts';
import {
  checkPeopleIn,
  ImportRefused,
  importPeople,
  type FieldChange,
  type ImportResult,
  type PersonChange,
  type RowProblem,
} from '../../src/app/people-import.ts';
import { ROLE_NAME_ONE } from '../../src/domain/roles.ts';
import type { Role } from '../../src/domain/types.ts';
import { parseSettings, type Settings } from '../../src/domain/settings.ts';
import { STORE_OPTIONS, helpResult, unknownOption, usageError, wantsHelp } from './args.ts';
import { openForCli, storeOptions, type CliResult, type Env } from './migrate.ts';
import { readPeopleCsv } from './people-csv.ts';

export const PEOPLE_USAGE = 'usage: secbot people import FILE.csv [--database-url URL] [--data-dir DIR]';

/**
 * Opens the configured database (R47: --database-url or DATABASE_URL, else the embedded one in
 * --data-dir or DATA_DIR, default ./data), runs `fn` with an engine on it, and closes it.
 */
export async function withEngine<T>(
  open: OpenOptions,
  env: Env,
  fn: (engine: Engine) => Promise<T>,
  opts: { existing?: boolean } = {},
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  return withStore(
    open,
    env,
    async (store, settings) => {
      const { createEngine } = await import('../../src/app/engine.ts');
      return fn(createEngine(store, { settings }));
    },
    opts,
  );
}

/** As withEngine, with the store itself: the directory import reads and writes it directly. */
async function withStore<T>(
  open: OpenOptions,
  env: Env,
  fn: (store: OpenStore, settings: Settings) => Promise<T>,
  opts: { existing?: boolean } = {},
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  const settings = parseSettings(env);
  if (!settings.ok) return { ok: false, error: settings.errors.join('; ') };
  const store = await openForCli(open, opts);
  if (typeof store === 'string') return { ok: false, error: store };
  try {
    return { ok: true, value: await fn(store, settings.settings) };
  } finally {
    await store.close();
  }
}

export async function runPeople(args: readonly string[], env: Env): Promise<CliResult> {
  const fail = (code: number, message: string): CliResult => ({ code, stdout: '', stderr: `${message}\n` });
  if (wantsHelp(args)) return helpResult(PEOPLE_USAGE);
  const [sub, ...rest] = args;
  if (sub !== 'import')
    return usageError(
      'people',
      sub === undefined ? 'expected import' : `expected import, not ${sub}`,
      PEOPLE_USAGE,
    );
  const o = storeOptions(rest, env);
  if (typeof o === 'string') return usageError('people import', o, PEOPLE_USAGE);
  const option = o.rest.find((a) => a.startsWith('-'));
  if (option !== undefined)
    return usageError('people import', unknownOption(option, ['--help', ...STORE_OPTIONS]), PEOPLE_USAGE);
  const [file, ...extra] = o.rest;
  if (file === undefined || extra.length > 0) {
    return usageError(
      'people import',
      file === undefined ? 'expected one CSV file' : `expected one CSV file, not ${o.rest.length}`,
      PEOPLE_USAGE,
    );
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
  const read = readPeopleCsv(text);
  const rows = read.entries.map((e) => e.row);
  const lineOf = (i: number): number => read.entries[i]?.line ?? 0;
  const check = { label: (i: number) => `line ${lineOf(i)}`, alsoInFile: read.emails };
  const refuse = (problems: readonly { line: number; message: string }[]): CliResult => {
    const lines = [...problems].sort((a, b) => a.line - b.line).map((e) => `line ${e.line}: ${e.message}`);
    // R1: said once, since a refusal names only who has the id.
    const taken = problems.some((p) => / id .* is already linked to /.test(p.message))
      ? [
          'secbot people import: an import never moves a Slack or Teams id from one person to another (an empty slack or teams field does not unlink it either)',
        ]
      : [];
    return fail(
      2,
      [...lines, ...taken, `secbot people import: ${file} not imported; nothing was applied`].join('\n'),
    );
  };
  const fromDirectory = (problems: readonly RowProblem[]) =>
    problems.map((p) => ({ line: lineOf(p.row), message: p.message }));
  if (read.errors.length > 0) {
    // The rows that read well are checked against the directory too (writing nothing), so one pass
    // names every problem; the database is opened only when a row gives something the directory could
    // refuse (an id, an alternate, the Panel chair), and one that cannot be opened leaves the file's
    // own problems.
    const asks = rows.some((r) => r.slack || r.teams || r.alternate || r.roles.includes('panel_chair'));
    const more = !asks
      ? []
      : await withStore(o.open, env, (store) => checkPeopleIn(store, rows, check)).then(
          (r) => (r.ok ? fromDirectory(r.value) : []),
          () => [],
        );
    return refuse([...read.errors, ...more]);
  }
  let r: Awaited<ReturnType<typeof withStore<ImportResult>>>;
  try {
    r = await withStore(o.open, env, (store) =>
      importPeople(store, rows, { source: `people import ${file}`, now: new Date() }, check),
    );
  } catch (e) {
    if (e instanceof ImportRefused) return refuse(fromDirectory(e.problems));
    // The store refused the file as a whole (R1: a link that would move an id from another person):
    // still nothing applied, since the import is one transaction.
    const why = e instanceof Error ? e.message : String(e);
    return fail(
      2,
      `secbot people import: ${why}\nsecbot people import: ${file} not imported; nothing was applied`,
    );
  }
  if (!r.ok) return fail(1, `secbot people import: ${r.error}`);
  return { code: 0, stdout: importReport(r.value), stderr: '' };
}

/** A value on one line: a name or group may hold a line break (a quoted CSV field). */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const orNone = (s: string | null): string => (s === null ? 'none' : oneLine(s));
// R71: roles by their plain names.
const roleList = (roles: readonly Role[]): string => roles.map((r) => ROLE_NAME_ONE[r]).join(', ');
const PLATFORM = { slack: 'Slack', teams: 'Teams' } as const;
const LABEL = { name: 'name', email: 'e-mail', handle: 'handle', group: 'voting group' } as const;

/** One change in words: what a person added was given, or what an update changed from and to. */
function changeWords(f: FieldChange, added: boolean): string {
  switch (f.field) {
    case 'roles':
      if (added) return f.to.length > 0 ? roleList(f.to) : 'no roles';
      return `roles ${roleList(f.from) || 'none'} → ${roleList(f.to) || 'none'}`;
    case 'alternate':
      if (added) return `alternate ${orNone(f.to?.name ?? null)}`;
      return `alternate ${orNone(f.from?.name ?? null)} → ${orNone(f.to?.name ?? null)}`;
    case 'slack':
    case 'teams':
      return `${PLATFORM[f.field]} id ${f.linked}${added ? '' : ' linked'}`;
    default:
      if (added) return `${LABEL[f.field]} ${orNone(f.to)}`;
      return `${LABEL[f.field]} ${orNone(f.from)} → ${orNone(f.to)}`;
  }
}

/** `Added Ann Smith (ann@example.org): …` or `Updated …: …`, one line. */
export function personLine(c: PersonChange): string {
  const added = c.kind === 'added';
  const what = c.fields.map((f) => changeWords(f, added)).join('; ');
  return `${added ? 'Added' : 'Updated'} ${oneLine(c.name)} (${c.email}): ${what}.`;
}

/** The import's result: a line per person added or updated, then the counts. */
export function importReport(r: ImportResult): string {
  const lines = r.changes.map(personLine);
  lines.push(`added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}`);
  return `${lines.join('\n')}\n`;
}
