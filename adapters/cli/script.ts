// `secbot script FILE [--json] [--database-url URL]` (SPEC §8.1, R68–R70): runs a script through the real
// core and store. The file is read whole first, so a malformed one exits 2 before anything is written.
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { openStore, redactUrl } from '../../db/open.ts';
import { createEngine, type Engine } from '../../src/app/engine.ts';
import type { Outcome } from '../../src/app/ports.ts';
import { runScheduled } from '../../src/app/schedule.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { parseScript, type Script } from './script-file.ts';
import {
  finalEntries,
  notifyItem,
  toJsonLine,
  toText,
  uniqueNotifications,
  type OutputItem,
} from './script-output.ts';

import { unknownOption } from './args.ts';

export const SCRIPT_USAGE = 'usage: secbot script FILE [--json] [--database-url URL]';

export interface ScriptArgs {
  file: string;
  json: boolean;
  databaseUrl?: string;
}

export function scriptArgs(args: readonly string[]): ScriptArgs | { error: string } {
  let file: string | undefined;
  let json = false;
  let databaseUrl: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--database-url' && args[i + 1] !== undefined) databaseUrl = args[++i];
    else if (a.startsWith('--database-url=')) databaseUrl = a.slice('--database-url='.length);
    else if (a.startsWith('-')) return { error: unknownOption(a, ['--json', '--database-url', '--help']) };
    else if (file === undefined) file = a;
    else return { error: `unexpected argument ${a}` };
  }
  if (file === undefined) return { error: 'no script file given' };
  return databaseUrl === undefined ? { file, json } : { file, json, databaseUrl };
}

export interface ScriptIo {
  /** One line of output, without its newline. */
  out: (line: string) => void;
  err: (line: string) => void;
}

// A reader that stops early (`| head`) closes the pipe: stop quietly rather than print a stack trace.
let pipeWatched = false;
const watchPipe = (): void => {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
};

// Commands bare (src/views/hints.ts): script-output.ts translates each reply and message; an error
// line passes here.
const processIo: ScriptIo = {
  out: (line) => process.stdout.write(`${commandsAs(line, undefined)}\n`),
  err: (line) => process.stderr.write(`${commandsAs(line, undefined)}\n`),
};

/** Runs the script; resolves to the exit code (0 ran, 2 malformed or unusable arguments, 1 a fault). */
export async function runScript(args: readonly string[], io: ScriptIo = processIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(SCRIPT_USAGE);
    return 0;
  }
  if (io === processIo) watchPipe();
  const opts = scriptArgs(args);
  if ('error' in opts) {
    io.err(`secbot script: ${opts.error}\n${SCRIPT_USAGE}`);
    return 2;
  }
  let source: string;
  try {
    source = await readFile(opts.file, 'utf8');
  } catch (e) {
    io.err(`secbot script: cannot read ${opts.file}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const parsed = parseScript(source);
  if (!parsed.ok) {
    io.err(`secbot script: ${opts.file}:${parsed.line}: ${parsed.message}`);
    return 2;
  }
  if (opts.databaseUrl !== undefined) {
    // §8.1: a script plays a world of its own. On a database that already holds one it would act on the
    // real modifications, add its people to the real directory, fire real deadlines and leave messages
    // in the outbox for a running bot to send: refused before anything is written (not even migrations).
    const used = await alreadyUsed(opts.databaseUrl);
    if (used) {
      io.err(
        `secbot script: --database-url ${redactUrl(opts.databaseUrl)} already holds ${used}; a script needs an empty database of its own (create a throwaway one), and nothing was written.`,
      );
      return 2;
    }
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(
      opts.databaseUrl === undefined
        ? { memory: true }
        : { databaseUrl: opts.databaseUrl, urlFrom: '--database-url' },
    );
  } catch (e) {
    // A database address's error names --database-url and what is wrong itself (db/open.ts).
    const where = opts.databaseUrl === undefined ? 'cannot open the embedded database: ' : '';
    io.err(`secbot script: ${where}${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  try {
    // Scripts are reproducible: they start from the defaults, whatever the environment says, and
    // change a setting only with a `config` line (R50, R68).
    const engine = createEngine(store, { settings: { ...DEFAULT_SETTINGS } });
    const print = (item: OutputItem): void => io.out(opts.json ? toJsonLine(item) : toText(item));
    await play(parsed.script, engine, print, opts.file);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof PeopleRejected) {
      io.err(`secbot script: ${opts.file}:${e.line}: the directory refused the people block: ${message}`);
      return 2;
    }
    io.err(`secbot script: ${message}`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The tables whose rows make a database someone's (the directory, the history, the outbox). */
const USED_BY: readonly (readonly [table: string, words: string])[] = [
  ['modifications', 'modifications'],
  ['events', 'history events'],
  ['people', 'people'],
  ['deadlines', 'deadlines'],
  ['outbox', 'messages to send'],
];

/**
 * What the database already holds, in words ("modifications and people"), or undefined when it is
 * empty (or has no schema yet). Reads only. A database that cannot be reached is left to openStore,
 * which says so in its own words.
 */
async function alreadyUsed(url: string): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const held: string[] = [];
    for (const [table, words] of USED_BY) {
      const [found] = await sql<{ exists: boolean }[]>`select to_regclass(${table}) is not null as exists`;
      if (!found?.exists) continue;
      const [row] = await sql<{ used: boolean }[]>`select exists (select 1 from ${sql(table)}) as used`;
      if (row?.used) held.push(words);
    }
    if (held.length === 0) return undefined;
    return held.length === 1 ? held[0] : `${held.slice(0, -1).join(', ')} and ${held.at(-1)}`;
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 0 }).catch(() => {});
  }
}

