// Every command the core accepts, as a zod schema (the boundary) and its inferred type.
// Queries (help, status, list, history, workdays) are not commands: they change nothing (see queries.ts).
import { z } from 'zod';
import { ROLES } from './types.ts';

/** A modification number: DP7, dp007 and MP007 all resolve to 7 (R4, R66). */
const ref = z.number().int().min(1);
/** A person as typed: id, e-mail or handle; the core resolves it against the directory. */
const person = z.string().min(1);
const text = z.string().trim().min(1).max(20_000);
/** R62: a voting group's name, the same for `admin person add … group=` and `admin group`. */
const votingGroup = z.string().trim().min(1).max(100);
const optText = text.optional();
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** An ISO instant (slots are London times converted by the grammar). */
const instant = z.string().datetime({ offset: true });

export const ROUTES = ['development', 'refinement', 'report'] as const;
export const IAR_ROUTES = ['development', 'refinement', 'report', 'fasttrack'] as const;
export const DETERMINATIONS = ['self-governance', 'authority'] as const;
export const STANCES = ['support', 'concerns', 'oppose'] as const;
export const STEP_STATES = ['requested', 'done', 'na'] as const;
export const DOCS = ['iar', 'development', 'modification', 'summary'] as const;
export const CHANNELS = ['change-board', 'panel', 'announcements'] as const;
export const BALLOT_OPEN_KINDS = ['sufficiency', 'ia', 'decision'] as const;

const c = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();

