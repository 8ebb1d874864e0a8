// Structured logging (pino). Secrets never reach the log: known secret fields are redacted wherever
// they appear, and so is anything that looks like a Slack token or a bearer token in a message.
import { pino, type DestinationStream, type Logger } from 'pino';

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
];

const TOKEN_PATTERN = /\b(xox[abprs]-[\w-]+|xapp-[\w-]+|Bearer\s+[\w.~+/-]+=*)/g;
export const scrub = (s: string): string => s.replace(TOKEN_PATTERN, '[redacted]');

export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
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
