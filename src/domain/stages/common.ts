// Helpers every stage uses: results, lookups, deadlines and the status change that cancels what the
// old status had open (R57). Stages call these so the rules are written once.
import type { Ballot } from '../ballots.ts';
import { tallyAll } from '../ballots.ts';
import type { Command, CommandOf, CommandType } from '../commands.ts';
import type { DomainEvent, ModificationEvent } from '../events.ts';
import type { Deadline, Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, Person, PersonId, Refusal, Status } from '../types.ts';
import { isOpenStatus, isRefusal, refuse } from '../types.ts';
import { dueAfter, reminderBefore } from '../working-days.ts';
import { statusIs } from '../words.ts';

export interface Decision {
  events: DomainEvent[];
  /** The sentence for the person who ran the command. */
  reply: string;
}
export type Result = Decision | Refusal;

export type Handler<T extends CommandType> = (world: World, cmd: CommandOf<T>, ctx: Context) => Result;
export type Handlers = { [T in CommandType]?: Handler<T> };
export type DeadlineHandler = (world: World, m: Modification, d: Deadline, ctx: Context) => Result;
/** What a closed ballot of a kind does to the modification (R33–R35, R55, R56). */
export type OutcomeHandler = (
  world: World,
  m: Modification,
  closed: Ballot,
  ctx: Context,
) => ModificationEvent[];

export interface Stage {
  handlers: Handlers;
  /** Keyed by a deadline's `what` (R70), or its prefix before ':'. */
  deadlines?: Record<string, DeadlineHandler>;
  outcomes?: Partial<Record<Ballot['kind'], OutcomeHandler>>;
}

export const ok = (reply: string, events: DomainEvent[]): Decision => ({ events, reply });
export const nowIso = (ctx: Context): string => ctx.now.toISOString();

export function actorId(ctx: Context): PersonId {
  return ctx.actor.kind === 'person' ? ctx.actor.person.id : 'system';
}

export function getMod(world: World, n: number): Modification | Refusal {
  const m = world.modifications[n];
  return m ?? refuse('not_found', `There is no modification numbered ${String(n).padStart(3, '0')}.`);
}

/** Loads the command's modification and checks it is in one of the given statuses. */
export function inStatus(
  world: World,
  n: number,
  statuses: readonly Status[],
  doing: string,
): Modification | Refusal {
  const m = getMod(world, n);
  if (isRefusal(m)) return m;
  if (!statuses.includes(m.status)) {
    return refuse(
      'wrong_status',
      `${refOf(m)} is ${statusIs(m.status)}: you can only ${doing} when it is ${statuses.map(statusIs).join(' or ')}.`,
    );
  }
  return m;
}

/** Resolves a person typed as id, e-mail or handle (R66), case-insensitively. */
export function findPerson(ctx: Context, token: string): Person | undefined {
  const t = token.trim().replace(/^@/, '').toLowerCase();
  return ctx.people.find(
    (p) => p.id.toLowerCase() === t || p.email.toLowerCase() === t || (p.handle ?? '').toLowerCase() === t,
  );
}

export function resolvePeople(ctx: Context, tokens: readonly string[]): Person[] | Refusal {
  const out: Person[] = [];
  const unknown: string[] = [];
  for (const t of tokens) {
    const p = findPerson(ctx, t);
    if (p) {
      if (!out.some((x) => x.id === p.id)) out.push(p);
    } else unknown.push(t);
  }
  return unknown.length ? refuse('not_found', `Unknown person: ${unknown.join(', ')}.`) : out;
}

/**
 * Builds DeadlineSet events with ids unique within the modification (its version plus a counter),
 * recording the calendar version that computed them (R30).
 */
