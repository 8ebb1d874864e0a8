// R81 "what do I owe", outside the one-command transaction: the `mine` answer with its card, the digest
// switch (`notify digest off|on`), the Slack Home tab (recorded on its first opening, refreshed through the
// outbox whenever what the person owes changes) and the personal Monday digest. What is owed is always
// owedBy's account (domain/owed.ts), laid out by views/mine.ts.
import type { World } from '../domain/modification.ts';
import type { Owed, OwedContext } from '../domain/owed.ts';
import { owedBy, owedOn, owes } from '../domain/owed.ts';
import type { Context, Person, PersonId } from '../domain/types.ts';
import { isoLondon, londonDate, londonInstant } from '../domain/working-days.ts';
import { when } from '../domain/words.ts';
import type { Card } from '../views/card.ts';
import type { MineOptions, MineView } from '../views/mine.ts';
import { mineView } from '../views/mine.ts';
import type { Notification } from './notification.ts';
import type { Outcome } from './ports.ts';
import type { PersonPrefs, StoreTx } from './store.ts';
import type { SharedCache } from './unit-of-work.ts';
import { cmd, cmds } from '../views/hints.ts';

/** The Slack Home tab's card key: one per person, so only its newest version is ever sent. */
export const homeCardKey = (person: PersonId): string => `home:${person}`;

/** Slack's Home tab holds 100 blocks: 40 items of two blocks each, with the title and the last line. */
export const HOME_MAX_ITEMS = 40;
/** A message holds 50 blocks (Slack) and about 28 KB (Teams): 20 items. */
export const MESSAGE_MAX_ITEMS = 20;

/**
 * A Home tab refresh for this person. The Slack deliverer draws the tab from the state when it sends it
 * (the newest state, whatever the command that asked); the card here only names it, so the outbox keeps
 * one version per person in flight and settles the older pending ones unsent.
 */
export function homeRefresh(person: PersonId, keySuffix: string): Notification {
  const key = homeCardKey(person);
  return {
    key: `${key}:${keySuffix}`,
    to: { kind: 'person', person },
    text: 'What you owe, on your Home tab',
    home: true,
    card: { key, title: 'What you owe', fields: [], buttons: [] },
  };
}

/** The owed items that differ between two worlds, on the modifications a command touched. */
export function changedOwed(
  before: World,
  after: World,
  numbers: Iterable<number>,
  ctx: OwedContext,
  beforeAt?: Date,
): Owed[] {
  const out: Owed[] = [];
  // What a deadline's firing changes includes what time alone changed when it came due (a meeting's
  // start closes its answers, R40): `beforeAt` is the instant just before it, for the world before.
  const then: OwedContext = beforeAt ? { ...ctx, now: beforeAt } : ctx;
  for (const n of new Set(numbers)) {
    const was = before.modifications[n];
    const is = after.modifications[n];
    const a = was ? owedOn(was, then) : [];
    const b = is ? owedOn(is, ctx) : [];
    const sig = (o: Owed) => JSON.stringify(o);
    const aa = new Set(a.map(sig));
    const bb = new Set(b.map(sig));
    out.push(...a.filter((o) => !bb.has(sig(o))), ...b.filter((o) => !aa.has(sig(o))));
  }
  return out;
}

/**
 * R81: who among those using the Slack Home tab owes something different now: one refresh each, keyed by
 * the command so a retried transaction writes the same rows.
 */
export async function homeRefreshes(
  homeUsers: () => Promise<readonly PersonId[]>,
  changedOwed: () => readonly Owed[],
  worlds: { before: World; after: World },
  people: readonly Person[],
  keyBase: string,
  actor?: PersonId,
): Promise<Notification[]> {
  // Nobody has opened the Home tab (the usual case): no comparison of what is owed on the ack path.
  const home = await homeUsers();
  if (home.length === 0) return [];
  const changed = changedOwed();
  // What the person acting did may settle something of theirs the items do not show (a response).
  if (changed.length === 0 && actor === undefined) return [];
  const out: Notification[] = [];
  for (const person of home) {
    const p = people.find((x) => x.id === person);
    if (!p) continue;
    const mine = p.id === actor || changed.some((o) => owes(o, p, worlds.before) || owes(o, p, worlds.after));
    if (mine) out.push(homeRefresh(p.id, keyBase));
  }
  return out;
}

