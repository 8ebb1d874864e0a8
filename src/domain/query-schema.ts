// Read-only requests (R32, R45, R66): they change nothing, so they are not commands. The grammar
// produces them; queries.ts answers them.
import { z } from 'zod';

const ref = z.number().int().min(1);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const LIST_FILTERS = ['open', 'mine', 'all'] as const;

export const querySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('help'), topic: z.string().trim().min(1).max(100).optional() }).strict(),
  /** R32: exactly one of `n` ("N Working Days after from") and `to` (Working Days between). */
  z
    .object({
      kind: z.literal('workdays'),
      from: localDate,
      n: z.number().int().min(1).max(100_000).optional(),
      to: localDate.optional(),
    })
    .strict()
    .refine(
      (q) => (q.n === undefined) !== (q.to === undefined),
      'give a number of Working Days or a second date',
    ),
  z.object({ kind: z.literal('status'), ref }).strict(),
  z.object({ kind: z.literal('list'), which: z.enum(LIST_FILTERS).default('open') }).strict(),
  /** R73: 20 changes a page, oldest first. */
  z
    .object({ kind: z.literal('history'), ref, page: z.number().int().min(1).max(100_000).optional() })
    .strict(),
  z.object({ kind: z.literal('config') }).strict(),
  /** R83: a link to the web register (signed and expiring unless the register is public). */
  z.object({ kind: z.literal('register') }).strict(),
  /**
   * R84: the person's calendar feed address; `reset` ends it. The feed is not process state (no event,
   * no history): the answer needs the bot's web settings, so the engine answers it (app/web-requests.ts).
   */
  z.object({ kind: z.literal('calendar'), reset: z.boolean() }).strict(),
  /** R81: what this person owes now, across every modification, soonest due first, with its buttons. */
  z.object({ kind: z.literal('mine') }).strict(),
  /**
   * R81: `notify digest off|on` switches the personal Monday digest. A preference, not process state (no
   * event, no history): the engine answers it (app/prefs.ts).
   */
  z.object({ kind: z.literal('notify'), what: z.literal('digest'), on: z.boolean() }).strict(),
]);

export type Query = z.infer<typeof querySchema>;
export type QueryKind = Query['kind'];
export type QueryOf<K extends QueryKind> = Extract<Query, { kind: K }>;
export const QUERY_KINDS: readonly QueryKind[] = [
  'help',
  'workdays',
  'status',
  'list',
  'history',
  'config',
  'register',
  'calendar',
  'mine',
  'notify',
];
