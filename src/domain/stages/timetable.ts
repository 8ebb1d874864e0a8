// Timetable and extensions (R27, R59): the chair sets planned dates; SECAS or the Working Group ask
// for an extension; the chair grants or refuses the pending one. Registered through stallingStage.
// The report-back date the chair sets with a route (R13, R14) is planned and extended the same way, by
// its deadline id `report-back` (§9.4): in Development it is the only date the Panel plans.
import type { ModificationEvent } from '../events.ts';
import type { Deadline, Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, Refusal } from '../types.ts';
import { PRE_ROUTING, isOpenStatus, isRefusal, refuse } from '../types.ts';
import type { LocalDate } from '../working-days.ts';
import { formatLocalDate, londonDate, londonInstant, parseLocalDate } from '../working-days.ts';
import type { DeadlineHandler, Handlers, Result } from './common.ts';
import { DeadlineMaker, actorId, cancelDeadlines, getMod, ok } from './common.ts';
import { ROUTE_WORDS, statusIs } from '../words.ts';
import { addReportBack } from './development.ts';
import {
  REPORT_BACK,
  STEP_STATE_WORDS,
  findStep,
  isSettled,
  itemNamed,
  stepDefs,
  stepState,
} from './refinement-steps.ts';
import { cmd as cmdText } from '../../views/hints.ts';

type Extension = Modification['extensions'][number];

