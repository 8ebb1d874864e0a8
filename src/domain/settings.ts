// R50: the process settings, with their defaults. Parsed from an injected record (the environment or a
// script's `config KEY=value` lines) by the caller; the core only receives the parsed value.
import { z } from 'zod';

const wd = z.coerce.number().int().min(1).max(260);
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const settingsSchema = z.object({
  SEC_PANEL_QUORUM: z.coerce.number().int().min(1).max(100).default(5),
  SEC_WG_MIN_MEMBERS: z.coerce.number().int().min(1).max(100).default(5),
  SEC_CUTOFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .default('17:00'),
  SEC_CB_RULE: z.enum(['simple_majority', 'voting_groups']).default('simple_majority'),
  SEC_SHOW_RUNNING_SPLIT: bool.default(false),
  SEC_VIEWS_WD: wd.default(5),
  SEC_BALLOT_WD: wd.default(5),
  SEC_CONSULT_WD: wd.default(15),
  SEC_FT_WINDOW_WD: wd.default(15),
  SEC_CRITICAL_FRIEND_WD: wd.default(5),
  SEC_STALL_IDLE_WD: wd.default(60),
  SEC_STALL_OVERDUE_WD: wd.default(20),
  SEC_STALL_ANSWER_WD: wd.default(10),
});
export type Settings = z.infer<typeof settingsSchema>;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** Picks the SEC_* keys out of a wider record (such as the environment) and applies the defaults. */
export function parseSettings(
  source: Record<string, string | undefined> = {},
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  const picked: Record<string, string> = {};
  for (const key of SETTING_KEYS) {
    const v = source[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const r = settingsSchema.safeParse(picked);
  if (r.success) return { ok: true, settings: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
