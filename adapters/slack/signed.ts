// QUALITY.md security: a Slack request counts only when its signature is Slack's (an HMAC-SHA256
// with the signing secret of `v0:<timestamp>:<raw body>`) and its timestamp is within five minutes
// of now, either way; anything else is 401 and reaches no listener. Checked here rather than by
// Bolt: Bolt accepted timestamps from the future, and its comparison (tsscmp) draws random bytes and
// computes two more HMACs for every request (P1: Bolt's check and parse took 23 us a click in one
// process, this check 3.9 us). The body is the one the shared server read (body-limit.ts), byte for
// byte as Slack signed it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ReadRequest } from '../body-limit.ts';
import type { SlackLog } from './listeners/index.ts';

/** Slack's own limit: a request signed more than five minutes away from now is refused. */
export const MAX_SKEW_S = 5 * 60;

const VERSION = 'v0';
/** A SHA-256 HMAC in hex after `v0=`. */
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/** Why `req` is not Slack's, or undefined when it is. `nowS`: the real clock, in seconds. */
export function unsigned(secret: string, req: ReadRequest, nowS: number): string | undefined {
  const ts = header(req, 'x-slack-request-timestamp');
  const signature = header(req, 'x-slack-signature');
  if (!ts || !signature) return 'signature headers missing';
  if (!/^\d{1,12}$/.test(ts)) return 'timestamp not a number';
  if (Math.abs(nowS - Number(ts)) > MAX_SKEW_S) return 'timestamp more than 5 minutes off';
  const hex = SIGNATURE.exec(signature)?.[1];
  if (!hex) return 'signature malformed';
  // Read by the shared server for every POST the Slack router sees (adapters/http.ts platformOf).
  if (!req.rawBody) return 'body not read';
  const expected = createHmac('sha256', secret).update(`${VERSION}:${ts}:`).update(req.rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex')) ? undefined : 'signature mismatch';
}

/** Express middleware: a request that is not Slack's is answered 401 and logged, and goes no further. */
export function verifySigned(secret: string, log: SlackLog) {
  return (req: Request, res: Response, next: NextFunction) => {
    // Bolt's routes take POST only: any other method goes on to its 404.
    if (req.method !== 'POST') {
      next();
      return;
    }
    const why = unsigned(secret, req, Date.now() / 1000);
    if (why === undefined) {
      next();
      return;
    }
    log(`slack request refused: ${why}`, { level: 'warn' });
    res.status(401).send();
  };
}

/** A request header's first value. */
export function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
