// The engine: the application's front door over a Store. Adapters, the CLI and
// scripted mode call these methods only; each command is one transaction (execute.ts), deadlines
// fire through the scheduler (scheduler.ts), and queries read the projections.
import type { Modification, SystemState, World } from '../domain/modification.ts';
import type { ParseOptions } from '../domain/grammar/parse.ts';
import { parse } from '../domain/grammar/parse.ts';
import { answer } from '../domain/queries.ts';
import type { Settings } from '../domain/settings.ts';
import type { Context, Person, PersonId } from '../domain/types.ts';
import { isRefusal, refuse } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { londonDate } from '../domain/working-days.ts';
import { NOT_REGISTERED, execute, outcomeOf } from './execute.ts';
import { groupCommit } from './group-commit.ts';
import { loadShared, sharedCacheOf } from './load.ts';
import type { Identified, KnownUser } from './identity.ts';
import { identifyIn, identityKey, isPlatformUser, linkedLine, withEmail } from './identity.ts';
import { flush, newTxState, withRetry } from './unit-of-work.ts';
import type { ImportResult, PersonInput } from './people-import.ts';
import { importPeople } from './people-import.ts';
import type { Envelope, Outcome, Platform, PlatformUser } from './ports.ts';
import type { FiredOutcome, RunDueOptions } from './scheduler.ts';
import { runDue } from './scheduler.ts';
import type { Store, StoreTx } from './store.ts';
import type { Notification } from './notification.ts';
import { panelDigest } from './notify/digest.ts';
import { homeRefresh, mineOutcome, setDigest, weekDigests } from './mine.ts';
import type { MineOptions, MineView } from '../views/mine.ts';
import { mineView } from '../views/mine.ts';
import { cmd } from '../views/hints.ts';
import type { WebRequests } from './web-requests.ts';
import { askWeb } from './web-requests.ts';

export type { PersonInput, ImportResult } from './people-import.ts';
export type { FiredOutcome } from './scheduler.ts';

export interface Engine {
  /** One command, one transaction; a repeated delivery id returns the first outcome (R36). */
  execute(env: Envelope, now: Date): Promise<Outcome>;
  /** Fires due deadlines in order (due, then creation), each once: deadlines are rows, not timers. */
  runDue(now: Date, opts?: { limit?: number; realTime?: boolean }): Promise<FiredOutcome[]>;
  /**
   * A line of the one grammar (R42): a query is answered read-only, a command is executed (platform
   * cli unless `opts.platform`; an adapter passes its delivery id and mention map too). Someone on a
   * platform is found in the line's own transaction (R1); null is nobody (R66: help and workdays).
   */
  ask(text: string, actor: PersonId | PlatformUser | null, now: Date, opts?: AskOptions): Promise<Outcome>;
  /**
   * R1: the person behind a platform identity, in one transaction: by the linked id, else by the
   * e-mail (then linked, as a system event); null for nobody the directory knows.
   */
  identify(user: PlatformUser, now: Date): Promise<PersonId | null>;
  /** Upserts people by e-mail (R1) as system events, in one transaction. */
  importPeople(rows: readonly PersonInput[], meta: { source: string; now: Date }): Promise<ImportResult>;
  /** Every modification's projection, by number. */
  modifications(): Promise<Modification[]>;
  /** One modification's projection (read in a short transaction), or undefined. */
  modification(n: number): Promise<Modification | undefined>;
  /** The directory as it is now. */
  people(): Promise<Person[]>;
  /** R1: the person a platform identity is linked to, or null (a read: nothing is linked). */
  whoIs(platform: string, platformId: string): Promise<PersonId | null>;
  /** Writes the chair's weekly digest to the outbox (Mondays 09:00 London, R58); returns it. */
  digest(now: Date): Promise<Notification[]>;
  /** R81: writes each person's Monday digest of the week's dues to the outbox; returns them. */
  weekDigest(now: Date): Promise<Notification[]>;
  /** R81: what this person owes now, as the `mine` card (the Slack Home tab, the Teams greeting). */
  mine(person: PersonId, now: Date, opts?: MineOptions): Promise<MineView>;
  /**
   * R81: someone opened the bot's Slack Home tab: the first opening is recorded (from then on the tab is
   * refreshed when what they owe changes) and the tab is drawn now, through the outbox. Null: nobody the
   * directory knows (nothing is recorded).
   */
  homeOpened(user: PlatformUser, now: Date): Promise<PersonId | null>;
  settings: Settings;
  setSettings(s: Settings): void;
}

/**
 * `mine` asked where others read the answer (R81): only a Teams channel or group chat (Slack answers a
 * slash command privately). The command is for the 1:1 chat, where it is typed bare, so it is not
 * marked: marked, it would read in the channel's @mention form (views/hints.ts).
 */
