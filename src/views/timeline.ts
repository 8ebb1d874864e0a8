// R82: a modification's life on a Working-Day axis, as data for the register's SVG drawing and its text
// alternative: the stages it went through (from its status changes), its ballots with their outcomes,
// the Fast Track objection window, and its deadlines. Positions count Working Days from the day it was
// raised (R30), so weekends and bank holidays take no room.
import type { Modification } from '../domain/modification.ts';
import type { Status } from '../domain/types.ts';
import { FINAL_STATUSES, STATUSES } from '../domain/types.ts';
import type { Calendar } from '../domain/working-days.ts';
import { londonDate } from '../domain/working-days.ts';
import { STATUS_WORDS, deadlineName, meetingStart } from './register.ts';
import { BALLOT_TITLES, listedDeadline, statusIs, when } from '../domain/words.ts';
import { plural } from './text.ts';

/** One stored event of a modification, for the timeline: only the kinds it draws. */
export interface TimelineEvent {
  type: string;
  at: Date;
  payload: Record<string, unknown>;
}

export interface TimelineSpan {
  label: string;
  /** Working Days after the day it was raised. */
  from: number;
  to: number;
  fromText: string;
  toText: string;
}

export interface Timeline {
  /** The axis runs from 0 to this many Working Days. */
  length: number;
  /** Where today is, while the modification is open. */
  today: number | null;
  stages: (TimelineSpan & { status: Status; current: boolean })[];
  ballots: (TimelineSpan & { outcome: 'open' | 'passed' | 'failed' | 'cancelled' | 'voided' })[];
  /** `ending` says in words how the window ended when it did not simply run on (R24–R26, R57). */
  fastTrack?: TimelineSpan & { objected: boolean; ending?: string };
  deadlines: { label: string; at: number; text: string; passed: boolean }[];
  /** The whole picture in one sentence, for those who cannot see it. */
  summary: string;
}

const isStatus = (s: unknown): s is Status =>
  typeof s === 'string' && (STATUSES as readonly string[]).includes(s);

export function timeline(
  m: Modification,
  events: readonly TimelineEvent[],
  calendar: Calendar,
  now: Date,
): Timeline {
  const start = londonDate(new Date(m.raisedAt));
  const wd = (iso: string | Date): number => {
    const d = typeof iso === 'string' ? new Date(iso) : iso;
    if (Number.isNaN(d.getTime())) return 0;
    return Math.max(0, calendar.workingDaysBetween(start, londonDate(d)));
  };
  const final = FINAL_STATUSES.includes(m.status);
  const nowIso = now.toISOString();

  // The stages: draft from the raise, then one per status change; a stream with none (an imported
  // projection) shows its present status from the raise.
  const changes: { status: Status; at: string }[] = [{ status: 'draft', at: m.raisedAt }];
  for (const e of events) {
    if (e.type === 'StatusChanged' && isStatus(e.payload.to))
      changes.push({ status: e.payload.to, at: e.at.toISOString() });
  }
  if (changes.length === 1 && m.status !== 'draft') changes[0] = { status: m.status, at: m.raisedAt };
  const stages = changes.map((c, i) => {
    const next = changes[i + 1];
    const current = next === undefined;
    const end = next?.at ?? (final ? c.at : nowIso);
    return {
      status: c.status,
      label: STATUS_WORDS[c.status],
      from: wd(c.at),
      to: wd(end),
      fromText: when(c.at),
      toText: current && !final ? 'now' : when(end),
      current,
    };
  });

  const closedAt = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'BallotClosed' && typeof e.payload.ballotId === 'string')
      closedAt.set(e.payload.ballotId, e.at.toISOString());
  }
  const ballots = m.ballots.map((b) => {
    const end = closedAt.get(b.id) ?? (b.status === 'open' ? (b.due ?? nowIso) : b.openedAt);
    const outcome = b.voided
      ? ('voided' as const)
      : b.status === 'open'
        ? ('open' as const)
        : b.status === 'cancelled'
          ? ('cancelled' as const)
          : b.passed
            ? ('passed' as const)
            : ('failed' as const);
    return {
      label: BALLOT_TITLES[b.kind],
      from: wd(b.openedAt),
      to: wd(end),
      fromText: when(b.openedAt),
      toText: b.status === 'open' && !b.due ? 'when the chair closes it' : when(end),
      outcome,
    };
  });

  let fastTrack: Timeline['fastTrack'];
  const approved = events.find((e) => e.type === 'FastTrackApproved');
  if (m.fastTrack && approved) {
    // R24–R26, R57: the window runs to its cut-off only while nothing ends it sooner; an objection,
    // a withdrawal, a merge or a close ends it when it happens.
    const objection = events.find((e) => e.type === 'Objected');
    const ended = m.fastTrack.ended;
    // R64: approval comes at the cut-off, however late the scheduler ran.
    const early = ended && ended.to !== 'approved' ? ended.at : undefined;
    const end = early ?? objection?.at.toISOString() ?? m.fastTrack.due;
    const ending = objection
      ? 'ended early by an objection'
      : !ended
        ? undefined
        : ended.to === 'approved'
          ? 'closed with no objection'
          : `ended early: it was ${statusIs(ended.to)}`;
    fastTrack = {
      label: 'Fast Track objection window',
      from: wd(approved.at),
      to: wd(end),
      fromText: when(approved.at.toISOString()),
      toText: when(end),
      objected: objection !== undefined,
      ...(ending ? { ending } : {}),
    };
  }

  const deadlines = m.deadlines
    // R82: a confirmed or held Working Group meeting is a mark too, as the page lists it among the dates.
    .filter(
      (d) => (listedDeadline(d) || meetingStart(d, m)) && (d.status === 'pending' || d.status === 'fired'),
    )
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((d) => ({
      label: deadlineName(d.what),
      at: wd(d.due),
      text: when(d.due),
      passed: d.status === 'fired' || d.due < nowIso,
    }));

  const today = final ? null : wd(now);
  const length = Math.max(
    1,
    today ?? 0,
    ...stages.map((s) => s.to),
    ...ballots.map((b) => b.to),
    ...deadlines.map((d) => d.at),
    fastTrack?.to ?? 0,
  );
  return {
    length,
    today,
    stages,
    ballots,
    ...(fastTrack ? { fastTrack } : {}),
    deadlines,
    summary: summary(m, stages, ballots, final),
  };
}

function summary(
  m: Modification,
  stages: Timeline['stages'],
  ballots: Timeline['ballots'],
  final: boolean,
): string {
  const last = stages.at(-1);
  const span = last ? last.to : 0;
  const path = stages.map((s) => s.label).join(', then ');
  const votes = ballots.length ? ` ${plural(ballots.length, 'ballot')}.` : '';
  const where = final
    ? `It ended ${STATUS_WORDS[m.status].toLowerCase()}`
    : `It is now ${statusIs(m.status)}`; // R71: "It is now approved", not "It is now in Approved".
  return `Raised ${when(m.raisedAt)}; ${plural(span, 'Working Day')} ${final ? 'in all' : 'so far'}. Stages: ${path}. ${where}.${votes}`;
}
