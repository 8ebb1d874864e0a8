// R2: who may do what, as one table. Deny by default: a command not allowed here is refused.
// `roles`: any of these roles allows it. `relation`: a relation to the modification that allows it
// whatever the roles (the proposer; a Working Group member; anyone with a person record, whose
// further eligibility, such as a ballot's frozen voter list, the stage checks). `system`: scheduler only.
import type { CommandType, Command } from './commands.ts';
import type { World } from './modification.ts';
import type { Context, Refusal, Role } from './types.ts';
import { effectiveRoles, refuse } from './types.ts';
import { listWords } from './words.ts';

export type Relation = 'proposer' | 'wg_member' | 'registered' | 'system';

export interface Permission {
  roles: readonly Role[];
  relation?: Relation;
  /** What it does, for help and refusals ("Only … can <does>"). */
  does: string;
}

const S: readonly Role[] = ['secas'];
const CHAIR: readonly Role[] = ['panel_chair'];
const ADMIN: readonly Role[] = ['admin'];
const NONE: readonly Role[] = [];

export const PERMISSIONS: Record<CommandType, Permission> = {
  raise: { roles: ['party'], does: 'raise a Draft Proposal' },
  amend: { roles: NONE, relation: 'proposer', does: 'amend it' },
  withdraw: { roles: NONE, relation: 'proposer', does: 'withdraw it' },
  proceed: { roles: NONE, relation: 'proposer', does: 'ask to proceed' },
  split: { roles: NONE, relation: 'proposer', does: 'split it' },
  'fasttrack-request': { roles: NONE, relation: 'proposer', does: 'request Fast Track' },
  object: { roles: ['party'], does: 'object to a Fast Track decision' },
  respond: { roles: NONE, relation: 'registered', does: 'respond to a consultation' },
  vote: { roles: NONE, relation: 'registered', does: 'vote' },
  view: { roles: ['change_board'], does: 'give a view' },
  plan: { roles: NONE, relation: 'proposer', does: 'answer a stall notice' },
  comment: { roles: S, does: 'send critical-friend comments' },
  iar: { roles: S, does: 'record the Initial Assessment Report' },
  'views-open': { roles: S, does: 'open Change Board views' },
  'views-close': { roles: S, does: 'close Change Board views' },
  merge: { roles: S, does: 'merge Draft Proposals' },
  batch: { roles: S, does: 'batch Draft Proposals' },
  'wg-form': { roles: S, does: 'form a Working Group' },
  'wg-add': { roles: S, does: 'add a Working Group member' },
  'wg-remove': { roles: S, does: 'remove a Working Group member' },
  'solution-add': { roles: S, does: 'add an Alternative Solution' },
  step: { roles: S, does: 'record a Refinement step' },
  'consult-open': { roles: S, does: 'open a consultation' },
  'consult-close': { roles: S, does: 'close a consultation' },
  'ballot-open': { roles: S, does: 'open a ballot' },
  'ballot-close': { roles: ['secas', 'panel_chair'], does: 'close a ballot' },
  'meeting-propose': { roles: S, does: 'propose a meeting' },
  'meeting-confirm': { roles: S, does: 'confirm a meeting' },
  'meeting-cancel': { roles: S, does: 'cancel a meeting' },
  'meeting-held': { roles: S, does: 'record a meeting as held' },
  available: { roles: NONE, relation: 'wg_member', does: 'give your availability' },
  attend: { roles: NONE, relation: 'wg_member', does: 'confirm attendance' },
  report: { roles: S, does: 'record a report' },
  authority: { roles: S, does: "record the Authority's decision" },
  implement: { roles: S, does: 'set the implementation date' },
  'extension-request': { roles: S, relation: 'wg_member', does: 'request a timetable extension' },
  'panel-route': { roles: CHAIR, does: 'route a modification' },
  'panel-fasttrack': { roles: CHAIR, does: 'open a Fast Track ballot' },
  'panel-raise-fasttrack': { roles: CHAIR, does: 'raise a Fast Track modification' },
  'panel-extend': { roles: CHAIR, does: 'grant an extension' },
  'panel-refuse-extension': { roles: CHAIR, does: 'refuse an extension' },
  'panel-approve-report': { roles: CHAIR, does: 'approve the Modification Report' },
  'panel-return': { roles: CHAIR, does: 'return the Modification Report' },
  'panel-stall-notice': { roles: CHAIR, does: 'send a stall notice' },
  'panel-close': { roles: CHAIR, does: 'close a stalled modification' },
  'panel-tor': { roles: CHAIR, does: 'publish the Working Group Terms of Reference' },
  'panel-derogate': { roles: CHAIR, does: 'grant a derogation' },
  'panel-timetable': { roles: CHAIR, does: 'set a timetable date' },
  'panel-determine': { roles: CHAIR, does: 'set the Self-Governance or Authority determination' },
  'admin-person-add': { roles: ADMIN, does: 'add people' },
  'admin-role': { roles: ADMIN, does: 'change roles' },
  'admin-link': { roles: ADMIN, does: 'link platform identities' },
  'admin-alternate': { roles: ADMIN, does: 'set alternates' },
  'admin-group': { roles: ADMIN, does: 'set voting groups' },
  'admin-channel': { roles: ADMIN, does: 'register channels' },
  'admin-holiday': { roles: ADMIN, does: 'change the holiday calendar' },
  'deadline-fire': { roles: NONE, relation: 'system', does: 'fire deadlines' },
};