export const MINE_IN_PRIVATE = 'I show what you owe in your private chat with me: type mine there.';

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
  /** Told each command's outcome, or 'error' when it threw (metrics). Queries are not commands. */
  onOutcome?: (platform: Platform, outcome: Outcome | 'error') => void;
  /** Transactions of button votes in flight at once before the rest are grouped (group-commit.ts). */
  voteSlots?: number;
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
  const run = groupCommit(store, () => settings, {
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.voteSlots ? { slots: opts.voteSlots } : {}),
  });
  const engine: Engine = {
    get settings() {
      return settings;
    },
    setSettings(s) {
      settings = s;
    },
    execute: (env, now) => observed(opts, env.platform, () => run(env, now)),
    runDue: (now, o = {}) => {
      const ro: RunDueOptions = { ...o };
      if (opts.log) ro.log = opts.log;
      if (opts.batch) ro.batch = opts.batch;
      return runDue(store, now, settings, ro);
    },
    ask: (text, actor, now, o = {}) => ask(store, settings, text, actor, now, o, opts),
    identify: async (user, now) => (await identify(store, user, now, opts.log))?.person.id ?? null,
    importPeople: (rows, meta) => importPeople(store, rows, meta),
    modifications: () => store.transaction((tx) => tx.allModifications()),
    modification: async (n) => (await store.transaction((tx) => tx.lockModifications([n])))[0]?.state,
    people: () => store.transaction((tx) => tx.people()),
    whoIs: (platform, platformId) => store.personByIdentity(platform, platformId),
    digest: (now) => digest(store, settings, now),
    weekDigest: (now) =>
      withRetry(store, async (tx) => {
        const { world, ctx } = await snapshot(tx, store, settings, null, now);
        const notes = weekDigests(world, ctx, await tx.prefs(), now);
        if (notes.length) await tx.enqueue(notes.map((note) => ({ note, at: now })));
        return notes;
      }),
    mine: (person, now, o = {}) =>
      withRetry(store, async (tx) => {
        const { world, ctx } = await snapshot(tx, store, settings, null, now);
        return mineView(world, person, ctx, o);
      }),
    homeOpened: async (user, now) => {
      const who = await identify(store, user, now, opts.log);
      if (!who) return null;
      const person = who.person.id;
      await withRetry(store, async (tx) => {
        await tx.setPrefs(person, { slackHomeAt: now }, now);
        await tx.enqueue([{ note: homeRefresh(person, `opened:${now.getTime()}`), at: now }]);
      });
      // This process's commands refresh the new user's tab from now on (others within HOME_USERS_MS).
      const cache = sharedCacheOf(store);
      if (!cache.homes?.people.includes(person)) cache.homes = undefined;
      return person;
    },
  };
  return engine;
}

/** R66: what anyone may ask, registered or not. */
const OPEN_TO_ALL: ReadonlySet<string> = new Set(['help', 'workdays']);

async function ask(
  store: Store,
  settings: Settings,
  text: string,
  who: PersonId | PlatformUser | null,
  now: Date,
  opts: AskOptions,
  engineOpts: EngineOptions,
): Promise<Outcome> {
  const parsed = parse(text, opts.parse);
  const platform = opts.platform ?? 'cli';
  const notRegistered = async () => outcomeOf(refuse('not_registered', NOT_REGISTERED));
  if (!parsed.ok) {
    // R66: nobody gets the usage line; anyone registered does, counted as a refused command.
    const known =
      who !== null &&
      (!isPlatformUser(who) || (await identify(store, who, now, engineOpts.log)) !== undefined);
    if (!known) return notRegistered();
    // R42, R77: each usage line is a command as people type it on their platform ("/sec …" on Slack).
    const usage = parsed.usage.split('\n').map(cmd).join('\n');
    const reply = parsed.message ? `${parsed.message} Usage: ${usage}` : usage;
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
    const command = input.command;
    // A command is counted (metrics), refused or not; R66 refuses it to someone the directory lacks.
    return observed(engineOpts, platform, async () => {
      if (who === null) return notRegistered();
      const env: Envelope = { command, actor: who, platform, text };
      if (opts.deliveryId !== undefined) env.deliveryId = opts.deliveryId;
      return execute(store, env, now, settings, engineOpts.log);
    });
  }
  const query = input.query;
  // R66: someone the directory does not know may ask for help and workdays, nothing else; decided here
  // once for every adapter.
  const openToAll = OPEN_TO_ALL.has(query.kind);
  if (who === null && !openToAll) return notRegistered();
  // R81: what a person owes is theirs: a Teams channel or group chat would show it, and its buttons,
  // to everyone there as "what you owe". Slack always answers privately.
  if (query.kind === 'mine' && opts.privately === false) {
    return { ok: true, code: null, reply: MINE_IN_PRIVATE, duplicate: false, notifications: [] };
  }
  if (query.kind === 'mine' || query.kind === 'notify') {
    // R81: answered here, with the card (mine) or the stored preference (notify).
    const id = isPlatformUser(who)
      ? ((await identify(store, who, now, engineOpts.log))?.person.id ?? null)
      : who;
    if (id === null) return notRegistered();
    const got = await withRetry(store, async (tx) => {
      const { world, ctx } = await snapshot(tx, store, settings, id, now);
      if (ctx.actor.kind !== 'person') return undefined;
      const person = ctx.actor.person.id;
      if (query.kind === 'notify') {
        const reply = await setDigest(tx, person, query.on, now);
        return { ok: true, code: null, reply, duplicate: false, notifications: [] } satisfies Outcome;
      }
      return mineOutcome(world, person, ctx, {});
    });
    return got ?? notRegistered();
  }
  if (engineOpts.web && (query.kind === 'register' || query.kind === 'calendar')) {
    const id = isPlatformUser(who)
      ? ((await identify(store, who, now, engineOpts.log))?.person.id ?? null)
      : who;
    return askWeb(store, engineOpts.web, query, id, now, opts.privately === true);
  }
  // Read-only but for a first contact's link (R1): one transaction for a consistent picture, no locks.
  const answerAs = async (actor: PersonId | KnownUser | null, last: boolean) => {
    const got = await withRetry(store, async (tx) => {
      const { world, ctx, identified } = await snapshot(tx, store, settings, actor, now);
      if (isPlatformUser(actor) && !identified && !(last && openToAll)) return undefined;
      const history = query.kind === 'history' ? await tx.history(query.ref) : [];
      // R42: the commands it names are marked; each platform shows them as typed there (views/hints.ts).
      return { r: answer(world, query, ctx, { history: () => history }), identified };
    });
    if (!got) return undefined;
    const { r, identified } = got;
    if (identified?.linked) engineOpts.log?.(...linkedLine(identified.linked, identified.person.id));
    const out: Outcome = isRefusal(r)
      ? outcomeOf(r)
      : { ok: true, code: null, reply: r.reply, duplicate: false, notifications: [] };
    return out;
  };
  const out = isPlatformUser(who) ? await withEmail(who, answerAs) : await answerAs(who, true);
  return out ?? notRegistered();
}

