// Read-only answers (R32, R45, R50, R66): pure functions over the world and the context that return
// text. `answer` dispatches a parsed query; it shares the command Result shape (with no events) so that
// an adapter or a script prints queries and commands alike.
import { help, registeredPerson } from './help.ts';
import type { HistoryEntry } from './history.ts';
import { formatHistory } from './history.ts';
import type { Modification, World } from './modification.ts';
import { refOf } from './modification.ts';
import type { Query, QueryOf } from './query-schema.ts';
import { status } from './query-status.ts';
import { DEFAULT_SETTINGS, SETTING_KEYS } from './settings.ts';
import type { Result } from './stages/common.ts';
import { ok } from './stages/common.ts';
import type { Context, PersonId } from './types.ts';
import { isOpenStatus, refuse } from './types.ts';
import { owedOn } from './owed.ts';
import { datesOutOfOrder, formatLocalDate, formatLondon, londonInstant } from './working-days.ts';
import { statusLabel } from './words.ts';
import { cmd } from '../views/hints.ts';

export { help } from './help.ts';
export { formatHistory, type HistoryEntry } from './history.ts';
export { status } from './query-status.ts';

export type ListFilter = QueryOf<'list'>['which'];

/** R83, R84: where there are no web links to give (scripted mode, the command line). */
export const WEB_ONLY =
  'Links to the register and calendar feeds are sent in Slack and Teams; secbot register prints the register here.';

/** Why a modification is "mine" (R66): proposer, Working Group member, or owes a vote or a view. */
export function mineBecause(m: Modification, id: PersonId, ctx: Context): string[] {
  const why: string[] = [];
  if (m.proposer === id) why.push('you proposed it');
  if (m.workingGroup?.members.includes(id)) why.push('Working Group member');
  // What they owe, as owed.ts says it, person by person (a seat's alternate owes its vote too, R62).
  const mine = owedOn(m, ctx).filter(
    (o) => o.owner.kind === 'person' && (o.owner.person === id || o.owner.alternate === id),
  );
  if (mine.some((o) => o.button?.action === 'vote')) why.push('you owe a vote');
  if (mine.some((o) => o.button?.action === 'view')) why.push('you owe a view');
  return why;
}

export function list(world: World, ctx: Context, which: ListFilter = 'open'): string {
  const me = registeredPerson(ctx)?.id;
  const rows = Object.values(world.modifications)
    .sort((a, b) => a.number - b.number)
    .flatMap((m) => {
      const why = which === 'mine' && me ? mineBecause(m, me, ctx) : [];
      if (which === 'open' && !isOpenStatus(m.status)) return [];
      if (which === 'mine' && why.length === 0) return [];
      const because = why.length ? ` (${why.join('; ')})` : '';
      return [`${refOf(m)} ${m.title} — ${statusLabel(m.status)}${because}`];
    });
  const title = { open: 'Open modifications', mine: 'Your modifications', all: 'All modifications' }[which];
  if (rows.length === 0) return `${title}: none.`;
  return [`${title} (${rows.length}):`, ...rows].join('\n');
}

const plural = (n: number): string => `${n} Working Day${Math.abs(n) === 1 ? '' : 's'}`;

/** R32 in words, at the configured cut-off (R31). */
export function workdays(q: QueryOf<'workdays'>, ctx: Pick<Context, 'calendar' | 'settings'>): Result {
  try {
    if (q.to !== undefined) {
      if (q.to < q.from)
        return refuse('bad_input', datesOutOfOrder(q.from, q.to, cmd(`workdays ${q.to} ${q.from}`)));
      // The Working Days d with from < d <= to.
      const n = ctx.calendar.workingDaysBetween(q.from, q.to);
      return ok(
        `${plural(n)} after ${formatLocalDate(q.from)} up to and including ${formatLocalDate(q.to)}.`,
        [],
      );
    }
    const n = q.n ?? 1;
    const due = londonInstant(ctx.calendar.addWorkingDays(q.from, n), ctx.settings.SEC_CUTOFF);
    return ok(`${plural(n)} after ${formatLocalDate(q.from)}: ${formatLondon(due)}`, []);
  } catch (e) {
    return refuse('bad_input', e instanceof Error ? e.message : 'That date is outside the calendar.');
  }
}

/** R50: every setting with its value, marking the defaults. */
export function config(ctx: Pick<Context, 'settings'>): string {
  return [
    'Settings:',
    ...SETTING_KEYS.map((k) => {
      const v = String(ctx.settings[k]);
      const d = String(DEFAULT_SETTINGS[k]);
      return `  ${k}=${v}${v === d ? ' (default)' : ` (default ${d})`}`;
    }),
  ].join('\n');
}

export interface AnswerOptions {
  /** The stored events of one modification, for `history` (the store has them, the core does not). */
  history?: (n: number) => readonly HistoryEntry[];
}

export function answer(world: World, query: Query, ctx: Context, opts: AnswerOptions = {}): Result {
  if (query.kind === 'help') return ok(help(ctx, world, query.topic), []);
  if (query.kind === 'workdays') return workdays(query, ctx);
  // R66: a platform user with no person record may run help and workdays only.
  if (!registeredPerson(ctx)) {
    return refuse(
      'not_registered',
      'You are not registered yet: ask an admin to add you. Until then you can use help and workdays.',
    );
  }
  switch (query.kind) {
    case 'config':
      return ok(config(ctx), []);
    case 'register':
    case 'calendar':
      // Answered by the engine with the bot's web settings; a script or the command line has none.
      return refuse('bad_input', WEB_ONLY);
    case 'mine':
    case 'notify':
      // R81: answered by the engine, which has the cards (views/mine.ts) and the preferences.
      return refuse('bad_input', 'Ask the bot: mine and notify are answered in chat.');
    case 'list':
      return ok(list(world, ctx, query.which), []);
    case 'status':
    case 'history': {
      const m = world.modifications[query.ref];
      if (!m)
        return refuse(
          'not_found',
          `There is no modification numbered ${String(query.ref).padStart(3, '0')}.`,
        );
      if (query.kind === 'status') return ok(status(world, query.ref, ctx), []);
      if (!opts.history) return refuse('bad_input', `The history of ${refOf(m)} is not available here.`);
      return ok(formatHistory(refOf(m), opts.history(query.ref), ctx, query.page), []);
    }
  }
}