/** Plays a parsed script on an engine (also how the register tests and benchmark fill a database). */
export async function play(
  script: Script,
  engine: Engine,
  print: (item: OutputItem) => void,
  file: string,
): Promise<void> {
  const first = script.steps.find((s) => s.kind !== 'config');
  const start = first && 'at' in first ? first.at : new Date(0);
  // R1: the person id is the lower-cased e-mail; the handle stays so the output names people by it.
  const idOf = new Map(script.people.map((p) => [p.handle, p.email.toLowerCase()]));
  const handleOf = new Map(script.people.map((p) => [p.email.toLowerCase(), p.handle]));
  await importPeople(engine, script, idOf, start, file);
  const notify = (at: Date, outcome: Pick<Outcome, 'notifications'>): void => {
    for (const n of uniqueNotifications(outcome.notifications))
      print(notifyItem(at, n, (id) => handleOf.get(id)));
  };

  // The scheduler "ran" up to here: a weekly job at the very instant of the first line runs before it.
  let ran = new Date(start.getTime() - 1);
  for (const step of script.steps) {
    if (step.kind === 'config') {
      engine.setSettings({ ...engine.settings, ...step.patch });
      continue;
    }
    // R69, §8.1: what the scheduler runs between the lines, in time order (the deadlines due at or before
    // this line, each at its due time, and the weekly jobs such as the chair's digest, R58).
    await runScheduled(engine, ran, step.at, (item) =>
      item.kind === 'deadline'
        ? notify(item.fired.deadline.due, item.fired)
        : notify(item.at, { notifications: item.notifications }),
    );
    if (step.at > ran) ran = step.at;
    if (step.kind === 'advance') continue;
    const actor = idOf.get(step.handle) ?? step.handle;
    const outcome = await run(engine, step.text, actor, step.at);
    print({
      kind: 'command',
      line: step.line,
      ok: outcome.ok,
      code: outcome.ok ? null : outcome.code,
      reply: outcome.reply,
    });
    notify(step.at, outcome);
  }
  print({ kind: 'final', final: finalEntries(await engine.modifications()) });
}

/** Commands go through execute with platform 'script' so the history says where they came from (R8);
 * queries are answered read-only by ask. */
async function run(engine: Engine, text: string, actor: string, at: Date): Promise<Outcome> {
  const p = parse(text);
  // R45: what was wrong and the subcommand's usage line (a result, not a malformed file).
  if (!p.ok)
    return {
      ok: false,
      code: 'bad_input',
      reply: `${p.message} Usage: ${p.usage}`,
      duplicate: false,
      notifications: [],
    };
  if (p.input.kind === 'command') {
    return engine.execute({ command: p.input.command, actor, platform: 'script', text }, at);
  }
  return engine.ask(text, actor, at);
}

/** The directory refused the people block (a handle or chair clash with a --database-url directory). */
class PeopleRejected extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

async function importPeople(
  engine: Engine,
  script: Script,
  idOf: ReadonlyMap<string, string>,
  start: Date,
  file: string,
): Promise<void> {
  if (script.people.length === 0) return;
  try {
    await engine.importPeople(
      script.people.map((p) => ({
        email: p.email,
        name: p.name,
        roles: p.roles,
        handle: p.handle,
        ...(p.group === undefined ? {} : { group: p.group }),
        ...(p.alt === undefined ? {} : { alternate: idOf.get(p.alt) ?? p.alt }),
      })),
      { source: `script:${file}`, now: start },
    );
  } catch (e) {
    throw new PeopleRejected(script.peopleLine ?? 1, e instanceof Error ? e.message : String(e));
  }
}
