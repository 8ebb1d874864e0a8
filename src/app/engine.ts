// The engine: the application's front door over a Store (principle 4). Adapters, the CLI and
// scripted mode call these methods only; each command is one transaction (execute.ts), deadlines
// fire through the scheduler (scheduler.ts), and queries read the projections.
import type { Modification, World } from '../domain/modification.ts';
import type { ParseOptions } from '../domain/grammar.ts';
import { parse } from '../domain/grammar.ts';
import { answer } from '../domain/queries.ts';
import type { Settings } from '../domain/settings.ts';
import type { Context, Person, PersonId } from '../domain/types.ts';
import { isRefusal, refuse } from '../domain/types.ts';
import { createCalendar, londonDate } from '../domain/working-days.ts';
import { NOT_REGISTERED, execute, outcomeOf } from './execute.ts';
import { flush, newTxState, stageEvents, withRetry } from './unit-of-work.ts';
import { GENESIS } from './hash.ts';
import { SYSTEM_STREAM } from './store.ts';
import type { ImportResult, PersonInput } from './people-import.ts';
import { importPeople } from './people-import.ts';
import type { Envelope, Outcome, Platform } from './ports.ts';
import type { FiredOutcome, RunDueOptions } from './scheduler.ts';
import { runDue } from './scheduler.ts';
import type { Store, StoreTx } from './store.ts';
import type { Notification } from './notification.ts';
import { panelDigest } from './notify-digest.ts';
import type { WebRequests } from './web-requests.ts';
import { askWeb } from './web-requests.ts';

export type { PersonInput, ImportResult } from './people-import.ts';
export type { FiredOutcome } from './scheduler.ts';

export interface Engine {
  /** One command, one transaction (issue 3 §3); a repeated delivery id returns the first outcome (R36). */
  execute(env: Envelope, now: Date): Promise<Outcome>;
  /** Fires due deadlines in order (due, then creation), each once (principle 3). */
  runDue(now: Date, opts?: { limit?: number }): Promise<FiredOutcome[]>;
  /**
   * A line of the one grammar (R42): a query is answered read-only, a command is executed (platform
   * cli unless `opts.platform`; an adapter passes its delivery id and mention map too).
   */
  ask(text: string, actor: PersonId | null, now: Date, opts?: AskOptions): Promise<Outcome>;
  /**
   * R1: links a platform identity to a person (an adapter matched them by e-mail) as a system event, in
   * one transaction. 'linked', 'already' when it was linked to that person, 'unknown' for no such person.
   */
  linkIdentity(
    personId: PersonId,
    platform: 'slack' | 'teams',
    platformId: string,
    now: Date,
  ): Promise<'linked' | 'already' | 'unknown'>;
  /** Upserts people by e-mail (R1) as system events, in one transaction. */
  importPeople(rows: readonly PersonInput[], meta: { source: string; now: Date }): Promise<ImportResult>;
  /** Every modification's projection, by number. */
  modifications(): Promise<Modification[]>;
  /** The directory as it is now. */
  people(): Promise<Person[]>;
  /** R1: the person behind a platform identity, or null. */
  whoIs(platform: string, platformId: string): Promise<PersonId | null>;
  /** Writes the chair's weekly digest to the outbox (Mondays 09:00 London, R58); returns it. */
  digest(now: Date): Promise<Notification[]>;
  settings: Settings;
  setSettings(s: Settings): void;
}

export interface AskOptions {
  platform?: Platform;
  deliveryId?: string;
  /** Mentions and the channel typed in, from the adapter (R66, admin channel). */
  parse?: ParseOptions;
  /** Only the asker reads the answer (a Slack private reply, a Teams 1:1 chat): links may be shown (R83). */
  privately?: boolean;
}

export interface EngineOptions {
  settings: Settings;
  log?: (msg: string, data?: object) => void;
  /** Deadlines claimed per scheduler transaction. */
  batch?: number;
  /** Told each command's outcome, or 'error' when it threw (metrics, issue 6). Queries are not commands. */
  onOutcome?: (platform: Platform, outcome: Outcome | 'error') => void;
  /** `register` and `calendar` (R83, R84); without it they answer that links are sent in chat. */
  web?: WebRequests;
}

/** Reports a command's outcome to the hook; the hook cannot change or fail the command. */
async function observed(
  opts: EngineOptions,
  platform: Platform,
  run: () => Promise<Outcome>,
): Promise<Outcome> {
  const hook = opts.onOutcome;
  if (!hook) return run();
  let outcome: Outcome | 'error' = 'error';
  try {
    outcome = await run();
    return outcome;
  } finally {
    try {
      hook(platform, outcome);
    } catch {
      // A broken counter must not turn a committed command into an error.
    }
  }
}

export function createEngine(store: Store, opts: EngineOptions): Engine {
  let settings = opts.settings;
  const engine: Engine = {
    get settings() {
      return settings;
    },
    setSettings(s) {
      settings = s;
    },
    execute: (env, now) => observed(opts, env.platform, () => execute(store, env, now, settings)),
    runDue: (now, o = {}) => {
      const ro: RunDueOptions = { ...o };
      if (opts.log) ro.log = opts.log;
      if (opts.batch) ro.batch = opts.batch;
      return runDue(store, now, settings, ro);
    },
    ask: (text, actor, now, o = {}) => ask(store, settings, text, actor, now, o, opts),
    linkIdentity: (personId, platform, platformId, now) =>
      linkIdentity(store, personId, platform, platformId, now),
    importPeople: (rows, meta) => importPeople(store, rows, meta),
    modifications: () => store.transaction((tx) => tx.allModifications()),
    people: () => store.transaction((tx) => tx.people()),
    whoIs: (platform, platformId) => store.personByIdentity(platform, platformId),
    digest: (now) => digest(store, settings, now),
  };
  return engine;
}

