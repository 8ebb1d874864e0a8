// The web register and calendar feeds' part of the environment (R82–R84), parsed by config.ts with the
// rest. Kept apart so the web switches read in one place: who may open the register, what it shows,
// how links are signed and where they point.
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const flag = optional.pipe(
  z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .transform((v) => v === 'true' || v === '1')
    .optional(),
);

const LINK_HOURS = `must be a whole number of hours from 1 to ${24 * 90}`;

export const WEB_ENV = {
  /** R83: the register is open to anyone (no signed link needed). */
  SEC_REGISTER_PUBLIC: flag,
  /** R82: the register shows who voted what. */
  SEC_REGISTER_SHOW_VOTES: flag,
  /** R83: signs register links and derives calendar feed addresses; without it both are off. */
  SEC_WEB_SECRET: optional.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** The address people reach the bot's web pages at, for the links the bot sends. */
  SEC_WEB_URL: optional.pipe(
    z
      .url('must be an http:// or https:// address')
      .regex(/^https?:\/\//, 'must be an http:// or https:// address')
      .refine((u) => !/[?#]/.test(u), 'must not have a query or a fragment')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  ),
  /** R83: how long a signed register link works. */
  SEC_REGISTER_LINK_HOURS: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, LINK_HOURS)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, LINK_HOURS)
          .max(24 * 90, LINK_HOURS),
      )
      .optional(),
  ),
};

export interface WebConfig {
  /** Open to anyone (R83); otherwise signed links, and with no secret the register is off. */
  public: boolean;
  showVotes: boolean;
  secret?: string;
  /** Where links point, without a trailing slash; unset when nothing says (links cannot be made). */
  baseUrl?: string;
  linkHours: number;
  /** Local mode: whoever types at the emulator runs the bot, so they are told the settings (R47). */
  local?: true;
}

type WebEnv = { [K in keyof typeof WEB_ENV]?: z.output<(typeof WEB_ENV)[K]> };

/**
 * The web settings. Local mode (no platform credentials) listens on 127.0.0.1 only: there the register
 * is open unless SEC_REGISTER_PUBLIC says otherwise, and links point at the bot itself. A deployed bot
 * cannot guess its public address, so without SEC_WEB_URL it makes no links, and its register is open
 * only when SEC_REGISTER_PUBLIC=true.
 */
export function webConfig(e: WebEnv, port: number, local: boolean): WebConfig {
  const baseUrl = e.SEC_WEB_URL ?? (local ? `http://127.0.0.1:${port}` : undefined);
  return {
    public: e.SEC_REGISTER_PUBLIC ?? local,
    showVotes: e.SEC_REGISTER_SHOW_VOTES ?? false,
    ...(e.SEC_WEB_SECRET ? { secret: e.SEC_WEB_SECRET } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    linkHours: e.SEC_REGISTER_LINK_HOURS ?? 24,
    ...(local ? { local: true as const } : {}),
  };
}
