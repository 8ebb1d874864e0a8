// Stage: stalling and closure (R28, R29, R58), plus the timetable commands (timetable.ts), which share
// this stage so that decide.ts registers them once. Closing is a last resort: notice, answer, close.
import type { Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context } from '../types.ts';
import { isOpenStatus, isRefusal, refuse } from '../types.ts';
import { formatLocalDate, formatLondon, londonDate } from '../working-days.ts';
import type { Stage } from './common.ts';
import { DeadlineMaker, cancelDeadlines, changeStatus, getMod, nowIso, ok } from './common.ts';
import { itemOutstanding, timetableDeadlines, timetableHandlers } from './timetable.ts';
import { itemWords } from './refinement-steps.ts';
import { statusIs, when } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

/**
 * R28, R58: the stall criteria that hold now, as sentences for the proposer and the chair; empty when
 * the modification is not stalled. Counts whole Working Days between London dates.
 */
export function stallCriteria(m: Modification, ctx: Context): string[] {
  if (!isOpenStatus(m.status)) return [];
  const { SEC_STALL_IDLE_WD: idleLimit, SEC_STALL_OVERDUE_WD: overdueLimit } = ctx.settings;
  const today = londonDate(ctx.now);
  const out: string[] = [];
  const idle = ctx.calendar.workingDaysBetween(londonDate(new Date(m.lastProgressAt)), today);
  if (idle >= idleLimit) {
    out.push(
      `No progress for ${idle} Working Days (last on ${formatLondon(new Date(m.lastProgressAt))}; the limit is ${idleLimit}).`,
    );
  }
  // A granted extension moves the planned date itself, so the current date is the one to test; a date
  // whose step is done (or behind the modification) was met, so it is not overdue (R59).
  for (const [item, date] of Object.entries(m.timetable).sort(([a], [b]) => a.localeCompare(b))) {
    if (!itemOutstanding(m, item)) continue;
    const late = ctx.calendar.workingDaysBetween(date, today);
    if (late > overdueLimit) {
      out.push(
        `The planned date for ${itemWords(item)} (${formatLocalDate(date)}) is ${late} Working Days past with no extension (the limit is ${overdueLimit}).`,
      );
    }
  }
  return out;
}

/**
 * R29, R58: the stall notice that still counts, if any: one that progress since has not voided. A void
 * notice no longer lets the chair close; a fresh notice, with a new answer period, is needed.
 */
export function liveStallNotice(m: Modification): Modification['stall'] {
  return m.stall && !m.stall.progressedAt ? m.stall : undefined;
}

/** R29: why an earlier stall notice no longer counts, as a sentence; undefined if it still counts. */
function voidedNotice(m: Modification): string | undefined {
  const at = m.stall?.progressedAt;
  if (!m.stall || !at) return undefined;
  return `${refOf(m)} progressed on ${when(at)}, after the stall notice of ${when(m.stall.noticeAt)}, so that notice no longer counts`;
}

/** R28, R58: what the chair's weekly digest lists, by number; empty means no digest is sent. */
export function stalledModifications(
  world: World,
  ctx: Context,
): { ref: string; number: number; criteria: string[] }[] {
  return Object.values(world.modifications)
    .sort((a, b) => a.number - b.number)
    .map((m) => ({ ref: refOf(m), number: m.number, criteria: stallCriteria(m, ctx) }))
    .filter((x) => x.criteria.length > 0);
}

