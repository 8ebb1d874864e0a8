// Structured logging (pino). Secrets never reach the log: known secret fields are redacted wherever
// they appear, and so is anything that looks like a Slack token or a bearer token in a message.
// Every line written while an HTTP request is handled carries that request's id: the HTTP
// server runs each request inside `requestContext`, and the logger's mixin reads it, so no adapter
// has to pass an id along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export interface RequestContext {
  readonly requestId: string;
  /** The platform's own id for the delivery when known (a Teams activity id); read when a line is written. */
  readonly deliveryId?: string | undefined;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The fields every log line gets from the request being handled (none outside a request). */
export function requestFields(): { requestId?: string; deliveryId?: string } {
  const c = requestContext.getStore();
  if (!c) return {};
  const deliveryId = c.deliveryId;
  return deliveryId ? { requestId: c.requestId, deliveryId } : { requestId: c.requestId };
}

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'password',
  'authorization',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'TEAMS_CLIENT_SECRET',
  'DATABASE_URL',
  // Signs register links and derives calendar feed addresses (R83, R84).
  'secret',
  'SEC_WEB_SECRET',
];

const TOKEN_PATTERN = /\b(xox[abprs]-[\w-]+|xapp-[\w-]+|Bearer\s+[\w.~+/-]+=*)/g;
export const scrub = (s: string): string => s.replace(TOKEN_PATTERN, '[redacted]');

export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      mixin: requestFields,
      redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination as DestinationStream | undefined,
  );
}
export type { Logger };
