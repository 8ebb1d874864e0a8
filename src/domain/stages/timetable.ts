// Timetable and extensions (R27, R59): the chair sets planned dates; SECAS or the Working Group ask
// for an extension; the chair grants or refuses the pending one. Registered through stallingStage.
import type { ModificationEvent } from '../events.ts';
import type { Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, Refusal } from '../types.ts';
import { isOpenStatus, isRefusal, refuse } from '../types.ts';
import type { LocalDate } from '../working-days.ts';
import { formatLocalDate, londonDate, londonInstant, parseLocalDate } from '../working-days.ts';
import type { DeadlineHandler, Handlers } from './common.ts';
import { DeadlineMaker, actorId, cancelDeadlines, getMod, ok } from './common.ts';
import { statusIs } from '../words.ts';
import { STEP_STATE_WORDS, findStep, isSettled, itemNamed, stepDefs, stepState } from './refinement-steps.ts';
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

/**
 * R16 R59: a planned item is a Refinement step (R56 ids). Its steps lie ahead of a modification until the
 * Report Stage; from then on (or once it is no longer open) none is outstanding.
 */
const stepsBehind = (m: Modification): boolean =>
  !isOpenStatus(m.status) || m.status === 'report' || m.status === 'awaiting_authority';

/**
 * R28 R59: a planned item still owed: its step is neither done nor not applicable, and the modification
 * has not moved past Refinement. A date met is no longer overdue, so it neither warns nor stalls.
 */
export const itemOutstanding = (m: Modification, item: string): boolean =>
  !stepsBehind(m) && !isSettled(m, item);

/** R28: the first London date on which a planned date still not met makes the modification stalled. */
export const stallsOn = (date: LocalDate, ctx: Pick<Context, 'calendar' | 'settings'>): LocalDate =>
  ctx.calendar.addWorkingDays(date, ctx.settings.SEC_STALL_OVERDUE_WD + 1);

/**
 * R59 R71: the item a timetable command names, as its step id, or why it cannot be planned, listing the
 * steps that can be, by title and id.
 */
function plannable(m: Modification, item: string, doing: string): string | Refusal {
  const ref = refOf(m);
  if (stepsBehind(m))
    return refuse(
      'wrong_status',
      `${ref} is ${statusIs(m.status)}: its Refinement steps are behind it, so you can no longer ${doing}.`,
    );
  const open = stepDefs(m).filter((d) => itemOutstanding(m, d.id));
  const which = open.length
    ? `the steps that can be planned are ${open.map((d) => `${d.title} (${d.id})`).join(', ')}`
    : 'every Refinement step is done';
  const step = findStep(m, item);
  if (!step)
    return refuse(
      'not_found',
      `${ref} has no Refinement step ${item}; ${which}: ${cmdText(`panel timetable ${ref} <step id> <YYYY-MM-DD>`)}.`,
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

export const timetableHandlers: Handlers = {
  'panel-timetable': (world, cmd, ctx) => {
    const m = openMod(world, cmd.ref, 'set its timetable');
    if (isRefusal(m)) return m;
    const item = plannable(m, cmd.item, 'set a planned date for one');
    if (isRefusal(item)) return item;
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
    // A step id typed in another case still names the step (R66).
    const item = findStep(m, cmd.item)?.id ?? cmd.item;
    const planned = m.timetable[item];
    if (!planned) {
      // R27 R59: an extension moves a planned date of the Panel's timetable (a Refinement step the chair
      // planned); the report-back date is set by the chair with the route (R13), not a timetable item.
      const items = Object.keys(m.timetable).filter((x) => itemOutstanding(m, x));
      const known = items.length
        ? `${items.length === 1 ? 'the planned date that can be extended is' : 'the planned dates that can be extended are'} ${items.map((x) => `${itemNamed(x)}, planned for ${formatLocalDate(m.timetable[x] as string)}`).join('; ')}`
        : Object.keys(m.timetable).length === 0 && !stepsBehind(m)
          ? 'the Panel chair has planned no dates for its Refinement steps, so there is nothing to extend yet'
          : 'no planned date is still to be met, so there is nothing to extend';
      const what =
        item.toLowerCase() === 'report-back'
          ? m.reportBackBy
            ? `The report-back date on ${refOf(m)} (${formatLocalDate(m.reportBackBy)}) was set by the Panel chair with the route and is not a timetable item, so it cannot be extended by request`
            : `${refOf(m)} has no report-back date, and it is not a timetable item`
          : `${refOf(m)} has no planned date for ${itemNamed(item)}`;
      return refuse('not_found', `${what}; ${known}.`);
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
    const pending = pendingExtension(m);
    if (pending) {
      return refuse(
        'already_done',
        `${refOf(m)} already has a pending extension request (${itemNamed(pending.item)} to ${formatLocalDate(pending.date)}); the Panel chair answers it first.`,
      );
    }
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
    const bad = checkDate(date, ctx);
    if (bad) return bad;
    return ok(
      `Extension granted: ${itemNamed(x.item)} on ${refOf(m)} is now planned for ${formatLocalDate(date)}.`,
      [
        { type: 'ExtensionAnswered', n: m.number, item: x.item, date, granted: true, by: actorId(ctx) },
        ...moveItem(m, x.item, date, ctx),
      ],
    );
  },

  'panel-refuse-extension': (world, cmd, ctx) => {
    const r = pendingOr(world, cmd.ref, 'answer an extension request');
    if (isRefusal(r)) return r;
    const { m, x } = r;
    const planned = m.timetable[x.item];
    const keep = planned ? `its planned date, ${formatLocalDate(planned)},` : 'its plan';
    // R27, §9.5: a refusal means it carries on to the planned date; the chair may then end its
    // Refinement by a route to the Report Stage.
    const then =
      m.status === 'refinement'
        ? ` You may now end its Refinement by routing it to the Report Stage: ${cmdText(`panel route ${refOf(m)} report`)}.`
        : '';
    return ok(`Extension refused: ${refOf(m)} carries on to ${keep} for ${itemNamed(x.item)}.${then}`, [
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
