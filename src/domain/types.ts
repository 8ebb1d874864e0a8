// Shared vocabulary of the process core: roles, statuses, people, refusals and the decision context.
// Everything here is plain data so that it can be stored as JSON and compared in tests.
import type { Calendar } from './working-days.ts';
import type { Settings } from './settings.ts';

export const ROLES = ['party', 'secas', 'change_board', 'panel', 'panel_chair', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = [
  'draft',
  'initial_assessment',
  'change_board_views',
  'awaiting_panel',
  'development',
  'refinement',
  'report',
  'awaiting_authority',
  'fast_track_window',
  'approved',
  'implemented',
  'rejected',
  'withdrawn',
  'merged',
  'closed',
] as const;
export type Status = (typeof STATUSES)[number];

/** R19: these never change. `approved` is final too, except that it becomes `implemented`. */
export const FINAL_STATUSES: readonly Status[] = ['implemented', 'rejected', 'withdrawn', 'merged', 'closed'];
/** R58: "open" is any status but approved and the final ones. */
export const isOpenStatus = (s: Status): boolean => s !== 'approved' && !FINAL_STATUSES.includes(s);
/** R22: Fast Track is considered before the DP is routed. */
export const PRE_ROUTING: readonly Status[] = [
  'draft',
  'initial_assessment',
  'change_board_views',
  'awaiting_panel',
];

export type PersonId = string;

/**
 * R1: a platform id as the directory keeps and compares it. A Teams AAD object id is a GUID, whose case
 * means nothing, so it is lower-cased; a Slack id is kept as given. Every reader of an id (the Teams
 * adapter, `admin link`, the import, the store) goes through this one function.
 */
/** A Teams AAD object id: a GUID (R1), as the import and `admin link` accept it. */
export const TEAMS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const canonicalPlatformId = (platform: string, platformId: string): string =>
  platform === 'teams' ? platformId.trim().toLowerCase() : platformId.trim();

export interface Person {
  id: PersonId;
  email: string;
  name: string;
  /** Script handle or short name; used to resolve `<person>` arguments. */
  handle?: string;
  roles: Role[];
  votingGroup?: string;
  /** R33/R62: the person who may vote in this member's seat when the member has not. */
  alternate?: PersonId;
}

/** `panel_chair` implies `panel` (R54). */
export function effectiveRoles(p: Pick<Person, 'roles'>): Role[] {
  const roles = new Set(p.roles);
  if (roles.has('panel_chair')) roles.add('panel');
  return [...roles];
}

export type Actor = { kind: 'person'; person: Person } | { kind: 'system'; deadlineId?: string };

export interface Context {
  /** The instant the command is decided at. The core never reads the clock. */
  now: Date;
  /**
   * A deadline fired by the running bot's scheduler: the instant it really fired. It is decided at its
   * due time (`now`), so the history reads as if the bot had been on time; after downtime this is
   * later, and a reminder that would come after what it reminds of is not sent (R34, R64, R75).
   */
  firedAt?: Date;
  actor: Actor;
  calendar: Calendar;
  settings: Settings;
  /** The directory at this moment (R2: authorise against current roles). */
  people: readonly Person[];
  /** R1: for `admin link`, who the platform id is linked to now (null: nobody), read in the transaction. */
  linkedTo?: PersonId | null;
  /** R42: for `admin channel`, the channels registered now on the command's platform, read in the transaction. */
  channels?: readonly ChannelRegistration[];
}

/** R42: a conversation registered as one of the bot's channels on one platform (`admin channel`). */
export interface ChannelRegistration {
  /** change-board, panel or announcements. */
  channel: string;
  platform: string;
  channelId: string;
}

export const REFUSAL_CODES = [
  'forbidden',
  'not_registered',
  'not_found',
  'bad_input',
  'wrong_status',
  'scope_fixed',
  'report_final',
  'route_required',
  'views_not_open',
  'not_eligible',
  'ballot_closed',
  'no_open_ballot',
  'ballot_open',
  'window_closed',
  'consultation_closed',
  'prerequisites',
  'report_incomplete',
  'wg_too_small',
  'not_member',
  'no_meeting',
  'not_stalled',
  'no_notice',
  'too_early',
  'already_done',
  'fast_track_used',
  'no_group',
  'no_determination',
  'no_pending_extension',
  'holiday_fixed',
  'not_proposer',
  'member_voted',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** R2: a refusal is a value with a stable code and a sentence for the person. */
export interface Refusal {
  refused: true;
  code: RefusalCode;
  message: string;
}
export const refuse = (code: RefusalCode, message: string): Refusal => ({ refused: true, code, message });
export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && (x as { refused?: unknown }).refused === true;

/** DP7 / MP042 (R4): at least three digits. */
export function formatRef(number: number, isMP: boolean): string {
  return `${isMP ? 'MP' : 'DP'}${String(number).padStart(3, '0')}`;
}

/**
 * R62: two voting-group names that differ only in capitals or spaces ("Suppliers", "suppliers "). Votes
 * are counted by the exact name, so such a pair would be two groups; chat and the import refuse it.
 */
export const groupSpeltOtherwise = (a: string, b: string): boolean => {
  const norm = (g: string) => g.trim().replace(/\s+/g, ' ').toLowerCase();
  return a !== b && norm(a) === norm(b);
};
