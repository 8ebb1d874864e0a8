// Consultations (R37, R61, R64, R65): the Working Group Consultation in refinement (step 5, R16.5) and the
// Modification Report Consultation in the Report Stage (R18). One is open at a time; anyone registered
// may respond and revise until it closes, by hand or at its deadline.
import type { ModificationEvent } from '../events.ts';
import type { Consultation, Deadline, Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context } from '../types.ts';
import { isOpenStatus, isRefusal, refuse } from '../types.ts';
import type { DeadlineHandler, Handlers, Result } from './common.ts';
import { DeadlineMaker, actorId, cancelDeadlines, getMod, inStatus, nowIso, ok } from './common.ts';
import { isSettled, missingPrerequisites, stepNames } from './refinement-steps.ts';
import { draftReportHow, hasModificationReport, recordReportCommand } from '../report-checklist.ts';
import { CONSULTATION_NAMES, statusIs, when } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

export const openConsultation = (m: Modification): Consultation | undefined =>
  m.consultations.find((c) => c.status === 'open');

/**
 * R55: the Modification Report Consultation has closed for the current decision. Each time the Authority
 * sends a modification back the decision ballot is voided, and a new consultation is needed.
 */
export function reportConsultationDone(m: Modification): boolean {
  const closed = m.consultations.filter((c) => c.kind === 'report' && c.status === 'closed').length;
  const voided = m.ballots.filter((b) => b.kind === 'decision' && b.voided).length;
  return closed > voided;
}

function closeConsultation(
  m: Modification,
  c: Consultation,
  firing?: Deadline,
): { events: ModificationEvent[]; reply: string } {
  const events: ModificationEvent[] = [
    { type: 'ConsultationClosed', n: m.number, id: c.id, cancelled: false },
    ...cancelDeadlines(m, (d) => d.subject === c.id && d.id !== firing?.id),
  ];
  const count = Object.keys(c.responses).length;
  // R55: the decision ballot is refused while the determination is missing, so the chair sets it first.
  let next = m.determination
    ? ` Next: the Change Board decision vote (SECAS: ${cmdText(`ballot open ${refOf(m)} decision`)}).`
    : ` Next: the Panel chair sets the Self-Governance or Authority determination (${cmdText(`panel determine ${refOf(m)} self-governance|authority`)}); then the Change Board decision vote.`;
  if (c.kind === 'wg' && m.status === 'refinement') {
    events.push({
      type: 'StepChanged',
      n: m.number,
      step: 'wg-consultation',
      state: 'done',
      note: `${count} response${count === 1 ? '' : 's'}`,
    });
    next = ` Next: the Working Group considers them and SECAS drafts the Modification Report: ${draftReportHow(m)}.`;
  }
  const atDeadline = firing ? ' at its deadline' : '';
  return {
    events,
    reply: `The ${CONSULTATION_NAMES[c.kind]} on ${refOf(m)} closed${atDeadline} with ${count} response${count === 1 ? '' : 's'}, collated into the record.${next}`,
  };
}

/**
 * How a consultation that takes no more responses ended: at its planned close, closed early by SECAS,
 * or cancelled when the modification left its status (R57).
 */
function howItEnded(m: Modification, c: Consultation): string {
  const name = `the ${CONSULTATION_NAMES[c.kind]}`;
  const on = c.closedAt ? ` on ${when(c.closedAt)}` : '';
  if (c.status === 'cancelled') {
    const why = isOpenStatus(m.status)
      ? `it is now ${statusIs(m.status)}`
      : `${refOf(m)} was ${statusIs(m.status)}`;
    return `${name} was cancelled${on} because ${why}`;
  }
  if (c.status === 'closed' && c.closedAt && c.closedAt < c.due) return `${name} was closed early${on}`;
  return `${name} closed at ${when(c.due)}`;
}