/**
 * The world and a context as they are now, read in one transaction (queries and the digest). A
 * platform user met for the first time is linked by e-mail in it (R1).
 */
async function snapshot(
  tx: StoreTx,
  store: Store,
  settings: Settings,
  who: PersonId | KnownUser | null,
  now: Date,
): Promise<{ world: World; ctx: Context; identified?: Identified }> {
  const st = newTxState(sharedCacheOf(store));
  const key = isPlatformUser(who) ? identityKey(who) : undefined;
  const got = await loadShared(tx, st, [], undefined, key);
  let identified: Identified | undefined;
  let person: Person | undefined;
  if (isPlatformUser(who)) {
    identified = await identifyIn(tx, st, who, now, got.person);
    person = identified?.person;
    await flush(tx, st, store.faults);
  } else if (who !== null) {
    const id = who.trim().toLowerCase();
    person = st.people?.find((p) => p.id === id);
  }
  const mods = await tx.allModifications();
  const ctx: Context = {
    now,
    // An unknown or absent actor asks as nobody: help and workdays only (R66).
    actor: person ? { kind: 'person', person } : { kind: 'system' },
    calendar: st.calendar as Calendar,
    settings,
    people: st.people ?? [],
  };
  const world: World = {
    modifications: Object.fromEntries(mods.map((m) => [m.number, m])),
    lastNumber: st.lastNumber ?? 0,
    system: st.system as SystemState,
  };
  return { world, ctx, ...(identified ? { identified } : {}) };
}

/** R1 on its own (a mention, a dialog about to open): one transaction, two on a first contact. */
async function identify(
  store: Store,
  user: PlatformUser,
  now: Date,
  log?: (msg: string, data?: object) => void,
): Promise<Identified | undefined> {
  const found = await withEmail(user, (u) =>
    withRetry(store, async (tx) => {
      const st = newTxState(sharedCacheOf(store));
      const got = await loadShared(tx, st, [], undefined, identityKey(u));
      const who = await identifyIn(tx, st, u, now, got.person);
      await flush(tx, st, store.faults);
      return who;
    }),
  );
  if (found?.linked) log?.(...linkedLine(found.linked, found.person.id));
  return found;
}

/**
 * R28, R58: the chair's weekly digest of stalled modifications and items awaiting the Panel. Keyed by
 * the London date, so however many replicas run it the outbox holds it once (R48). Empty: nothing sent.
 */
async function digest(store: Store, settings: Settings, now: Date): Promise<Notification[]> {
  return withRetry(store, async (tx) => {
    const { world, ctx } = await snapshot(tx, store, settings, null, now);
    const notes = panelDigest(world, ctx, `digest:${londonDate(now)}`);
    if (notes.length) await tx.enqueue(notes.map((note) => ({ note, at: now })));
    return notes;
  });
}
