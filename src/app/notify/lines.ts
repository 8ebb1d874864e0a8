// The "what changed" sentences of the proposer's status DM (SPEC §7: any change of status or of a
// Refinement step, R15, R16, R56), one per event; undefined for events the proposer is not told about
// this way (they have their own message, or no message at all).
import type { ModificationEvent } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { findStep, itemWords, plannedDate } from '../../domain/stages/refinement-steps.ts';
import { sentBackTo } from '../../domain/history.ts';
import { DOC_NAMES } from '../../domain/stages/documents.ts';
import { formatRef } from '../../domain/types.ts';
import type { People } from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';
import {
  BALLOT_PHRASES,
  capitalised,
  CONSULTATION_NAMES,
  count,
  day,
  determinationWords,
  nameOf,
  ROUTE_WORDS,
  statusLabel,
  stepChangeWords,
  when,
} from '../../domain/words.ts';

const refs = (ns: readonly number[]): string => ns.map((n) => formatRef(n, false)).join(', ');

export function changeLine(e: ModificationEvent, m: Modification, ctx: People): string | undefined {
  switch (e.type) {
    case 'Raised':
      return e.splitFrom
        ? `${formatRef(e.n, false)} "${e.title}" was split from ${formatRef(e.splitFrom, false)}.`
        : `${formatRef(e.n, false)} "${e.title}" is raised${e.fastTrackRequested ? ', with a request for Fast Track' : ''}.`;
    case 'IarRecorded': {
      const route = e.fields.route ? ` (recommended route: ${ROUTE_WORDS[e.fields.route]})` : '';
      return `SECAS recorded the Initial Assessment Report${route}.`;
    }
    case 'StatusChanged':
      return `Status: ${statusLabel(e.from)} → ${statusLabel(e.to)}${e.reason ? ` (${e.reason})` : ''}.`;
    case 'Promoted':
      return `${formatRef(e.n, false)} is now ${formatRef(e.n, true)}, a Modification Proposal: its scope (title and problem) is fixed.`;
    case 'Routed': {
      const det = e.determination ? `; determination: ${determinationWords(e.determination)}` : '';
      const by = e.by ? `; report back by ${day(e.by)}` : '';
      const q = e.questions ? `; questions: ${e.questions}` : '';
      return `Routed to ${ROUTE_WORDS[e.route]}${det}${by}${q}.`;
    }
    case 'DeterminationSet':
      return `Determination: ${determinationWords(e.determination)}.`;
    case 'DerogationGranted':
      return `The Panel granted a derogation: the Working Group needs at least ${e.min} members (${e.reason}).`;
    case 'Absorbed':
      return `${formatRef(e.absorbed, false)} was merged into it.`;
    case 'Batched':
      return `Batched with ${refs(e.with)}: they progress together.`;
    case 'SplitInto':
      return `Split: it keeps the first part; ${refs(e.parts)} ${e.parts.length === 1 ? 'is a new DP' : 'are new DPs'}.`;
    case 'SolutionAdded':
      return `Alternative Solution ${e.id} "${e.title}" added.`;
    case 'StepChanged':
      // R71: "Refinement step done: Draft the legal text", not "Refinement step Legal text drafted: done".
      return `${stepChangeWords(e.step, e.state, e.note)}.`;
    case 'StepsReopened':
      return `Refinement steps from ${findStep(m, e.from)?.title ?? e.from} on are reopened${e.reason ? `: ${e.reason}` : ''}.`;
    case 'DocumentRecorded': {
      const nm = e.nonMaterial ? ` as a non-material change${e.note ? ` (${e.note})` : ''}` : '';
      return `${DOC_NAMES[e.doc]} version ${e.version} recorded${nm}.`;
    }
    case 'FastTrackApproved':
      return `The Panel approved Fast Track unanimously; the objection window closes ${when(e.due)}.`;
    case 'Objected':
      return `${nameOf(ctx, e.by)} objected to Fast Track: ${e.reason}`;
    case 'AuthorityDecided': {
      // R71: in words, not the decision's code ("sent-back") or the stage's ("report").
      const note = e.note ? `: ${e.note}` : '';
      if (e.decision !== 'sent-back') return `The Authority's decision: ${e.decision}${note}.`;
      return `The Authority sent it back${e.stage ? ` to ${sentBackTo(e.stage)}` : ''}${note}.`;
    }
    case 'BallotOpened':
      // R22: the Panel's Fast Track ballot passes only if unanimous and the chair closes it at the meeting.
      if (e.ballot.kind === 'fasttrack')
        return 'The Panel is voting on Fast Track for it: it passes only if every vote is Approve, and the Panel chair closes the ballot at the meeting.';
      // §7, R16.7, R16.8, R18: a Change Board ballot opening is a change of step; the proposer is told
      // (its result comes with the step or status it settles). Not per vote. Its closing time is in the
      // DM's "Next:" and "Deadlines:" lines, so it is not said a third time here.
      return `${capitalised(BALLOT_PHRASES[e.ballot.kind])} is open; it closes early once every member has voted.`;
    case 'ConsultationOpened':
      // §7, R18: the Modification Report Consultation has no Refinement step to announce it (the
      // Working Group Consultation is told as its step, R16.5).
      return e.kind === 'report'
        ? `The ${CONSULTATION_NAMES.report} is open until ${when(e.due)}.`
        : undefined;
    case 'ConsultationClosed': {
      // §7, R18: as above; a cancelled one is told by the status change that cancelled it.
      const c = m.consultations.find((x) => x.id === e.id);
      if (e.cancelled || !c || c.kind !== 'report') return undefined;
      return `The ${CONSULTATION_NAMES.report} closed with ${count(Object.keys(c.responses).length, 'response')}.`;
    }
    case 'ImplementationDateSet':
      // R22, R26: a date set with the Fast Track ballot (or during the window) holds only if Fast Track passes.
      if (m.ballots.some((b) => b.kind === 'fasttrack' && b.status === 'open'))
        return `If Fast Track passes, it is implemented on ${day(e.date)}, the date agreed.`;
      if (m.status === 'fast_track_window')
        return `If the objection window closes with no objection, it is implemented on ${day(e.date)}, the date agreed.`;
      return `Implementation date: ${day(e.date)}.`;
    case 'ImplementationDateDropped':
      // R19: the Panel decided later than the date was agreed against, so it would precede approval.
      return `The agreed implementation date ${day(e.date)} no longer holds: ${e.reason}. The Panel chair gives a new one: ${cmd(`panel fasttrack ${formatRef(m.number, m.isMP)} implement=<YYYY-MM-DD>`)}.`;
    case 'ExtensionAnswered':
      return e.granted
        ? `The Panel chair granted the extension: ${itemWords(e.item)} is now planned for ${day(e.date)}.`
        : `The Panel chair refused the extension of ${itemWords(e.item)}; it carries on to its planned date${plannedDate(m, e.item) ? `, ${day(plannedDate(m, e.item) as string)}` : ''}.`;
    case 'TimetableSet':
      return `Planned date for ${itemWords(e.item)}: ${day(e.date)}.`;
    default:
      return undefined;
  }
}
