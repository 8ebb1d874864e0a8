// R73: a deadline is the bot's doing, set or dropped as a consequence of what a person did. Its history
// line is the bot's, and says whose change caused it: "the bot · SECAS critical-friend comments: Mon 18 Jan
// 2027, 17:00 (set when Alice Proposer raised it)".
import type { ModificationEvent } from './events.ts';
import type { HistoryEntry } from './history.ts';
import { itemWords } from './stages/refinement-steps.ts';
import type { People } from './words.ts';
import { BALLOT_TITLES, CONSULTATION_NAMES, nameOf } from './words.ts';

/**
 * What a person did that made the bot set or drop a deadline, as "<name> <phrase>" reads: the first
 * change of the same command (same time and actor) that says what they did.
 */
const CAUSES: Partial<Record<ModificationEvent['type'], (e: ModificationEvent) => string>> = {
  Raised: (e) => (e.type === 'Raised' && e.splitFrom ? 'split it off' : 'raised it'),
  CommentSent: () => 'sent critical-friend comments',
  IarRecorded: () => 'recorded the Initial Assessment Report',
  ViewsOpened: () => 'opened the Change Board views',
  ViewsClosed: () => 'closed the Change Board views',
  Routed: () => 'routed it',
  DeterminationSet: () => 'set the determination',
  WorkingGroupFormed: () => 'formed the Working Group',
  BallotOpened: (e) => (e.type === 'BallotOpened' ? `opened the ${BALLOT_TITLES[e.ballot.kind]}` : ''),
  // A Change Board ballot closes itself on its last seat's vote (R34): the vote is what the person did.
  VoteCast: () => 'cast the last vote, which closed the ballot',
  BallotClosed: () => 'closed the ballot',
  ConsultationOpened: (e) =>
    e.type === 'ConsultationOpened' ? `opened the ${CONSULTATION_NAMES[e.kind]}` : '',
  ConsultationClosed: () => 'closed the consultation',
  MeetingProposed: () => 'proposed meeting times',
  MeetingConfirmed: () => 'confirmed the meeting',
  MeetingHeld: () => 'recorded the meeting',
  StepChanged: (e) => (e.type === 'StepChanged' ? `updated "${itemWords(e.step)}"` : ''),
  StepsReopened: () => 'reopened Refinement steps',
  ReportApproved: () => 'approved the Modification Report',
  ReportReturned: () => 'returned the Modification Report',
  ProposerDecided: () => 'decided to proceed',
  Objected: () => 'objected to Fast Track',
  AuthorityDecided: () => "recorded the Authority's decision",
  ImplementationDateSet: () => 'set the implementation date',
  TimetableSet: (e) => (e.type === 'TimetableSet' ? `planned ${itemWords(e.item)}` : ''),
  ExtensionAnswered: (e) =>
    e.type === 'ExtensionAnswered' ? `${e.granted ? 'granted' : 'refused'} the extension` : '',
  StallNoticeSent: () => 'sent the stall notice',
  Withdrawn: () => 'withdrew it',
  Closed: () => 'closed it',
  MergedInto: () => 'merged it',
};

export const isDeadlineChange = (type: string): boolean =>
  type === 'DeadlineSet' || type === 'DeadlineCancelled';

/**
 * R73: a deadline is set or dropped by the bot as a consequence of what a person did, so its line reads
 * as the bot's, saying whose change caused it ("the bot · … (set when Alice Proposer raised it)").
 */
export function deadlineCause(entries: readonly HistoryEntry[], i: number, n: number, ctx: People): string {
  const { at, actor } = entries[i] as HistoryEntry;
  const same = (x: HistoryEntry | undefined): boolean => !!x && x.at === at && x.actor === actor;
  let first = i;
  while (same(entries[first - 1])) first--;
  const name = nameOf(ctx, actor);
  for (let j = first; same(entries[j]); j++) {
    const x = entries[j] as HistoryEntry;
    const phrase = CAUSES[x.type as ModificationEvent['type']];
    if (!phrase) continue;
    try {
      const said = phrase({ ...x.payload, n, type: x.type } as ModificationEvent);
      if (said) return `${name} ${said}`;
    } catch {
      // An older shape: fall through to the plain attribution.
    }
  }
  return `${name} made a change`;
}