/** R66: what anyone may ask, registered or not. */
const OPEN_TO_ALL: ReadonlySet<string> = new Set(['help', 'workdays']);

async function ask(
  store: Store,
  settings: Settings,
  text: string,
  actor: PersonId | null,
  now: Date,
  opts: AskOptions,
  engineOpts: EngineOptions,
): Promise<Outcome> {
  const parsed = parse(text, opts.parse);
  const platform = opts.platform ?? 'cli';
  // R66: someone the directory does not know may ask for help and workdays, nothing else; decided here
  // once for every adapter.
  const openToAll = parsed.ok && parsed.input.kind === 'query' && OPEN_TO_ALL.has(parsed.input.query.kind);
  if (actor === null && !openToAll) {
    const refused = async () => outcomeOf(refuse('not_registered', NOT_REGISTERED));
    // A command is counted as refused, like any other; a query or a malformed line is not.
    return parsed.ok && parsed.input.kind === 'command' ? observed(engineOpts, platform, refused) : refused();
  }
  if (!parsed.ok) {
    const reply = parsed.message ? `${parsed.message} Usage: ${parsed.usage}` : parsed.usage;
    // Counted as a refused command: what was typed was meant as one.
    return observed(engineOpts, platform, async () => ({
      ok: false,
      code: 'bad_input',
      reply,
      duplicate: false,
      notifications: [],
    }));
  }
  const input = parsed.input;
  if (input.kind === 'command') {
    return observed(engineOpts, platform, async () => {
      const env: Envelope = { command: input.command, actor: actor as PersonId, platform, text };
      if (opts.deliveryId !== undefined) env.deliveryId = opts.deliveryId;
      return execute(store, env, now, settings);
    });
  }
  const query = input.query;
  if (engineOpts.web && (query.kind === 'register' || query.kind === 'calendar'))
    return askWeb(store, engineOpts.web, query, actor, now, opts.privately === true);
  // Read-only: one transaction for a consistent picture, no locks.
  return withRetry(store, async (tx) => {
    const { world, ctx } = await snapshot(tx, settings, actor, now);
    const history = query.kind === 'history' ? await tx.history(query.ref) : [];
    const r = answer(world, query, ctx, { history: () => history });
    if (isRefusal(r)) return outcomeOf(r);
    return { ok: true, code: null, reply: r.reply, duplicate: false, notifications: [] };
  });
}

/** The world and a context as they are now, read in one transaction (queries and the digest). */
async function snapshot(
  tx: StoreTx,
  settings: Settings,
  actor: PersonId | null,
  now: Date,
): Promise<{ world: World; ctx: Context }> {
  const [people, changes, system, mods, lastNumber] = await Promise.all([
    tx.people(),
    tx.calendarChanges(),
    tx.systemState(),
    tx.allModifications(),
    tx.lastNumber(),
  ]);
  const id = actor?.trim().toLowerCase();
  const person = id === undefined ? undefined : people.find((p) => p.id === id);
  const ctx: Context = {
    now,
    // An unknown or absent actor asks as nobody: help and workdays only (R66).
    actor: person ? { kind: 'person', person } : { kind: 'system' },
    calendar: createCalendar(changes),
    settings,
    people,
  };
  const world: World = {
    modifications: Object.fromEntries(mods.map((m) => [m.number, m])),
    lastNumber,
    system,
  };
  return { world, ctx };
}

/**
 * R28, R58: the chair's weekly digest of stalled modifications and items awaiting the Panel. Keyed by
 * the London date, so however many replicas run it the outbox holds it once (R48). Empty: nothing sent.
 */
async function digest(store: Store, settings: Settings, now: Date): Promise<Notification[]> {
  return withRetry(store, async (tx) => {
    const { world, ctx } = await snapshot(tx, settings, null, now);
    const notes = panelDigest(world, ctx, `digest:${londonDate(now)}`);
    if (notes.length) await tx.enqueue(notes.map((note) => ({ note, at: now })));
    return notes;
  });
}

/** R1: the adapter's e-mail match made durable, so the next request resolves by platform id. */
async function linkIdentity(
  store: Store,
  personId: PersonId,
  platform: 'slack' | 'teams',
  platformId: string,
  now: Date,
): Promise<'linked' | 'already' | 'unknown'> {
  const id = personId.trim().toLowerCase();
  return withRetry(store, async (tx) => {
    // The system head is read with the directory: a concurrent change collides on it and retries.
    const [people, identities, heads] = await Promise.all([
      tx.people(),
      tx.identities(),
      tx.heads([SYSTEM_STREAM]),
    ]);
    if (!people.some((p) => p.id === id)) return 'unknown';
    if (identities.some((x) => x.platform === platform && x.platformId === platformId && x.personId === id))
      return 'already';
    const st = newTxState();
    st.heads.set(SYSTEM_STREAM, heads.get(SYSTEM_STREAM) ?? { seq: 0, hash: GENESIS });
    const meta = {
      actor: 'system' as const,
      platform,
      deliveryId: null,
      commandText: `link by e-mail ${id}`,
    };
    stageEvents(st, meta, [{ type: 'IdentityLinked', person: id, platform, platformId }], now);
    await flush(tx, st, store.faults);
    return 'linked';
  });
}
