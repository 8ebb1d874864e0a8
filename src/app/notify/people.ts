// DMs to particular people that are not the proposer's status DM: SECAS comments (R10), the Fast Track
// objection to the chair and the objector (R25), the chair told to route a failed Fast Track (R23), the
// stall notice and its answer (R29, R58), extension requests and answers (R27), and the Modification
// Report awaiting the chair's approval or returned by the chair (R16.12).
import type { DomainEvent } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { checklist, itemWords, plannedDate } from '../../domain/stages/refinement-steps.ts';
import { draftReportHow, hasModificationReport, missingItems } from '../../domain/report-checklist.ts';
import { liveStallNotice } from '../../domain/stages/stalling.ts';
import type { Build } from './notifications.ts';
import { day, nameOf, refTitle, when } from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';

export function peopleNotifications(b: Build, e: DomainEvent, m: Modification): void {
  const { out, ctx } = b;
  const ref = refOf(m);
  const chairs = () => b.withRole('panel_chair');
  const route = cmd(`panel route ${ref} development|refinement|report`);
  switch (e.type) {
    case 'CommentSent': {
      const how = m.isMP
        ? `amend ${ref} solution="…" benefits="…"`
        : `amend ${ref} title="…" problem="…" solution="…" benefits="…"`;
      out.dm(
        m.proposer,
        `comment:${m.number}`,
        `SECAS comments on ${refTitle(m)}: ${e.text}\nYou may amend it: ${cmd(how)}`,
      );
      return;
    }
    case 'Objected': {
      const who = nameOf(ctx, e.by);
      for (const c of chairs()) {
        out.dm(
          c,
          `route:${m.number}`,
          `${who} objected to Fast Track for ${refTitle(m)}: ${e.reason}\nIt is back with the Panel and Fast Track cannot be tried again: route it another way (${route}).`,
        );
      }
      if (e.by !== m.proposer && !chairs().includes(e.by)) {
        out.dm(
          e.by,
          `objection:${m.number}`,
          `Your objection to Fast Track for ${refTitle(m)} is recorded. It returns to the Panel, which must route it another way; the chair and the proposer are told.`,
        );
      }
      return;
    }
    case 'RouteRequired':
      // R23: after a failed Fast Track ballot; an objection already told the chair in its own words.
      for (const c of chairs()) {
        if (!out.has(out.dmKey(c, `route:${m.number}`)))
          out.dm(
            c,
            `route:${m.number}`,
            `${refTitle(m)}: ${e.reason}\nNothing else can happen until you route it (${route}).`,
          );
      }
      return;
    case 'StallNoticeSent':
      out.dm(
        m.proposer,
        `stall:${m.number}`,
        `Stall notice on ${refTitle(m)} from the Panel chair. The criteria met:\n${e.criteria.map((c) => `- ${c}`).join('\n')}\n` +
          `Answer with a plan by ${when(e.answerDue)}: plan ${ref} <your plan>. After that, if the criteria still hold, the chair may close it.`,
      );
      return;
    case 'ReportReturned':
      // R16.12: the draft report is SECAS's to redraft with the Working Group (members.ts tells them).
      for (const p of b.withRole('secas'))
        if (p !== m.proposer)
          out.dm(
            p,
            `report-returned:${m.number}`,
            `${returnedText(m, e.reason)}\nThe draft Modification Report is owed again: when the Working Group has redrafted it, ${draftReportHow(m)}.`,
          );
      return;
    case 'PlanSubmitted':
      for (const c of chairs())
        out.dm(
          c,
          `plan:${m.number}`,
          `The proposer of ${refTitle(m)} answered the stall notice with a plan: ${e.text}`,
        );
      return;
    case 'ExtensionRequested':
      for (const c of chairs()) {
        out.dm(
          c,
          `extension:${m.number}`,
          `${nameOf(ctx, e.by)} asks to extend ${itemWords(e.item)} on ${refTitle(m)}${plannedDate(m, e.item) ? ` from ${day(plannedDate(m, e.item) as string)}` : ''} to ${day(e.date)}: ${e.reason}\nAnswer: ${cmd(`panel extend ${ref}`)} or ${cmd(`panel refuse-extension ${ref}`)}.`,
        );
      }
      return;
    case 'ExtensionAnswered': {
      const x = [...m.extensions].reverse().find((r) => r.item === e.item && r.granted === e.granted);
      if (!x || x.by === m.proposer) return; // the proposer hears through the status DM
      out.dm(
        x.by,
        `extension-answer:${m.number}`,
        e.granted
          ? `Your extension request on ${refTitle(m)} is granted: ${itemWords(e.item)} is now planned for ${day(e.date)}.`
          : `Your extension request on ${refTitle(m)} is refused: ${itemWords(e.item)} carries on to its planned date.`,
      );
      return;
    }
    case 'DeadlineFired': {
      const d = m.deadlines.find((x) => x.id === e.id);
      // R29: a notice voided by progress ends quietly; the digest asks for a new one if it stalls again.
      if (d?.what !== 'stall-answer' || !liveStallNotice(m)) return;
      const plan = m.stall?.plan ? `The proposer's plan: ${m.stall.plan}` : 'The proposer sent no plan.';
      for (const c of chairs()) {
        out.dm(
          c,
          `stall-answer:${m.number}`,
          `The answer period for the stall notice on ${refTitle(m)} ended ${when(d.due)}. ${plan}\nIf it is still stalled you may close it: ${cmd(`panel close ${ref} <reason>`)}.`,
        );
      }
      return;
    }
    default:
      return;
  }
}