/** The open modification a timetable command is about. */
function openMod(world: World, n: number, doing: string): Modification | Refusal {
  const m = getMod(world, n);
  if (isRefusal(m)) return m;
  if (!isOpenStatus(m.status))
    return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}: you can no longer ${doing}.`);
  return m;
}

function checkDate(date: string, ctx: Context): Refusal | undefined {
  if (parseLocalDate(date) === undefined) return refuse('bad_input', `${date} is not a date (YYYY-MM-DD).`);
  if (date < londonDate(ctx.now))
    return refuse(
      'bad_input',
      `${formatLocalDate(date)} is in the past; a planned date must be today or later.`,
    );
  return undefined;
}

/** R13 §9.4: the report-back date, as an item of these commands and as its deadline id. */
export { REPORT_BACK };
const isReportBack = (item: string): boolean => item.toLowerCase() === REPORT_BACK;

/**
 * R13 R14: the report-back deadline of the stage that runs now: pending, or passed while the stage of the
 * route it was set with still runs (as status shows it). Leaving that stage cancels it (R57), and a later
 * route without a date of its own leaves it behind.
 */
function liveReportBack(m: Modification): Deadline | undefined {
  const d = m.deadlines.filter((x) => x.what === REPORT_BACK && !x.reminder).pop();
  if (!d || !isOpenStatus(m.status)) return undefined;
  if (d.status === 'pending') return d;
  return d.status === 'fired' && m.status === m.route && d.subject === m.route ? d : undefined;
}

/** The report-back date in force: the London date of its deadline. */
const dateOf = (d: Deadline): LocalDate => londonDate(new Date(d.due));

/**
 * R13 R14 R27: the report-back date can be moved while it is the running stage's, and set in Development,
 * where it is the only date the Panel plans (the Refinement steps come after a route to Refinement).
 */
const reportBackMovable = (m: Modification): boolean =>
  isOpenStatus(m.status) && (m.status === 'development' || liveReportBack(m) !== undefined);

/** R13 R64: the report-back date is a deadline at the cut-off on its day, so that time must be ahead. */
function checkReportBack(date: string, ctx: Context): Refusal | undefined {
  const bad = checkDate(date, ctx);
  if (bad) return bad;
  const cutoff = ctx.settings.SEC_CUTOFF;
  if (londonInstant(date, cutoff) <= ctx.now)
    return refuse(
      'bad_input',
      `The report-back date is due at ${cutoff} on its day, and ${cutoff} today has passed; give a later date.`,
    );
  return undefined;
}

/**
 * R13 R14 R27 R57: moving the report-back date cancels its deadline and reminders and sets them again for
 * the new date (5 and 1 Working Days before), for the route it was set with. `ReportBackSet` carries the
 * new date into the state that status and the next step read; the fold of older events is unchanged.
 */
function moveReportBack(m: Modification, date: string, ctx: Context): ModificationEvent[] {
  const maker = new DeadlineMaker(m, ctx);
  const route = liveReportBack(m)?.subject ?? m.route ?? m.status;
  addReportBack(maker, londonInstant(date, ctx.settings.SEC_CUTOFF), route, ctx);
  return [
    { type: 'ReportBackSet', n: m.number, date },
    ...cancelDeadlines(m, (d) => d.what === REPORT_BACK || d.what === `reminder:${REPORT_BACK}`),
    ...maker.events,
  ];
}

/**
 * R2 R45: why the chair cannot plan a report-back date here, and what can be done instead. It is set with
 * a route (R13); in Refinement the dates the Panel plans are its steps.
 */
function noReportBack(m: Modification): string {
  const ref = refOf(m);
  if (PRE_ROUTING.includes(m.status)) {
    const routes = m.route === 'development' ? 'refinement|report' : 'development|refinement|report';
    return `${ref} has no report-back date: the Panel chair sets one with the route (${cmdText(`panel route ${ref} ${routes} by=<YYYY-MM-DD>`)}).`;
  }
  if (m.status === 'refinement')
    return `${ref} has no report-back date to move: it was routed to ${ROUTE_WORDS.refinement} without one. In Refinement the Panel plans its steps instead: ${cmdText(`panel timetable ${ref} <step id> <YYYY-MM-DD>`)} (${cmdText('help refinement')} lists them).`;
  return `${ref} is ${statusIs(m.status)} and has no report-back date to move.`;
}

/**
 * R16 R59: a planned item is a Refinement step (R56 ids). Its steps lie ahead of a modification until the
 * Report Stage; from then on (or once it is no longer open) none is outstanding.
 */
const stepsBehind = (m: Modification): boolean =>
  !isOpenStatus(m.status) || m.status === 'report' || m.status === 'awaiting_authority';

/**
 * R28 R59: a planned item still owed: its step is neither done nor not applicable, and the modification
 * has not moved past Refinement. A date met is no longer overdue, so it neither warns nor stalls. The
 * report-back date is not a planned step: R13 sets it apart from the timetable, so it never counts toward
 * a stall (R28), whether it was moved or not.
 */
export const itemOutstanding = (m: Modification, item: string): boolean =>
  !isReportBack(item) && !stepsBehind(m) && !isSettled(m, item);

/** R28: the first London date on which a planned date still not met makes the modification stalled. */
export const stallsOn = (date: LocalDate, ctx: Pick<Context, 'calendar' | 'settings'>): LocalDate =>
  ctx.calendar.addWorkingDays(date, ctx.settings.SEC_STALL_OVERDUE_WD + 1);

/**
 * R59 R71: the item a timetable command names, as its step id (or `report-back`), or why it cannot be
 * planned, listing what can be, by title and id.
 */
function plannable(m: Modification, item: string, doing: string): string | Refusal {
  const ref = refOf(m);
  const movable = reportBackMovable(m);
  if (isReportBack(item)) return movable ? REPORT_BACK : refuse('not_found', noReportBack(m));
  const back = cmdText(`panel timetable ${ref} report-back <YYYY-MM-DD>`);
  // R14 R2: a DP in Development has no Refinement steps yet; the date the Panel plans there is the
  // report-back date, so that is what a refusal offers, not the steps of a stage it may never reach.
  if (m.status === 'development')
    return refuse(
      'wrong_status',
      `${ref} is in Development, where the date the Panel plans is its report-back date: ${back}. Its Refinement steps are planned once it is routed to Refinement.`,
    );
  if (stepsBehind(m))
    return refuse(
      'wrong_status',
      `${ref} is ${statusIs(m.status)}: its Refinement steps are behind it, so you can no longer ${doing}${movable ? `; its report-back date can still be moved: ${back}` : ''}.`,
    );
  const open = stepDefs(m)
    .filter((d) => itemOutstanding(m, d.id))
    .map((d) => `${d.title} (${d.id})`);
  const which = movable
    ? `the dates that can be planned are ${itemNamed(REPORT_BACK)}${open.map((x) => `, ${x}`).join('')}`
    : open.length
      ? `the steps that can be planned are ${open.join(', ')}`
      : 'every Refinement step is done';
  const step = findStep(m, item);
  if (!step)
    return refuse(
      'not_found',
      `${ref} has no Refinement step ${item}; ${which}: ${cmdText(`panel timetable ${ref} <step id>${movable ? `|${REPORT_BACK}` : ''} <YYYY-MM-DD>`)}.`,
    );
  if (!itemOutstanding(m, step.id)) {
    const state = STEP_STATE_WORDS[stepState(m, step.id).state];
    return refuse('already_done', `On ${ref}, ${itemNamed(step.id)} is already ${state}; ${which}.`);
  }
  return step.id;
}

/** R59: one `timetable:<item>` deadline per item, at the cut-off on its planned date. */
function moveItem(m: Modification, item: string, date: string, ctx: Context): ModificationEvent[] {
  const maker = new DeadlineMaker(m, ctx);
  maker.add(`timetable:${item}`, londonInstant(date, ctx.settings.SEC_CUTOFF), { subject: item });
  return [...cancelDeadlines(m, (d) => d.what === `timetable:${item}`), ...maker.events];
}

export const pendingExtension = (m: Modification): Extension | undefined =>
  m.extensions.find((x) => x.granted === undefined);

function pendingOr(world: World, n: number, doing: string): { m: Modification; x: Extension } | Refusal {
  const m = openMod(world, n, doing);
  if (isRefusal(m)) return m;
  const x = pendingExtension(m);
  return x ? { m, x } : refuse('no_pending_extension', `${refOf(m)} has no pending extension request.`);
}

/** R27: one request at a time; the chair answers the pending one first. */
function alreadyAsked(m: Modification): Refusal | undefined {
  const pending = pendingExtension(m);
  if (!pending) return undefined;
  return refuse(
    'already_done',
    `${refOf(m)} already has a pending extension request (${itemNamed(pending.item)} to ${formatLocalDate(pending.date)}); the Panel chair answers it first.`,
  );
}

/**
 * R27 R59 R71: the dates that can be extended, for a refusal of a request that names none of them: the
 * report-back date while it is the running stage's, and the planned dates still to be met.
 */
function extendable(m: Modification): string {
  const live = liveReportBack(m);
  const dates = [
    ...(live ? [`${itemNamed(REPORT_BACK)}, ${formatLocalDate(dateOf(live))}`] : []),
    ...Object.keys(m.timetable)
      .filter((x) => itemOutstanding(m, x))
      .map((x) => `${itemNamed(x)}, planned for ${formatLocalDate(m.timetable[x] as string)}`),
  ];
  if (dates.length)
    return `${dates.length === 1 ? 'the planned date that can be extended is' : 'the planned dates that can be extended are'} ${dates.join('; ')}`;
  // R14: a DP in Development has no Refinement steps to plan; its one date is the report-back date.
  if (m.status === 'development')
    return 'in Development the only date the Panel plans is the report-back date, and the Panel chair has set none yet';
  const planned = Object.keys(m.timetable).filter((x) => !isReportBack(x));
  return planned.length === 0 && !stepsBehind(m)
    ? 'the Panel chair has planned no dates for its Refinement steps, so there is nothing to extend yet'
    : 'no planned date is still to be met, so there is nothing to extend';
}

/**
 * R13 R14 R27 R59: SECAS or a Working Group member asks the Panel chair to move the report-back date
 * later, as for a planned date; the chair grants (`panel extend`) or refuses it.
 */
function requestReportBack(m: Modification, cmd: { date: string; reason: string }, ctx: Context): Result {
  const ref = refOf(m);
  const live = liveReportBack(m);
  if (!live) {
    // R2: a DP in Development may have none yet; only the chair sets one, so the requester asks them.
    return refuse(
      'not_found',
      m.status === 'development'
        ? `${ref} has no report-back date, so there is nothing to extend; ask the Panel chair to set one.`
        : `${ref} has no report-back date to extend; ${extendable(m)}.`,
    );
  }
  const planned = dateOf(live);
  const bad = checkReportBack(cmd.date, ctx);
  if (bad) return bad;
  if (cmd.date <= planned)
    return refuse(
      'bad_input',
      `An extension must move the report-back date on ${ref} later than ${formatLocalDate(planned)}.`,
    );
  const asked = alreadyAsked(m);
  if (asked) return asked;
  return ok(
    `Your request to extend the report-back date on ${ref} from ${formatLocalDate(planned)} to ${formatLocalDate(cmd.date)} is sent to the Panel chair.`,
    [
      {
        type: 'ExtensionRequested',
        n: m.number,
        item: REPORT_BACK,
        date: cmd.date,
        reason: cmd.reason,
        by: actorId(ctx),
      },
    ],
  );
}

/** R13 R14 R59: the chair sets the report-back date directly; its deadline and reminders move with it. */
function setReportBack(m: Modification, date: string, ctx: Context): Result {
  const ref = refOf(m);
  const bad = checkReportBack(date, ctx);
  if (bad) return bad;
  const live = liveReportBack(m);
  const was = live ? dateOf(live) : undefined;
  if (was === date && live?.status === 'pending')
    return refuse('already_done', `The report-back date for ${ref} is already ${formatLocalDate(date)}.`);
  const pending = pendingExtension(m);
  const waiting =
    pending && isReportBack(pending.item)
      ? ` A request to extend it to ${formatLocalDate(pending.date)} still waits for your answer: ${cmdText(`panel extend ${ref}`)} or ${cmdText(`panel refuse-extension ${ref}`)}.`
      : '';
  return ok(
    `The report-back date for ${ref} is now ${formatLocalDate(date)}${was ? ` (was ${formatLocalDate(was)})` : ''}.${waiting}`,
    [{ type: 'TimetableSet', n: m.number, item: REPORT_BACK, date }, ...moveReportBack(m, date, ctx)],
  );
}

export const timetableHandlers: Handlers = {
  'panel-timetable': (world, cmd, ctx) => {
    const m = openMod(world, cmd.ref, 'set its timetable');
    if (isRefusal(m)) return m;
    const item = plannable(m, cmd.item, 'set a planned date for one');
    if (isRefusal(item)) return item;
    if (item === REPORT_BACK) return setReportBack(m, cmd.date, ctx);
    const bad = checkDate(cmd.date, ctx);
    if (bad) return bad;
    const before = m.timetable[item];
    const was = before ? ` (was ${formatLocalDate(before)})` : '';
    return ok(
      `The planned date for ${itemNamed(item)} on ${refOf(m)} is now ${formatLocalDate(cmd.date)}${was}.`,
      [{ type: 'TimetableSet', n: m.number, item, date: cmd.date }, ...moveItem(m, item, cmd.date, ctx)],
    );
  },

  'extension-request': (world, cmd, ctx) => {
    const m = openMod(world, cmd.ref, 'ask for an extension');
    if (isRefusal(m)) return m;
    if (isReportBack(cmd.item)) return requestReportBack(m, cmd, ctx);
    // A step id typed in another case still names the step (R66).
    const item = findStep(m, cmd.item)?.id ?? cmd.item;
    const planned = m.timetable[item];
    if (!planned) {
      // R27 R59 R2: an extension moves a planned date of the Panel's timetable or the report-back date;
      // the refusal names the dates there are to extend.
      return refuse('not_found', `${refOf(m)} has no planned date for ${itemNamed(item)}; ${extendable(m)}.`);
    }
    // R27: an extension moves the date of something still to be done.
    if (!itemOutstanding(m, item)) {
      const done = stepsBehind(m)
        ? `${refOf(m)} is ${statusIs(m.status)}, past its Refinement steps`
        : `${itemNamed(item)} on ${refOf(m)} is already ${STEP_STATE_WORDS[stepState(m, item).state]}`;
      return refuse('already_done', `${done}, so its planned date needs no extension.`);
    }
    const bad = checkDate(cmd.date, ctx);
    if (bad) return bad;
    if (cmd.date <= planned) {
      return refuse(
        'bad_input',
        `An extension must move ${itemNamed(item)} later than its planned ${formatLocalDate(planned)}.`,
      );
    }
    const asked = alreadyAsked(m);
    if (asked) return asked;
    return ok(
      `Your request to extend ${itemNamed(item)} on ${refOf(m)} from ${formatLocalDate(planned)} to ${formatLocalDate(cmd.date)} is sent to the Panel chair.`,
      [
        {
          type: 'ExtensionRequested',
          n: m.number,
          item,
          date: cmd.date,
          reason: cmd.reason,
          by: actorId(ctx),
        },
      ],
    );
  },

  'panel-extend': (world, cmd, ctx) => {
    const r = pendingOr(world, cmd.ref, 'extend its timetable');
    if (isRefusal(r)) return r;
    const { m, x } = r;
    const date = cmd.date ?? x.date;
    const answered: ModificationEvent = {
      type: 'ExtensionAnswered',
      n: m.number,
      item: x.item,
      date,
      granted: true,
      by: actorId(ctx),
    };
    if (isReportBack(x.item)) {
      // R13 R27 R57: a report-back date left behind (the stage it was set for has ended) is no longer
      // there to move; the request can still be answered, by a refusal.
      if (!reportBackMovable(m))
        return refuse(
          'wrong_status',
          `${refOf(m)} is ${statusIs(m.status)}: its report-back date is behind it, so there is nothing to extend. Refuse the request instead: ${cmdText(`panel refuse-extension ${refOf(m)}`)}.`,
        );
      const bad = checkReportBack(date, ctx);
      if (bad) return bad;
      const live = liveReportBack(m);
      const was = live ? ` (was ${formatLocalDate(dateOf(live))})` : '';
      return ok(
        `Extension granted: the report-back date for ${refOf(m)} is now ${formatLocalDate(date)}${was}.`,
        [answered, ...moveReportBack(m, date, ctx)],
      );
    }
    const bad = checkDate(date, ctx);
    if (bad) return bad;
    return ok(
      `Extension granted: ${itemNamed(x.item)} on ${refOf(m)} is now planned for ${formatLocalDate(date)}.`,
      [answered, ...moveItem(m, x.item, date, ctx)],
    );
  },

  'panel-refuse-extension': (world, cmd, ctx) => {
    const r = pendingOr(world, cmd.ref, 'answer an extension request');
    if (isRefusal(r)) return r;
    const { m, x } = r;
    const planned = m.timetable[x.item];
    const keep = planned ? `its planned date, ${formatLocalDate(planned)},` : 'its plan';
    const live = isReportBack(x.item) ? liveReportBack(m) : undefined;
    const to = isReportBack(x.item)
      ? `its report-back date${live ? `, ${formatLocalDate(dateOf(live))}` : ''}`
      : `${keep} for ${itemNamed(x.item)}`;
    // R27, §9.5: a refusal means it carries on to the planned date; the chair may then end its
    // Refinement by a route to the Report Stage.
    const then =
      m.status === 'refinement'
        ? ` You may now end its Refinement by routing it to the Report Stage: ${cmdText(`panel route ${refOf(m)} report`)}.`
        : '';
    return ok(`Extension refused: ${refOf(m)} carries on to ${to}.${then}`, [
      {
        type: 'ExtensionAnswered',
        n: m.number,
        item: x.item,
        date: x.date,
        granted: false,
        by: actorId(ctx),
      },
    ]);
  },
};

export const timetableDeadlines: Record<string, DeadlineHandler> = {
  // R27 R28: a planned date met passes quietly; one missed is news for SECAS and the Panel chair, told
  // from the fired deadline (src/app/notify), once, as the deadline fires once.
  timetable: (_world, m, d) => {
    const item = d.subject ?? d.what.slice('timetable:'.length);
    const date = m.timetable[item];
    const on = `${itemNamed(item)} on ${refOf(m)}${date ? ` (${formatLocalDate(date)})` : ''}`;
    if (!itemOutstanding(m, item)) {
      const why = stepsBehind(m)
        ? `${refOf(m)} is ${statusIs(m.status)}`
        : `it is ${STEP_STATE_WORDS[stepState(m, item).state]}`;
      return ok(`The planned date for ${on} has arrived; ${why}.`, []);
    }
    return ok(
      `The planned date for ${on} has passed and it is not done; SECAS and the Panel chair are told.`,
      [],
    );
  },
};
