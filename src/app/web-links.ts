// R83, R84: the signed, expiring register link and the personal calendar feed address. Both are HMACs
// under SEC_WEB_SECRET: a register key signs only its expiry (it opens the whole read-only register, and
// whoever holds it may read until then), and a feed token is derived from the person and the feed's
// generation, so `calendar` can send the same address again while the database keeps only its hash
// (a copy of the database alone cannot open anyone's feed) and `calendar reset` ends it for good.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { PersonId } from '../domain/types.ts';

/** The query parameter that carries a register key through every page and link. */
export const KEY_PARAM = 'key';

// Hex, not base64url: a link travels through Slack mrkdwn and Teams Markdown, whose escaping of `_` and
// `-` could change the address a person clicks; hex digits are inert in both.
const hex = (buf: Buffer): string => buf.toString('hex');
const hmac = (secret: string, text: string): Buffer => createHmac('sha256', secret).update(text).digest();

/** `<expiry in Unix seconds>.<signature>`: valid until the expiry, under this secret only. */
export function registerKey(secret: string, expires: Date): string {
  const exp = Math.floor(expires.getTime() / 1000);
  return `${exp}.${hex(hmac(secret, `register:${exp}`))}`;
}

export type KeyCheck = { ok: true; expires: Date } | { ok: false; why: 'malformed' | 'forged' | 'expired' };

/** A register key as typed into an address bar: checked in constant time, then for its expiry. */
export function checkRegisterKey(secret: string, key: unknown, now: Date): KeyCheck {
  if (typeof key !== 'string') return { ok: false, why: 'malformed' };
  const m = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(key);
  if (!m) return { ok: false, why: 'malformed' };
  const exp = Number(m[1]);
  const given = Buffer.from(m[2] as string, 'hex');
  const wanted = hmac(secret, `register:${exp}`);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, why: 'forged' };
  const expires = new Date(exp * 1000);
  return expires.getTime() > now.getTime() ? { ok: true, expires } : { ok: false, why: 'expired' };
}

/** A feed token: 64 hex digits, the same for one person and generation under one secret. */
export function feedToken(secret: string, person: PersonId, generation: number): string {
  return hex(hmac(secret, `calendar:${generation}:${person}`));
}

/** The shape every feed token has; anything else is refused before the database is asked. */
export const FEED_TOKEN = /^[0-9a-f]{64}$/;

/** What the database keeps of a feed token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** `base + path`, with the query parameters given (a register key, filters). */
export function webUrl(base: string, path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const q = params.toString();
  return `${base}${path}${q ? `?${q}` : ''}`;
}