/** How long a process trusts its list of Slack Home tab users before reading it again. */
export const HOME_USERS_MS = 30_000;

/**
 * R81: the people who have opened the Slack Home tab, from the store's cache when it is recent (so a
 * command costs no extra statement), else read in this transaction.
 */
export async function homeUsersOf(
  tx: Pick<StoreTx, 'prefs'>,
  cache: SharedCache | undefined,
): Promise<readonly PersonId[]> {
  const now = Date.now();
  const c = cache?.homes;
  if (c && now - c.readAt < HOME_USERS_MS) return c.people;
  const people = (await tx.prefs()).filter((p) => p.slackHomeAt !== null).map((p) => p.person);
  if (cache) cache.homes = { readAt: now, people };
  return people;
}

/** The answer to `mine`: its text and the card with the buttons. */
export function mineOutcome(
  world: World,
  person: PersonId,
  ctx: Pick<Context, 'people' | 'settings'>,
  opts: MineOptions,
): Outcome & { card: Card } {
  const view = mineView(world, person, ctx, { max: MESSAGE_MAX_ITEMS, ...opts });
  return { ok: true, code: null, reply: view.text, card: view.card, duplicate: false, notifications: [] };
}

/** The answer to `notify digest off|on`, after storing it. */
export async function setDigest(
  tx: Pick<StoreTx, 'setPrefs'>,
  person: PersonId,
  on: boolean,
  now: Date,
): Promise<string> {
  await tx.setPrefs(person, { digest: on }, now);
  return on
    ? `Your Monday digest is on: each Monday at 09:00 I send you what falls due that week. ${cmd('notify digest off')} stops it.`
    : `Your Monday digest is off. ${cmd('notify digest on')} starts it again; ${cmd('mine')} shows what you owe at any time.`;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * R81: the end of the digest's week: the same London wall time seven days on (next Monday 09:00 for the
 * Monday run). Counted in London time, not as 168 hours, which across a clock change ends an hour early
 * (October) or late (March).
 */
function weekEnd(now: Date): Date {
  const sameDayNextWeek = new Date(Date.parse(`${londonDate(now)}T00:00:00Z`) + WEEK_MS);
  return londonInstant(sameDayNextWeek.toISOString().slice(0, 10), isoLondon(now).slice(11, 19));
}

/**
 * R81: the personal Monday 09:00 digest: to each person who owes something falling due in the coming week
 * (until next Monday 09:00; overdue first) and has not switched it off, those items, and how much more is
 * owed later or without a date.
 * Keyed by the London date, so a second replica or a rerun writes nothing new (R48).
 */
export function weekDigests(
  world: World,
  ctx: Pick<Context, 'people' | 'settings'>,
  prefs: readonly PersonPrefs[],
  now: Date,
): Notification[] {
  const off = new Set(prefs.filter((p) => !p.digest).map((p) => p.person));
  const until = weekEnd(now).getTime();
  const out: Notification[] = [];
  for (const p of [...ctx.people].sort((a, b) => a.id.localeCompare(b.id))) {
    if (off.has(p.id)) continue;
    const owed = owedBy(world, p.id, { ...ctx, now });
    const week = owed.filter((o) => o.due !== undefined && Date.parse(o.due) <= until);
    // The week's dues: a week with none sends nothing (what has no date is in `mine`).
    if (week.length === 0) continue;
    const rest = owed.length - week.length;
    const lines = [
      `Your week: ${week.length === 1 ? 'one thing falls' : `${week.length} things fall`} due by ${when(new Date(until).toISOString())}.`,
      ...week.map((o) => {
        const m = world.modifications[o.number];
        const head = m ? `${o.ref} "${m.title}"` : o.ref;
        const due = `${o.overdue ? 'overdue since' : 'due'} ${when(o.due ?? '')}`;
        return `- ${head}: ${o.what}, ${due}.${o.twin ? ` Type: ${cmds(o.twin)}` : ''}`;
      }),
      ...(rest
        ? [
            `${rest === 1 ? 'One more thing is' : `${rest} more things are`} owed later or without a deadline.`,
          ]
        : []),
      `${cmd('mine')} shows them all with their buttons; ${cmd('notify digest off')} stops this Monday message.`,
    ];
    out.push({
      key: `week-digest:${londonDate(now)}:${p.id}`,
      to: { kind: 'person', person: p.id },
      text: lines.join('\n'),
    });
  }
  return out;
}

export type { MineView };
