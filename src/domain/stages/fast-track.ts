// Stage: Fast Track (R21–R26, R53). The Panel's unanimous ballot, the objection window and approval.
// The generic ballot machinery (votes, `ballot close` by the chair, R54) lives in voting.ts; this file
// opens the ballot and says what its close means.
import type { ModificationEvent } from '../events.ts';
import type { Deadline, Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import { evolveAll } from '../evolve.ts';
import type { Context, Refusal } from '../types.ts';
import { FINAL_STATUSES, PRE_ROUTING, isRefusal, refuse } from '../types.ts';
import { dueAfter, formatLocalDate, londonDate, londonInstant, parseLocalDate } from '../working-days.ts';
import type { Result, Stage } from './common.ts';
import { DeadlineMaker, actorId, changeStatus, getMod, inStatus, nowIso, ok, openBallots } from './common.ts';
import { moveWithinAssessment } from './assessment.ts';
import { openBallot } from './voting.ts';
import { count, nameOf, statusIs, when } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

/**
 * R25, R57: why the objection window ended before its cut-off when the modification left the process
 * during it (withdrawn, merged or closed); undefined otherwise.
 */
export function fastTrackEndedEarly(m: Modification): string | undefined {
  const ended = m.fastTrack?.ended;
  if (!ended || !FINAL_STATUSES.includes(ended.to)) return undefined;
  const on = ended.at ? ` on ${when(ended.at)}` : '';
  const why = ended.to === 'withdrawn' && m.withdrawnReason ? ` (${m.withdrawnReason})` : '';
  return `The Fast Track objection window on ${refOf(m)} ended early${on}: it was ${statusIs(ended.to)}${why}, so there is nothing left to object to.`;
}

/**
 * R19, R24, R26: an agreed implementation date must be a real date after the objection window closes,
 * since approval comes only then and it is implemented at 00:00 London on that date. While the window
 * runs that is its close; before the Panel's decision, the earliest close is a window starting today.
 */
function checkImplementDate(m: Modification, date: string, ctx: Context): Refusal | undefined {
  if (parseLocalDate(date) === undefined) return refuse('bad_input', `${date} is not a date (YYYY-MM-DD).`);
  if (date < londonDate(ctx.now))
    return refuse('bad_input', `The implementation date ${formatLocalDate(date)} is in the past.`);
  const wd = count(ctx.settings.SEC_FT_WINDOW_WD, 'Working Day');
  const running = m.status === 'fast_track_window' && m.fastTrack ? m.fastTrack.due : undefined;
  const close =
    running ??
    dueAfter(ctx.calendar, ctx.now, ctx.settings.SEC_FT_WINDOW_WD, ctx.settings.SEC_CUTOFF).toISOString();
  if (date > londonDate(new Date(close))) return undefined;
  const by = running
    ? `on ${when(close)}`
    : `${wd} after the Panel's decision, so on ${when(close)} at the earliest (if the ballot closed today)`;
  return refuse(
    'bad_input',
    `The implementation date ${formatLocalDate(date)} is too early: ${refOf(m)} is approved only when its objection window closes, ${by}. Give a date after ${formatLocalDate(londonDate(new Date(close)))}.`,
  );
}

const implementText = (date: string | undefined): string =>
  date ? ` The agreed implementation date is ${formatLocalDate(date)}.` : '';

/** Opens the Panel ballot on a modification the chair is considering before routing (R22). */
function openFastTrackBallot(m: Modification, ctx: Context, implement?: string): Result {
  const opened = openBallot(m, 'fasttrack', ctx);
  if (isRefusal(opened)) return opened;
  const events: ModificationEvent[] = [...opened.events];
  if (implement) events.push({ type: 'ImplementationDateSet', n: m.number, date: implement });
  const ref = refOf(m);
  return ok(
    // R71: the count agrees with its noun; no backticks (Teams shows them as typed).
    `Opened the Panel Fast Track ballot on ${ref}: it passes only if at least ` +
      `${count(ctx.settings.SEC_PANEL_QUORUM, 'Panel member')} vote and every vote is Approve; ` +
      `close it at the meeting: ${cmdText(`ballot close ${ref}`)}.` +
      implementText(implement),
    events,
  );
}

/** The state after the firing deadline is marked fired, so changeStatus does not cancel it too. */
function afterFired(world: World, m: Modification, d: Deadline, ctx: Context): Modification {
  const w = evolveAll(world, [{ type: 'DeadlineFired', n: m.number, id: d.id }], nowIso(ctx));
  return w.modifications[m.number] ?? m;
}

export const fastTrackStage: Stage = {
  handlers: {
    'panel-fasttrack': (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      if (cmd.implement) {
        const bad = checkImplementDate(m, cmd.implement, ctx);
        if (bad) return bad;
        // R53: while the ballot is open or the window runs, the chair may still record the agreed date.
        const pending =
          openBallots(m).some((b) => b.kind === 'fasttrack') || m.status === 'fast_track_window';
        if (pending) {
          return ok(
            `Recorded the agreed implementation date for ${refOf(m)}: ${formatLocalDate(cmd.implement)}.`,
            [{ type: 'ImplementationDateSet', n: m.number, date: cmd.implement }],
          );
        }
      }
      if (openBallots(m).some((b) => b.kind === 'fasttrack')) {
        return refuse(
          'fast_track_used',
          `The Panel Fast Track ballot on ${refOf(m)} is open; the chair closes it at the meeting: ${cmdText(`ballot close ${refOf(m)}`)}.`,
        );
      }
      if (m.fastTrackTried) {
        return refuse(
          'fast_track_used',
          `${refOf(m)} has already had its Panel Fast Track ballot; there is one per modification.`,
        );
      }
      const inPre = inStatus(world, cmd.ref, PRE_ROUTING, 'consider Fast Track (before it is routed)');
      if (isRefusal(inPre)) return inPre;
      if (m.isMP)
        return refuse(
          'wrong_status',
          `${refOf(m)} is already a Modification Proposal; Fast Track is for Draft Proposals.`,
        );
      // R22: Fast Track is considered before the first route; R52: after Development the chair routes
      // it to refinement or report only.
      if (m.route)
        return refuse(
          'wrong_status',
          `${refOf(m)} has already been routed (it has been through Development), and Fast Track is considered only before a proposal is first routed: route it to refinement or report (${cmdText(`panel route ${refOf(m)} refinement|report`)}).`,
        );
      return openFastTrackBallot(m, ctx, cmd.implement);
    },

    'panel-raise-fasttrack': (world, cmd, ctx) => {
      const n = world.lastNumber + 1;
      const raised: ModificationEvent = {
        type: 'Raised',
        n,
        title: cmd.title,
        problem: cmd.problem,
        proposer: actorId(ctx),
        fastTrackRequested: true,
        at: nowIso(ctx),
      };
      const w1 = evolveAll(world, [raised], nowIso(ctx));
      const fresh = w1.modifications[n] as Modification;
      // R53: a chair's Fast Track modification goes straight to the Panel.
      const toPanel = changeStatus(fresh, 'awaiting_panel', 'Raised by the Panel chair for Fast Track');
      const w2 = evolveAll(w1, toPanel, nowIso(ctx));
      const r = openFastTrackBallot(w2.modifications[n] as Modification, ctx);
      if (isRefusal(r)) return r;
      return ok(`Raised ${refOf(fresh)} "${cmd.title}" for Fast Track. ${r.reply}`, [
        raised,
        ...toPanel,
        ...r.events,
      ]);
    },

    object: (world, cmd, ctx) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      const ft = m.fastTrack;
      if (!ft) return refuse('wrong_status', `${refOf(m)} has no Fast Track decision to object to.`);
      // R64: the window is open while now < due; a lagging scheduler does not extend it.
      if (m.status !== 'fast_track_window' || ctx.now >= new Date(ft.due)) {
        // The cut-off is only the reason when the window ran to it; an early end says what ended it.
        const early = ft.objection
          ? `The objection window on ${refOf(m)} ended early: ${nameOf(ctx, ft.objection.by)} objected${ft.ended?.at ? ` on ${when(ft.ended.at)}` : ''}, so it went back to the Panel.`
          : fastTrackEndedEarly(m);
        return refuse(
          'window_closed',
          early ?? `The objection window on ${refOf(m)} closed; its cut-off was ${when(ft.due)}.`,
        );
      }
      const reason = `Objection to Fast Track by ${ctx.actor.kind === 'person' ? ctx.actor.person.name : 'the scheduler'}`;
      return ok(
        `Your objection to Fast Track for ${refOf(m)} is recorded. It returns to the Panel, which must route it another way; the chair and the proposer are told.`,
        [
          { type: 'Objected', n: m.number, by: actorId(ctx), reason: cmd.reason },
          ...changeStatus(m, 'awaiting_panel', reason),
          { type: 'RouteRequired', n: m.number, reason },
        ],
      );
    },
  },

  outcomes: {
    fasttrack: (_world, m, closed, ctx) => {
      if (!closed.passed) {
        // R23, R53: not unanimous → the chair must route it (R13) before anything else happens. It
        // stays in assessment, so R10's comment target for SECAS runs on.
        const reason = 'The Panel Fast Track ballot was not unanimous';
        return [
          ...(m.status === 'awaiting_panel' ? [] : moveWithinAssessment(m, 'awaiting_panel', reason)),
          {
            type: 'RouteRequired',
            n: m.number,
            reason: `${reason}: route ${refOf(m)} another way (panel route).`,
          },
        ];
      }
      const events = changeStatus(m, 'fast_track_window', 'Unanimous Panel Fast Track decision');
      const maker = new DeadlineMaker(m, ctx);
      // R24: 15 Working Days after the decision day at the cut-off; reminders 5 and 1 Working Days before.
      const d = maker.addAfter('ft-window-close', ctx.settings.SEC_FT_WINDOW_WD, { remindBefore: [5, 1] });
      // R19: a date agreed while the ballot was open was checked against a window starting that day; a
      // ballot closed later moves the close, and a date no longer after it would be implemented before
      // approval. It is dropped, and the chair gives a new one (panel fasttrack … implement=).
      const close = londonDate(new Date(d.due));
      const stale: ModificationEvent[] =
        m.implementAt && m.implementAt <= close
          ? [
              {
                type: 'ImplementationDateDropped',
                n: m.number,
                date: m.implementAt,
                reason: `it is not after the objection window's close on ${formatLocalDate(close)}`,
              },
            ]
          : [];
      return [...events, { type: 'FastTrackApproved', n: m.number, due: d.due }, ...stale, ...maker.events];
    },
  },

  deadlines: {
    'ft-window-close': (world, m0, d, ctx) => {
      if (m0.status !== 'fast_track_window')
        return ok(`The Fast Track window on ${refOf(m0)} had already ended.`, []);
      const m = afterFired(world, m0, d, ctx);
      // R26, R53: no objection by the close → approved, and it becomes an MP with the same number.
      const events: ModificationEvent[] = [
        ...changeStatus(m, 'approved', 'Fast Track window closed with no objection'),
        { type: 'Promoted', n: m.number },
      ];
      let implemented = '';
      if (m.implementAt) {
        const maker = new DeadlineMaker(m, ctx);
        maker.add('implementation', londonInstant(m.implementAt, '00:00'));
        events.push(...maker.events);
        implemented = ` It is implemented on ${formatLocalDate(m.implementAt)}.`;
      }
      const mp = refOf({ number: m.number, isMP: true });
      return ok(
        `The Fast Track window on ${refOf(m)} closed with no objection: ${mp} is approved.${implemented}`,
        events,
      );
    },
  },
};