export const ROLE_NAMES: Record<Role, string> = {
  party: 'SEC Parties',
  secas: 'SECAS',
  change_board: 'Change Board members',
  panel: 'Panel members',
  panel_chair: 'the Panel chair',
  admin: 'admins',
};
/** R71: one holder of each role, in plain words ("Gave Bob the Change Board member role"). */
export const ROLE_NAME_ONE: Record<Role, string> = {
  party: 'SEC Party',
  secas: 'SECAS',
  change_board: 'Change Board member',
  panel: 'Panel member',
  panel_chair: 'Panel chair',
  admin: 'admin',
};
export const RELATION_NAMES: Record<Relation, string> = {
  proposer: 'the proposer',
  wg_member: 'Working Group members',
  registered: 'registered people',
  system: 'the scheduler',
};

/** Whether the table allows these roles, ignoring relations (used by help and the matrix test). */
export const roleAllows = (type: CommandType, roles: readonly Role[]): boolean =>
  PERMISSIONS[type].roles.some((r) => effectiveRoles({ roles: [...roles] }).includes(r));

/** The relation the actor holds to the command's modification, if the table names one. */
function holdsRelation(rel: Relation, cmd: Command, world: World, ctx: Context): boolean {
  if (rel === 'system') return ctx.actor.kind === 'system';
  if (ctx.actor.kind !== 'person') return false;
  if (rel === 'registered') return true;
  const id = ctx.actor.person.id;
  const m = 'ref' in cmd ? world.modifications[cmd.ref] : undefined;
  if (!m) return true; // the stage answers not_found; there is nothing to protect
  if (rel === 'proposer') return m.proposer === id;
  return m.workingGroup?.members.includes(id) ?? false;
}

export function authorise(cmd: Command, world: World, ctx: Context): Refusal | undefined {
  const p = PERMISSIONS[cmd.type];
  if (ctx.actor.kind === 'system') {
    return p.relation === 'system' ? undefined : refuse('forbidden', 'The scheduler cannot do that.');
  }
  if (roleAllows(cmd.type, ctx.actor.person.roles)) return undefined;
  if (p.relation && holdsRelation(p.relation, cmd, world, ctx)) return undefined;
  const who = [...p.roles.map((r) => ROLE_NAMES[r]), ...(p.relation ? [RELATION_NAMES[p.relation]] : [])];
  const m = 'ref' in cmd ? world.modifications[cmd.ref] : undefined;
  const on = m ? ` on ${m.isMP ? 'MP' : 'DP'}${String(m.number).padStart(3, '0')}` : '';
  return refuse('forbidden', `Only ${listWords(who, 'or', 'nobody')} can ${p.does}${on}.`);
}