export const consultationHandlers: Handlers = {
  'consult-open': (world, cmd, ctx): Result => {
    const m = inStatus(world, cmd.ref, ['refinement', 'report'], 'open a consultation');
    if (isRefusal(m)) return m;
    const already = openConsultation(m);
    if (already) {
      return refuse(
        'already_done',
        `The ${CONSULTATION_NAMES[already.kind]} on ${refOf(m)} is already open until ${when(already.due)}.`,
      );
    }
    const kind: Consultation['kind'] = m.status === 'refinement' ? 'wg' : 'report';
    if (kind === 'wg') {
      if (isSettled(m, 'wg-consultation'))
        return refuse('already_done', `The Working Group Consultation on ${refOf(m)} has already closed.`);
      const missing = missingPrerequisites(m, 'wg-consultation');
      if (missing.length) {
        return refuse(
          'prerequisites',
          `The Working Group Consultation on ${refOf(m)} waits for: ${stepNames(missing)}.`,
        );
      }
    } else if (reportConsultationDone(m)) {
      return refuse(
        'already_done',
        `The Modification Report Consultation on ${refOf(m)} has already closed.`,
      );
    } else if (!hasModificationReport(m)) {
      // R18: it consults on the Modification Report, so there must be one (routed straight to the Report
      // Stage, an MP has none until SECAS records it, R7).
      return refuse(
        'prerequisites',
        `${refOf(m)} has no Modification Report yet, and the Modification Report Consultation is on it: record it first (${cmdText(recordReportCommand(refOf(m)))}), then open the consultation.`,
      );
    }
    const id = `${kind}-consultation-${m.consultations.filter((c) => c.kind === kind).length + 1}`;
    const maker = new DeadlineMaker(m, ctx);
    // R64: the "closing" notice goes out one Working Day before.
    const d = maker.addAfter(`consult-close:${kind}`, cmd.days ?? ctx.settings.SEC_CONSULT_WD, {
      subject: id,
      remindBefore: [1],
    });
    const events: ModificationEvent[] = [
      { type: 'ConsultationOpened', n: m.number, id, kind, due: d.due },
      ...maker.events,
    ];
    if (kind === 'wg')
      events.push({ type: 'StepChanged', n: m.number, step: 'wg-consultation', state: 'requested' });
    return ok(
      `Opened the ${CONSULTATION_NAMES[kind]} on ${refOf(m)} until ${when(d.due)}; anyone may respond (${cmdText(`respond ${refOf(m)} org="…" S0=support|oppose`)}) and revise until it closes.`,
      events,
    );
  },

  'consult-close': (world, cmd): Result => {
    const m = inStatus(world, cmd.ref, ['refinement', 'report'], 'close a consultation');
    if (isRefusal(m)) return m;
    const c = openConsultation(m);
    if (!c) return refuse('consultation_closed', `There is no open consultation on ${refOf(m)}.`);
    const r = closeConsultation(m, c);
    return ok(r.reply, r.events);
  },

  respond: (world, cmd, ctx): Result => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    const c = openConsultation(m);
    // R64: a window is open while now < due, even before the scheduler has closed it.
    if (!c || new Date(c.due) <= ctx.now) {
      const last = c ?? m.consultations[m.consultations.length - 1];
      const closed = last ? `: ${howItEnded(m, last)}` : '';
      return refuse(
        'consultation_closed',
        `${refOf(m)} has no open consultation${closed}; your response was not recorded.`,
      );
    }
    const ids = m.solutions.map((s) => s.id);
    const unknown = Object.keys(cmd.positions).filter((k) => !ids.includes(k));
    if (unknown.length) {
      return refuse(
        'bad_input',
        `${refOf(m)} has no solution ${unknown.join(', ')}; its solutions are ${ids.join(', ')}.`,
      );
    }
    if (Object.keys(cmd.positions).length === 0 && !cmd.comments) {
      return refuse(
        'bad_input',
        `A response needs a position on a solution (S0=support|oppose) or comments.`,
      );
    }
    const me = actorId(ctx);
    const revised = c.responses[me] !== undefined;
    const response = {
      person: me,
      org: cmd.org,
      positions: cmd.positions,
      ...(cmd.comments ? { comments: cmd.comments } : {}),
      at: nowIso(ctx),
    };
    return ok(
      `Your ${revised ? 'revised ' : ''}response to the ${CONSULTATION_NAMES[c.kind]} on ${refOf(m)} is recorded; you may revise it until ${when(c.due)}.`,
      [{ type: 'ResponseGiven', n: m.number, consultationId: c.id, response }],
    );
  },
};

const onConsultClose: DeadlineHandler = (_world: World, m: Modification, d: Deadline, _ctx: Context) => {
  const c = m.consultations.find((x) => x.id === d.subject);
  if (!c || c.status !== 'open') return ok(`The consultation on ${refOf(m)} had already closed.`, []);
  const r = closeConsultation(m, c, d);
  return ok(r.reply, r.events);
};

export const consultationDeadlines: Record<string, DeadlineHandler> = { 'consult-close': onConsultClose };