export class DeadlineMaker {
  private i = 0;
  readonly events: ModificationEvent[] = [];
  private readonly m: Modification;
  private readonly ctx: Context;
  constructor(m: Modification, ctx: Context) {
    this.m = m;
    this.ctx = ctx;
  }
  add(what: string, due: Date, opts: { reminder?: boolean; subject?: string } = {}): Deadline {
    const d: Deadline = {
      id: `${this.m.number}.${this.m.version}.${this.i++}`,
      what,
      due: due.toISOString(),
      calendarVersion: this.ctx.calendar.version,
      status: 'pending',
      reminder: opts.reminder ?? false,
      ...(opts.subject ? { subject: opts.subject } : {}),
    };
    this.events.push({ type: 'DeadlineSet', n: this.m.number, deadline: d });
    return d;
  }
  /** A deadline `n` Working Days after now, with reminders `before` Working Days ahead of it (R64). */
  addAfter(what: string, wd: number, opts: { subject?: string; remindBefore?: number[] } = {}): Deadline {
    const due = dueAfter(this.ctx.calendar, this.ctx.now, wd, this.ctx.settings.SEC_CUTOFF);
    const d = this.add(what, due, opts.subject ? { subject: opts.subject } : {});
    for (const k of opts.remindBefore ?? []) {
      const at = reminderBefore(this.ctx.calendar, due, k, this.ctx.settings.SEC_CUTOFF);
      if (at > this.ctx.now)
        this.add(`reminder:${what}`, at, { reminder: true, subject: opts.subject ?? d.id });
    }
    return d;
  }
}

/** Closes a ballot now: its tallies as they stand, and whether it passed. */
export function closeBallotEvent(m: Modification, b: Ballot, cancelled: boolean): ModificationEvent {
  const tallies = tallyAll(b);
  return {
    type: 'BallotClosed',
    n: m.number,
    ballotId: b.id,
    cancelled,
    tallies,
    passed: !cancelled && tallies.some((t) => t.passed),
  };
}

/**
 * R57: leaving a status cancels its pending deadlines and reminders, and ends open ballots, views and
 * consultations as cancelled (votes kept). Final exits also cancel meetings still to come (`now`). The Panel's timetable
 * dates (R28, R59) are the modification's plan across statuses, so they stay until it is no longer open.
 */
export function changeStatus(m: Modification, to: Status, reason?: string, now?: Date): ModificationEvent[] {
  const n = m.number;
  const events: ModificationEvent[] = [];
  const keepPlan = isOpenStatus(to);
  const endsMeetings = ['withdrawn', 'merged', 'closed'].includes(to);
  // A confirmed meeting carries on across a routing (R14, R16), and so do its reminder and start (R64).
  const meetingGoesOn = (d: Deadline): boolean =>
    !endsMeetings && m.meetings.some((mt) => mt.status === 'confirmed' && mt.id === d.subject);
  for (const d of m.deadlines)
    if (d.status === 'pending' && !(keepPlan && d.what.startsWith('timetable:')) && !meetingGoesOn(d))
      events.push({ type: 'DeadlineCancelled', n, id: d.id });
  for (const b of m.ballots) if (b.status === 'open') events.push(closeBallotEvent(m, b, true));
  if (m.views.status === 'open') events.push({ type: 'ViewsClosed', n, cancelled: true });
  for (const c of m.consultations)
    if (c.status === 'open') events.push({ type: 'ConsultationClosed', n, id: c.id, cancelled: true });
  if (endsMeetings) {
    // R78: only a meeting still to come is cancelled (members get METHOD:CANCEL); one that has started
    // took place, and `meeting cancel` refuses it too.
    const started = (at: string | undefined) => !!now && !!at && Date.parse(at) <= now.getTime();
    for (const mt of m.meetings)
      if (mt.status === 'proposed' || (mt.status === 'confirmed' && !started(mt.confirmedAt)))
        events.push({ type: 'MeetingCancelled', n, meetingId: mt.id });
  }
  events.push({ type: 'StatusChanged', n, from: m.status, to, ...(reason ? { reason } : {}) });
  return events;
}

/** Cancels pending deadlines about one subject (a ballot, a consultation, the views). */
export function cancelDeadlines(m: Modification, pred: (d: Deadline) => boolean): ModificationEvent[] {
  return m.deadlines
    .filter((d) => d.status === 'pending' && pred(d))
    .map((d) => ({ type: 'DeadlineCancelled', n: m.number, id: d.id }) as ModificationEvent);
}

export const openBallots = (m: Modification): Ballot[] => m.ballots.filter((b) => b.status === 'open');

export function isCommand<T extends CommandType>(cmd: Command, type: T): cmd is CommandOf<T> {
  return cmd.type === type;
}
