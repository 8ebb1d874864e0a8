// decide(world, command, context) → events | refusal. Authorises (R2), applies the
// route-required lock (R53), then delegates to the stage that owns the command.
import type { BallotKind } from './ballots.ts';
import type { Command, CommandType } from './commands.ts';
import type { Modification, World } from './modification.ts';
import { refOf } from './modification.ts';
import { meetingsStage } from './meetings.ts';
import { authorise } from './roles.ts';
import { adminStage } from './stages/admin.ts';
import { assessmentStage } from './stages/assessment.ts';
import type { DeadlineHandler, Handler, OutcomeHandler, Result, Stage } from './stages/common.ts';
import { getMod, ok } from './stages/common.ts';
import { developmentStage } from './stages/development.ts';
import { fastTrackStage } from './stages/fast-track.ts';
import { refinementStage } from './stages/refinement.ts';
import { reportStage } from './stages/report.ts';
import { stallingStage } from './stages/stalling.ts';
import { fireReminder, tooLate } from './stages/reminders.ts';
import { votingStage } from './stages/voting.ts';
import type { Context, Refusal } from './types.ts';
import { effectiveRoles, isRefusal, refuse } from './types.ts';
import { cmd as cmdText } from '../views/hints.ts';

const STAGES: Stage[] = [
  assessmentStage,
  developmentStage,
  refinementStage,
  reportStage,
  fastTrackStage,
  stallingStage,
  meetingsStage,
  adminStage,
];

const outcomes: Partial<Record<BallotKind, OutcomeHandler>> = Object.assign(
  {},
  ...STAGES.map((s) => s.outcomes ?? {}),
);
const deadlineHandlers: Record<string, DeadlineHandler> = Object.assign(
  {},
  ...STAGES.map((s) => s.deadlines ?? {}),
);

type AnyHandler = (world: World, cmd: Command, ctx: Context) => Result;
const handlers = new Map<CommandType, AnyHandler>();
for (const h of [...STAGES.map((s) => s.handlers), votingStage(() => outcomes)]) {
  for (const [type, fn] of Object.entries(h) as [CommandType, Handler<CommandType>][]) {
    if (handlers.has(type)) throw new Error(`two stages handle ${type}`); // a wiring bug, found at load
    handlers.set(type, fn as AnyHandler);
  }
}

/** R53: from a failed Fast Track ballot or an objection until the chair routes it. */
const ALLOWED_WHILE_ROUTE_REQUIRED: ReadonlySet<CommandType> = new Set([
  'withdraw',
  'comment',
  'panel-route',
  'deadline-fire',
  'plan',
]);

export function decide(world: World, cmd: Command, ctx: Context): Result {
  const denied = authorise(cmd, world, ctx);
  if (denied) return denied;
  const m = 'ref' in cmd ? world.modifications[cmd.ref] : undefined;
  const locked = m?.routeRequired === true && !ALLOWED_WHILE_ROUTE_REQUIRED.has(cmd.type);
  if (cmd.type === 'deadline-fire') return fireDeadline(world, cmd.ref, cmd.deadlineId, ctx);
  const handler = handlers.get(cmd.type);
  // R75: a vote names its own ballot's fate first (a click on the failed Fast Track ballot's card is
  // told that ballot closed and the vote was not counted), not the routing that ballot led to.
  if (locked && m && cmd.type === 'vote' && handler) {
    const r = handler(world, cmd, ctx);
    return isRefusal(r) ? r : routeRequired(m, ctx);
  }
  if (locked && m) return routeRequired(m, ctx);
  if (!handler) return refuse('bad_input', `The command ${cmd.type} is not available yet.`);
  return handler(world, cmd, ctx);
}

/** R53: the modification waits for the chair's routing; the command to do it is shown to the chair only. */
function routeRequired(m: Modification, ctx: Context): Refusal {
  const chair = ctx.actor.kind === 'person' && effectiveRoles(ctx.actor.person).includes('panel_chair');
  const how = chair ? ` (${cmdText(`panel route ${refOf(m)} …`)})` : '';
  return refuse('route_required', `${refOf(m)} is waiting for the Panel chair to route it${how}.`);
}

/** The scheduler turned a due deadline row back into a command; each fires once. */
function fireDeadline(world: World, n: number, id: string, ctx: Context): Result | Refusal {
  const m = getMod(world, n);
  if (isRefusal(m)) return m;
  const d = m.deadlines.find((x) => x.id === id);
  if (!d) return refuse('not_found', `${refOf(m)} has no deadline ${id}.`);
  if (d.status !== 'pending')
    return refuse('already_done', `Deadline ${id} on ${refOf(m)} is already ${d.status}.`);
  if (new Date(d.due) > ctx.now) return refuse('too_early', `Deadline ${id} on ${refOf(m)} is not due yet.`);
  const fired = { type: 'DeadlineFired' as const, n, id };
  if (d.reminder) {
    // Dropped (cancelled), so that nothing later redraws a reminder nobody was sent (R75).
    if (tooLate(m, d, ctx))
      return ok(`A reminder on ${refOf(m)} came after what it reminds of, so it was not sent.`, [
        { type: 'DeadlineCancelled', n, id: d.id },
      ]);
    const r = fireReminder(m, d, ctx);
    return isRefusal(r) ? r : { reply: r.reply, events: [fired, ...r.events] };
  }
  const handler = deadlineHandlers[d.what] ?? deadlineHandlers[d.what.split(':')[0] ?? d.what];
  if (!handler) return ok(`Deadline ${d.what} passed on ${refOf(m)}.`, [fired]);
  const r = handler(world, m, d, ctx);
  if (isRefusal(r)) return r;
  return { reply: r.reply, events: [fired, ...r.events] };
}