export const stallingStage: Stage = {
  handlers: {
    ...timetableHandlers,

    'panel-stall-notice': (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const criteria = stallCriteria(m, ctx);
      if (criteria.length === 0)
        return refuse('not_stalled', `${refOf(m)} is not stalled, so no stall notice can be sent.`);
      const live = liveStallNotice(m);
      if (live && ctx.now < new Date(live.answerDue)) {
        return refuse(
          'already_done',
          `A stall notice on ${refOf(m)} is already waiting for an answer until ${when(live.answerDue)}.`,
        );
      }
      const maker = new DeadlineMaker(m, ctx);
      const d = maker.addAfter('stall-answer', ctx.settings.SEC_STALL_ANSWER_WD);
      // A new notice replaces a void one, whose answer period no longer runs.
      const replaced = cancelDeadlines(m, (x) => x.what === 'stall-answer');
      return ok(
        `Stall notice sent on ${refOf(m)}: ${criteria.join(' ')} The proposer has until ${when(d.due)} to answer with a plan; ` +
          `after that you may close it if it is still stalled.`,
        [
          ...replaced,
          { type: 'StallNoticeSent', n: m.number, criteria, answerDue: d.due, at: nowIso(ctx) },
          ...maker.events,
        ],
      );
    },

    plan: (world, cmd) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      if (!isOpenStatus(m.status))
        return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}: a plan no longer applies.`);
      if (!m.stall)
        return refuse('no_notice', `${refOf(m)} has had no stall notice, so there is nothing to answer.`);
      const voided = voidedNotice(m);
      if (voided) return refuse('no_notice', `${voided}: there is nothing to answer.`);
      // R58: recorded for the chair; it does not stop a close if the criteria still hold.
      return ok(
        `Your plan for ${refOf(m)} is recorded and the Panel chair is told. The chair may still close it after ${when(m.stall.answerDue)} if it is still stalled.`,
        [{ type: 'PlanSubmitted', n: m.number, text: cmd.text }],
      );
    },

    'panel-close': (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      if (!isOpenStatus(m.status))
        return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}: it cannot be closed.`);
      // R28 R29: a modification that is not stalled cannot be closed at all; "send a notice first"
      // would only be refused as not stalled.
      if (!m.stall && stallCriteria(m, ctx).length === 0) {
        const { SEC_STALL_IDLE_WD: idle, SEC_STALL_OVERDUE_WD: overdue } = ctx.settings;
        return refuse(
          'not_stalled',
          `${refOf(m)} is not stalled, so it cannot be closed: it last progressed on ${when(m.lastProgressAt)}, and a modification stalls after ${idle} Working Days without progress or when a planned date is more than ${overdue} Working Days past.`,
        );
      }
      if (!m.stall) {
        return refuse(
          'no_notice',
          `${refOf(m)} has had no stall notice; send one first (${cmdText(`panel stall-notice ${refOf(m)}`)}).`,
        );
      }
      if (stallCriteria(m, ctx).length === 0) {
        return refuse(
          'not_stalled',
          `${refOf(m)} is no longer stalled: the criteria in the notice no longer hold.`,
        );
      }
      const voided = voidedNotice(m);
      if (voided) {
        return refuse(
          'no_notice',
          `${voided}. It is stalled again: send a new stall notice (${cmdText(`panel stall-notice ${refOf(m)}`)}), which gives the proposer a new answer period.`,
        );
      }
      if (ctx.now < new Date(m.stall.answerDue)) {
        return refuse(
          'too_early',
          `The proposer of ${refOf(m)} has until ${when(m.stall.answerDue)} to answer the stall notice.`,
        );
      }
      return ok(`${refOf(m)} is closed. Reason recorded: ${cmd.reason}`, [
        ...changeStatus(m, 'closed', cmd.reason, ctx.now),
        { type: 'Closed', n: m.number, reason: cmd.reason },
      ]);
    },
  },

  deadlines: {
    ...timetableDeadlines,
    'stall-answer': (_world, m) => {
      const voided = voidedNotice(m);
      if (voided)
        return ok(`The answer period for the stall notice on ${refOf(m)} has ended; ${voided}.`, []);
      const plan = m.stall?.plan ? 'The proposer sent a plan.' : 'The proposer sent no plan.';
      return ok(
        `The answer period for the stall notice on ${refOf(m)} has ended. ${plan} If it is still stalled, the chair may close it (${cmdText(`panel close ${refOf(m)} <reason>`)}).`,
        [],
      );
    },
  },
};