export const commandSchemas = [
  c('raise', {
    title: text.max(200),
    problem: text,
    solution: optText,
    benefits: optText,
    fastTrack: z.boolean().default(false),
  }),
  c('amend', {
    ref,
    title: text.max(200).optional(),
    problem: optText,
    solution: optText,
    benefits: optText,
  }),
  c('withdraw', { ref, reason: text }),
  c('proceed', { ref, rationale: optText }),
  c('split', {
    ref,
    parts: z
      .array(z.object({ title: text.max(200), problem: text }))
      .min(1)
      .max(10),
  }),
  c('fasttrack-request', { ref }),
  c('object', { ref, reason: text }),
  c('respond', {
    ref,
    org: text.max(200),
    positions: z.record(z.string().regex(/^(S0|A\d+)$/), z.enum(['support', 'oppose'])),
    comments: optText,
  }),
  c('vote', {
    ref,
    option: z.string().min(1),
    solution: z
      .string()
      .regex(/^(S0|A\d+)$/)
      .optional(),
    // Set by a vote button only: the ballot it was made for (R36, R75); typed, the open ballot.
    ballot: z.string().min(1).max(100).optional(),
  }),
  c('view', {
    ref,
    stance: z.enum(STANCES),
    rationale: optText,
    fit: optText,
    areas: optText,
    questions: optText,
    parallel: optText,
    comments: optText,
  }),
  c('plan', { ref, text }),
  c('comment', { ref, text }),
  c('iar', {
    ref,
    impacts: optText,
    questions: optText,
    expertise: optText,
    route: z.enum(IAR_ROUTES).optional(),
    subcommittees: z.array(z.string().min(1)).optional(),
    timetable: optText,
    dcc: z.boolean().optional(),
  }),
  c('views-open', { ref, days: z.number().int().min(1).max(260).optional() }),
  c('views-close', { ref }),
  c('merge', { ref, into: ref }),
  c('batch', { refs: z.array(ref).min(2) }),
  c('wg-form', { refs: z.array(ref).min(1), people: z.array(person) }),
  c('wg-add', { ref, person }),
  c('wg-remove', { ref, person }),
  c('solution-add', { ref, title: text.max(200) }),
  c('step', { ref, step: z.string().min(1), state: z.enum(STEP_STATES), note: optText }),
  c('consult-open', { ref, days: z.number().int().min(1).max(260).optional() }),
  c('consult-close', { ref }),
  c('ballot-open', {
    ref,
    kind: z.enum(BALLOT_OPEN_KINDS),
    days: z.number().int().min(1).max(260).optional(),
  }),
  c('ballot-close', { ref }),
  c('meeting-propose', { ref, slots: z.array(instant).min(2).max(5) }),
  c('meeting-confirm', {
    ref,
    slot: z.union([z.number().int().min(1), instant]),
    // Set by a "Confirm slot n" button only: the poll it was made for (R75); typed, the latest poll.
    meeting: z.string().min(1).max(100).optional(),
  }),
  // R78: the next confirmed meeting still to come (or the one at `at`), else an open poll.
  c('meeting-cancel', { ref, at: instant.optional(), reason: optText }),
  c('meeting-held', {
    ref,
    attended: z.array(person),
    comments: z.array(person).default([]),
    notes: optText,
  }),
  // `meeting` is set by a button only: the poll or meeting it was made for (R75); typed, the latest one.
  c('available', {
    ref,
    slot: z.number().int().min(1),
    yes: z.boolean(),
    meeting: z.string().min(1).max(100).optional(),
  }),
  c('attend', { ref, yes: z.boolean(), meeting: z.string().min(1).max(100).optional() }),
  c('report', {
    ref,
    doc: z.enum(DOCS),
    link: text.max(2000),
    nonMaterial: z.boolean().default(false),
    note: optText,
    items: z.array(z.string().min(1)).optional(),
  }),
  c('authority', {
    ref,
    decision: z.enum(['approved', 'rejected', 'sent-back']),
    stage: z.enum(['refinement', 'report']).optional(),
    note: optText,
  }),
  c('implement', { ref, date: localDate }),
  c('extension-request', { ref, item: z.string().min(1).max(100), date: localDate, reason: text }),
  c('panel-route', {
    ref,
    route: z.enum(ROUTES),
    determination: z.enum(DETERMINATIONS).optional(),
    by: localDate.optional(),
    questions: optText,
  }),
  c('panel-fasttrack', { ref, implement: localDate.optional() }),
  c('panel-raise-fasttrack', { title: text.max(200), problem: text }),
  c('panel-extend', { ref, date: localDate.optional() }),
  c('panel-refuse-extension', { ref }),
  c('panel-approve-report', { ref, na: z.record(z.string(), text).default({}) }),
  c('panel-return', { ref, reason: text }),
  c('panel-stall-notice', { ref }),
  c('panel-close', { ref, reason: text }),
  c('panel-tor', { link: text.max(2000) }),
  c('panel-derogate', { ref, min: z.number().int().min(1).max(100), reason: text }),
  c('panel-timetable', { ref, item: z.string().min(1).max(100), date: localDate }),
  c('panel-determine', { ref, determination: z.enum(DETERMINATIONS) }),
  c('admin-person-add', {
    email: z.string().email(),
    name: text.max(200),
    roles: z.array(z.enum(ROLES)),
    group: votingGroup.optional(),
  }),
  c('admin-role', {
    op: z.enum(['add', 'remove']),
    person,
    role: z.enum(ROLES),
  }),
  c('admin-link', { person, platform: z.enum(['slack', 'teams']), platformId: z.string().min(1).max(200) }),
  // R62: null clears the member's alternate (typed `none`).
  c('admin-alternate', { person, alternate: person.nullable() }),
  // R62: null clears the person's voting group (typed `none`).
  c('admin-group', { person, group: votingGroup.nullable() }),
  c('admin-channel', {
    channel: z.enum(CHANNELS),
    platform: z.string().min(1),
    channelId: z.string().min(1),
  }),
  c('admin-holiday', { op: z.enum(['add', 'remove']), date: localDate, name: optText }),
  /** Issued by the scheduler (actor `system`) when a deadline row falls due. */
  c('deadline-fire', { ref, deadlineId: z.string().min(1) }),
] as const;

export const commandSchema = z.discriminatedUnion('type', commandSchemas);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export const COMMAND_TYPES = commandSchemas.map((s) => s.shape.type.value) as CommandType[];

/** The modification numbers a command touches, so a store can load (and lock) just those. */
export function refsOf(cmd: Command): number[] {
  const refs: number[] = [];
  if ('ref' in cmd) refs.push(cmd.ref);
  if (cmd.type === 'merge') refs.push(cmd.into);
  if (cmd.type === 'batch' || cmd.type === 'wg-form') refs.push(...cmd.refs);
  return [...new Set(refs)];
}