/** R16.12: the chair's text when the Modification Report comes back to the Working Group. */
export const returnedText = (m: Modification, reason: string): string =>
  `The Panel chair returned the Modification Report of ${refTitle(m)} to the Working Group: ${reason}`;

/**
 * R16.12: every Refinement step before it is settled, so the Panel chair's approval is what is owed.
 * Only a modification in Refinement has an available step; asking that first spares every other command
 * (a vote, above all) building the whole checklist twice.
 */
export const awaitsApproval = (m: Modification | undefined): boolean =>
  m?.status === 'refinement' && checklist(m).some((s) => s.id === 'panel-approval' && s.available);

/**
 * R16.12, §7 ("item awaiting the Panel: chair DM"): the chair is told when the Modification Report comes
 * to await their approval, whichever command settled the last step before it.
 */
export function approvalNotifications(b: Build, n: number): void {
  const m = b.after.modifications[n];
  if (!m || !awaitsApproval(m) || awaitsApproval(b.before.modifications[n])) return;
  const ref = refOf(m);
  for (const c of b.withRole('panel_chair'))
    b.out.dm(
      c,
      `report-approval:${n}`,
      `The Modification Report of ${refTitle(m)} awaits your approval: the Refinement steps before it are done. ` +
        `${approvalWords(m)} Or return it to the Working Group with your reasons: ${cmd(`panel return ${ref} <reasons>`)}.`,
    );
}

/**
 * R16.12, R17, R65: what the chair can do about the Modification Report awaiting approval, for the chair
 * to read. Approval is refused while there is no version, or while the latest one lacks an item with no
 * reason given, so the words say so up front and how to get on (only SECAS records a version); a bare
 * "approve" only when approving would be accepted.
 */
export function approvalWords(m: Modification): string {
  const ref = refOf(m);
  if (!hasModificationReport(m))
    return 'SECAS has recorded no version of it yet, so there is nothing to approve: ask SECAS to record it.';
  const missing = missingItems(m, {});
  if (missing.length)
    return `The latest version does not cover ${missing.map((i) => `${i.title} (${i.id})`).join(', ')}: approving needs a version that does (ask SECAS to record one), or a reason for each that does not apply (${cmd(`panel approve-report ${ref} na:<item>="why"`)}).`;
  return `Approve it as final: ${cmd(`panel approve-report ${ref}`)}.`;
}
