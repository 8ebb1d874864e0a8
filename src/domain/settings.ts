// R50: the process settings, with their defaults. Parsed from an injected record (the environment or a
// script's `config KEY=value` lines) by the caller; the core only receives the parsed value.
// R47: a wrong value gets one line naming the setting, what it must be and the value given, the same
// at start, in `secbot config` and in a script. Values are trimmed, and blank means the default.

import { z } from 'zod';

interface Setting<T> {
  default: T;
  /** What the value must be, in words: "true or false", "a whole number from 1 to 100". */
  wanted: string;
  /** The value, or undefined when `raw` (trimmed, not blank) is not one. */
  read(raw: string): T | undefined;
}

/** A setting read by a zod schema; its error line is `wanted`, one sentence for every way to get it wrong. */
const setting = <T>(def: T, wanted: string, schema: z.ZodType<T, string>): Setting<T> => ({
  default: def,
  wanted,
  read: (raw) => {
    const r = schema.safeParse(raw);
    return r.success ? r.data : undefined;
  },
});

/** Plain decimal digits only: z.coerce.number() would also take "0x10", "1e1" and "2.0". */
const whole = (def: number, max: number, unit = ''): Setting<number> =>
  setting(
    def,
    `a whole number${unit} from 1 to ${max}`,
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(max)),
  );
const workingDays = (def: number) => whole(def, 260, ' of working days');

const trueOrFalse = (def: boolean): Setting<boolean> =>
  setting(
    def,
    'true or false',
    z.enum(['true', '1', 'false', '0']).transform((v) => v === 'true' || v === '1'),
  );

const oneOf = <T extends string>(options: readonly [T, ...T[]], def: T): Setting<T> =>
  setting(def, options.join(' or '), z.enum(options) as unknown as z.ZodType<T, string>);

const timeOfDay = (def: string): Setting<string> =>
  setting(def, 'a time HH:MM, 24-hour (such as 17:00)', z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/));

const SETTINGS = {
  SEC_PANEL_QUORUM: whole(5, 100),
  SEC_WG_MIN_MEMBERS: whole(5, 100),
  SEC_CUTOFF: timeOfDay('17:00'),
  SEC_CB_RULE: oneOf(['simple_majority', 'voting_groups'], 'simple_majority'),
  SEC_SHOW_RUNNING_SPLIT: trueOrFalse(false),
  SEC_VIEWS_WD: workingDays(5),
  SEC_BALLOT_WD: workingDays(5),
  SEC_CONSULT_WD: workingDays(15),
  SEC_FT_WINDOW_WD: workingDays(15),
  SEC_CRITICAL_FRIEND_WD: workingDays(5),
  SEC_STALL_IDLE_WD: workingDays(60),
  SEC_STALL_OVERDUE_WD: workingDays(20),
  SEC_STALL_ANSWER_WD: workingDays(10),
};

export type Settings = {
  [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;
};
export const SETTING_KEYS = Object.keys(SETTINGS) as (keyof Settings)[];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  SETTING_KEYS.map((k) => [k, SETTINGS[k].default]),
) as Settings;

/** One setting from its text; undefined or blank gives the default. The error line names the setting. */
export function parseSetting<K extends keyof Settings>(
  key: K,
  raw: string | undefined,
): { ok: true; value: Settings[K] } | { ok: false; error: string } {
  const s = SETTINGS[key] as Setting<Settings[K]>;
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: s.default };
  const value = s.read(text);
  return value === undefined
    ? { ok: false, error: `${key}: must be ${s.wanted}, not ${JSON.stringify(raw)}` }
    : { ok: true, value };
}

/** Picks the SEC_* keys out of a wider record (such as the environment) and applies the defaults. */
export function parseSettings(
  source: Record<string, string | undefined> = {},
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  const settings: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const key of SETTING_KEYS) {
    const r = parseSetting(key, source[key]);
    if (r.ok) settings[key] = r.value;
    else errors.push(r.error);
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings: settings as Settings };
}
