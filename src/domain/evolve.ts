// evolve(state, event): folds one event into the world. Pure; never throws for a well-formed history.
import type { DomainEvent, ModificationEvent } from './events.ts';
import { PROGRESS_EVENTS } from './events.ts';
import type { Modification, World } from './modification.ts';
import { newModification, stepOrder } from './modification.ts';
import { cloneState } from './clone.ts';
import { withVote } from './ballots.ts';

/** Fold one event into the world. Never throws for a well-formed history. */
export function evolve(world: World, event: DomainEvent, at?: string): World {
  if (event.n === undefined) {
    if (event.type === 'TermsOfReferencePublished') {
      return { ...world, system: { ...world.system, torVersion: event.version, torLink: event.link } };
    }
    return world; // directory and calendar events are projected by the store, not the process state
  }
  if (event.type === 'Raised') {
    const m = newModification(event);
    return {
      ...world,
      lastNumber: Math.max(world.lastNumber, event.n),
      modifications: { ...world.modifications, [event.n]: m },
    };
  }
  const current = world.modifications[event.n];
  if (!current) return world;
  const m = cloneState(current);
  apply(m, event, at);
  m.version++;
  if (at && PROGRESS_EVENTS.has(event.type)) {
    m.lastProgressAt = at;
    // R29, R58: progress after a stall notice voids it; closing then needs a fresh notice.
    if (m.stall && !m.stall.progressedAt) m.stall.progressedAt = at;
  }
  return { ...world, modifications: { ...world.modifications, [event.n]: m } };
}

export const evolveAll = (world: World, events: readonly DomainEvent[], at?: string): World =>
  events.reduce((w, e) => evolve(w, e, at), world);

/** R78: the confirmed meetings still to come (all confirmed ones when the time is not known). */
const upcomingMeetings = (m: Modification, at: string | undefined) =>
  m.meetings.filter(
    (mt) =>
      mt.status === 'confirmed' &&
      mt.confirmedAt !== undefined &&
      (at === undefined || Date.parse(mt.confirmedAt) > Date.parse(at)),
  );

const ballotOf = (m: Modification, id: string) => m.ballots.find((b) => b.id === id);

function apply(m: Modification, e: ModificationEvent, at: string | undefined): void {
  switch (e.type) {
    case 'Raised':
      return;
    case 'Amended':
      Object.assign(m, e.fields);
      return;
    case 'FastTrackRequested':
      m.fastTrackRequested = true;
      return;
    case 'CommentSent':
      m.secasCommented = true;
      return;
    case 'IarRecorded':
      m.iar = { ...m.iar, ...e.fields };
      return;
    case 'StatusChanged':
      if (m.status === 'fast_track_window' && m.fastTrack)
        m.fastTrack.ended = { to: e.to, ...(at ? { at } : {}) };
      m.status = e.to;
      return;
    case 'Promoted':
      m.isMP = true;
      return;
    case 'ViewsOpened':
      m.views = { status: 'open', due: e.due, byPerson: {} };
      return;
    case 'ViewGiven':
      m.views.byPerson[e.view.person] = e.view;
      return;
    case 'ViewsClosed':
      m.views.status = e.cancelled ? 'cancelled' : 'closed';
      return;
    case 'Routed':
      m.route = e.route;
      m.routeRequired = false;
      if (e.determination === 'self-governance' || e.determination === 'authority')
        m.determination = e.determination;
      if (e.by) m.reportBackBy = e.by;
      if (e.questions) m.panelQuestions = e.questions;
      return;
    case 'DeterminationSet':
      m.determination = e.determination;
      return;
    case 'WorkingGroupFormed':
      m.workingGroup = {
        id: e.wgId,
        members: [...e.members],
        torVersion: e.torVersion,
        ...(e.torLink ? { torLink: e.torLink } : {}),
        shared: [...e.shared],
        ...(e.questions ? { questions: e.questions } : {}),
        ...(m.workingGroup?.derogation ? { derogation: m.workingGroup.derogation } : {}),
      };
      return;
    case 'WorkingGroupMemberAdded':
      if (m.workingGroup && !m.workingGroup.members.includes(e.person)) m.workingGroup.members.push(e.person);
      // R78: a member who joins is sent each upcoming meeting's card and invite.
      for (const mt of upcomingMeetings(m, at))
        mt.invited = [...new Set([...(mt.invited ?? m.workingGroup?.members ?? []), e.person])];
      return;
    case 'WorkingGroupMemberRemoved':
      if (m.workingGroup) m.workingGroup.members = m.workingGroup.members.filter((p) => p !== e.person);
      // R78: a member who leaves is sent each upcoming meeting's cancellation, so is no longer invited.
      for (const mt of upcomingMeetings(m, at))
        mt.invited = (mt.invited ?? m.workingGroup?.members ?? []).filter((p) => p !== e.person);
      return;
    case 'DerogationGranted':
      m.workingGroup = m.workingGroup ?? {
        id: `wg-${m.number}`,
        members: [],
        torVersion: null,
        shared: [m.number],
      };
      m.workingGroup.derogation = { min: e.min, reason: e.reason };
      return;
    case 'MergedInto':
      m.links.mergedInto = e.into;
      return;
    case 'Absorbed':
      m.links.absorbed.push(e.absorbed);
      return;
    case 'Batched':
      m.links.batchedWith = [...new Set([...m.links.batchedWith, ...e.with])];
      return;
    case 'SplitInto':
      m.links.splitInto.push(...e.parts);
      return;
    case 'SolutionAdded':
      m.solutions.push({ id: e.id, title: e.title });
      return;
    case 'StepChanged':
      m.steps[e.step] = { state: e.state, ...(e.note ? { note: e.note } : {}) };
      return;
    case 'StepsReopened': {
      const order = stepOrder(m);
      const from = order.indexOf(e.from);
      for (const id of order.slice(from < 0 ? 0 : from)) delete m.steps[id];
      if (e.from === 'draft-report' || from >= 0) m.reportApproved = undefined;
      return;
    }
    case 'BallotOpened':
      m.ballots.push(cloneState(e.ballot));
      if (e.ballot.kind === 'fasttrack') m.fastTrackTried = true;
      return;
    case 'VoteCast': {
      const b = ballotOf(m, e.ballotId);
      if (!b) return;
      // R33: the latest vote per voter, seat and solution is what counts; every change stays in the
      // history (the events). Keeping each change here too made every vote read, copy and write back
      // a projection that grew with the ballot's history (QUALITY.md P8). A change takes the place
      // of the vote it changes, so the voters keep the order in which they first voted.
      b.votes = withVote(b.votes, {
        voter: e.voter,
        seat: e.seat,
        option: e.option,
        solution: e.solution,
        at: e.at,
      });
      return;
    }
    case 'BallotClosed': {
      const b = ballotOf(m, e.ballotId);
      if (b) {
        b.status = e.cancelled ? 'cancelled' : 'closed';
        b.tallies = e.tallies;
        b.passed = e.passed;
        // R75: a click on its old buttons is refused saying when it closed.
        if (at) b.closedAt = at;
      }
      return;
    }
    case 'BallotVoided': {
      const b = ballotOf(m, e.ballotId);
      if (b) b.voided = e.reason;
      return;
    }
    case 'ConsultationOpened':
      m.consultations.push({ id: e.id, kind: e.kind, status: 'open', due: e.due, responses: {} });
      return;
    case 'ResponseGiven': {
      const c = m.consultations.find((x) => x.id === e.consultationId);
      if (c) c.responses[e.response.person] = e.response;
      return;
    }
    case 'ConsultationClosed': {
      const c = m.consultations.find((x) => x.id === e.id);
      if (c) {
        c.status = e.cancelled ? 'cancelled' : 'closed';
        if (at) c.closedAt = at;
      }
      return;
    }
    case 'MeetingProposed':
      // R75: the members asked now are the ones whose poll DMs lose their buttons when it closes.
      m.meetings.push({ ...cloneState(e.meeting), polled: [...(m.workingGroup?.members ?? [])] });
      return;
    case 'AvailabilityGiven': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) (mt.availability[e.person] ??= {})[String(e.slot)] = e.yes;
      return;
    }
    case 'MeetingConfirmed': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (!mt) return;
      // R75: everyone sent the meeting card (with its attendance buttons) so far.
      const invited = [...new Set([...(mt.invited ?? []), ...(m.workingGroup?.members ?? [])])];
      // R40, R63: an attendance answer is about one time; a meeting moved to another time (or first given
      // a time) asks every member again, so the answers given for the old time no longer stand.
      const attendance = mt.confirmedAt === e.at ? mt.attendance : {};
      Object.assign(mt, { status: 'confirmed', confirmedAt: e.at, invited, attendance });
      return;
    }
    case 'AttendanceGiven': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) mt.attendance[e.person] = e.yes;
      return;
    }
    case 'MeetingHeld': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt)
        Object.assign(mt, {
          status: 'held',
          attended: e.attended,
          comments: e.comments,
          deemed: e.deemed,
          notes: e.notes,
        });
      return;
    }
    case 'MeetingCancelled': {
      const mt = m.meetings.find((x) => x.id === e.meetingId);
      if (mt) mt.status = 'cancelled';
      return;
    }
    case 'DocumentRecorded':
      (m.documents[e.doc] ??= []).push({
        version: e.version,
        link: e.link,
        by: e.by,
        at: e.at,
        ...(e.nonMaterial ? { nonMaterial: true } : {}),
        ...(e.note ? { note: e.note } : {}),
        ...(e.items ? { items: e.items } : {}),
      });
      return;
    case 'DecisionSummaryDrafted':
      m.decisionSummaryDraft = e.text;
      return;
    case 'ReportApproved':
      m.reportApproved = { na: e.na };
      return;
    case 'ReportReturned':
      m.reportApproved = undefined;
      return;
    case 'ProposerDecided':
      m.proposerDecision = {
        againstRecommendation: e.againstRecommendation,
        ...(e.rationale ? { rationale: e.rationale } : {}),
      };
      return;
    case 'FastTrackApproved':
      m.fastTrack = { due: e.due };
      return;
    case 'RouteRequired':
      m.routeRequired = true;
      return;
    case 'Objected':
      if (m.fastTrack) m.fastTrack.objection = { by: e.by, reason: e.reason };
      return;
    case 'AuthorityDecided':
      m.authority = {
        decision: e.decision,
        ...(e.stage ? { stage: e.stage } : {}),
        ...(e.note ? { note: e.note } : {}),
      };
      return;
    case 'ImplementationDateSet':
      m.implementAt = e.date;
      return;
    case 'ImplementationDateDropped':
      delete m.implementAt;
      return;
    case 'ExtensionRequested':
      m.extensions.push({ item: e.item, date: e.date, reason: e.reason, by: e.by });
      return;
    case 'ExtensionAnswered': {
      const x = [...m.extensions].reverse().find((r) => r.item === e.item && r.granted === undefined);
      if (x) Object.assign(x, { granted: e.granted, answeredBy: e.by });
      if (e.granted) m.timetable[e.item] = e.date;
      return;
    }
    case 'TimetableSet':
      m.timetable[e.item] = e.date;
      return;
    case 'ReportBackSet':
      m.reportBackBy = e.date;
      return;
    case 'StallNoticeSent':
      m.stall = { noticeAt: e.at, answerDue: e.answerDue, criteria: e.criteria };
      return;
    case 'PlanSubmitted':
      if (m.stall) m.stall.plan = e.text;
      return;
    case 'Withdrawn':
      m.withdrawnReason = e.reason;
      return;
    case 'Closed':
      m.closedReason = e.reason;
      return;
    case 'DeadlineSet':
      m.deadlines.push(cloneState(e.deadline));
      return;
    case 'DeadlineCancelled': {
      const d = m.deadlines.find((x) => x.id === e.id);
      if (d) d.status = 'cancelled';
      return;
    }
    case 'DeadlineFired': {
      const d = m.deadlines.find((x) => x.id === e.id);
      if (d) d.status = 'fired';
      return;
    }
    case 'ReminderSent': {
      // R75: a ballot reminder DM carries vote buttons; who got one is kept so it loses them at the close.
      const subject = m.deadlines.find((d) => d.id === e.deadlineId)?.subject;
      const b = subject === undefined ? undefined : ballotOf(m, subject);
      if (b?.status === 'open' && e.what.startsWith('ballot-close') && e.to.length)
        b.reminded = [...new Set([...(b.reminded ?? []), ...e.to])];
      return;
    }
  }
  const _exhaustive: never = e;
  return _exhaustive;
}
