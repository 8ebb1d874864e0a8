// The environment, parsed once by zod at start (R47). A missing or wrong value stops the
// start with one line per problem naming the variable. An adapter switches on when its credentials are
// present; a half-configured platform is an error rather than a silently disabled one.
import { z } from 'zod';
import type { Settings } from './domain/settings.ts';
import { SETTING_KEYS, parseSettings } from './domain/settings.ts';
import type { WebConfig } from './config-web.ts';
import { WEB_ENV, webConfig } from './config-web.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const TIMEOUT_MS = 'must be a whole number of milliseconds from 100 to 600000';
const PORT = 'must be a port number from 1 to 65535';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Variables whose value is never repeated in an error line (R47: a start log must not leak a secret). */
const SECRET = new Set([
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'TEAMS_CLIENT_SECRET',
  'SEC_WEB_SECRET',
]);

/**
 * SERVICE_URL: the Bot Connector the Teams SDK calls for a conversation no stored reference names (its
 * default https://smba.trafficmanager.net/teams). Bot tokens go there, so only https://, except on this
 * machine (the emulator's and the tests' connectors are http://localhost or 127.0.0.1).
 */
function isServiceUrl(text: string): boolean {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return u.hostname !== '';
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

const envSchema = z.object({
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  DATA_DIR: optional,
  /** R87: the client timeout of one PostgreSQL query, in milliseconds (db/open.ts; default 2000). */
  SEC_DB_QUERY_TIMEOUT_MS: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, TIMEOUT_MS)
      .transform(Number)
      .pipe(z.number().int().min(100, TIMEOUT_MS).max(600_000, TIMEOUT_MS))
      .optional(),
  ),
  PORT: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, PORT)
      .transform(Number)
      .pipe(z.number().int().min(1, PORT).max(65535, PORT))
      .optional(),
  ),
  LOG_LEVEL: optional.pipe(
    z
      .enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.slice(0, -1).join(', ')} or ${LOG_LEVELS.at(-1)}`)
      .optional(),
  ),
  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optional.pipe(z.url('must be an address such as https://slack.com/api/').optional()),
  TEAMS_CLIENT_ID: optional,
  TEAMS_CLIENT_SECRET: optional,
  TEAMS_TENANT_ID: optional,
  /** Where the Bot Framework's signing keys are published; Microsoft's unless set (tests, sovereign clouds). */
  TEAMS_OPENID_METADATA_URL: optional.pipe(z.url('must be an https:// address').optional()),
  SERVICE_URL: optional.pipe(z.string().refine(isServiceUrl, 'must be an https:// address').optional()),
  ...WEB_ENV,
});

export interface Config {
  databaseUrl?: string;
  /** R87: the client timeout of one PostgreSQL query (unset: db/open.ts's default). */
  dbQueryTimeoutMs?: number;
  dataDir: string;
  port: number;
  logLevel: string;
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  teams?: {
    clientId: string;
    clientSecret: string;
    tenantId: string;
    openIdMetadataUrl?: string;
    serviceUrl?: string;
  };
  settings: Settings;
  /** The register and calendar feeds (R82–R84). */
  web: WebConfig;
}

/**
 * `warnings`: lines to log once at start that do not stop it (an unknown SEC_* variable: a misspelt
 * setting would otherwise be ignored without a word, and its default used).
 */
export type ConfigResult =
  { ok: true; config: Config; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] };

/** Every SEC_* variable the bot reads: the settings (R50) and the web and database ones. */
export const SEC_VARIABLES: readonly string[] = [
  ...SETTING_KEYS,
  ...Object.keys(envSchema.shape).filter((k) => k.startsWith('SEC_')),
];

/**
 * R47: one line per SEC_* variable in `env` that the bot does not read, naming the nearest one it does
 * when the name is close enough to be a slip ("SEC_PANEL_QUOROM is not a setting; did you mean
 * SEC_PANEL_QUORUM?").
 */
export function unknownSecVariables(env: Record<string, string | undefined>): string[] {
  const known = new Set(SEC_VARIABLES);
  const out: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('SEC_') || known.has(name)) continue;
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const k of SEC_VARIABLES) {
      const d = editDistance(name, k);
      if (d < bestDistance) [best, bestDistance] = [k, d];
    }
    // A slip is a few letters; beyond a third of the name it is another word, not a misspelling.
    const near = best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3));
    out.push(
      near
        ? `${name} is not a setting; did you mean ${best}?`
        : `${name} is not a setting; it is ignored (the README lists the SEC_ variables)`,
    );
  }
  return out;
}

/** Levenshtein distance (insertions, deletions and substitutions), over two short names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const warnings = unknownSecVariables(env);
  const errors: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // One line per variable (its first problem), with the value given unless it is a secret.
    const named = new Set<string>();
    for (const i of parsed.error.issues) {
      const key = String(i.path[0]);
      if (named.has(key)) continue;
      named.add(key);
      errors.push(`${key}: ${i.message}${SECRET.has(key) ? '' : `, not ${JSON.stringify(env[key])}`}`);
    }
  }
  const settings = parseSettings(env);
  if (!settings.ok) errors.push(...settings.errors);
  if (!parsed.success || !settings.ok) return { ok: false, errors, warnings };
  const e = parsed.data;

  let slack: Config['slack'];
  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN) errors.push('SLACK_BOT_TOKEN: missing (the other Slack variables are set)');
    if (!e.SLACK_SIGNING_SECRET)
      errors.push('SLACK_SIGNING_SECRET: missing (the other Slack variables are set)');
    if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
        ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      };
    }
  }
  let teams: Config['teams'];
  const teamsVars = {
    TEAMS_CLIENT_ID: e.TEAMS_CLIENT_ID,
    TEAMS_CLIENT_SECRET: e.TEAMS_CLIENT_SECRET,
    TEAMS_TENANT_ID: e.TEAMS_TENANT_ID,
  };
  if (Object.values(teamsVars).some(Boolean)) {
    for (const [k, v] of Object.entries(teamsVars))
      if (!v) errors.push(`${k}: missing (the other Teams variables are set)`);
    if (e.TEAMS_CLIENT_ID && e.TEAMS_CLIENT_SECRET && e.TEAMS_TENANT_ID) {
      teams = {
        clientId: e.TEAMS_CLIENT_ID,
        clientSecret: e.TEAMS_CLIENT_SECRET,
        tenantId: e.TEAMS_TENANT_ID,
        ...(e.TEAMS_OPENID_METADATA_URL ? { openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL } : {}),
        ...(e.SERVICE_URL ? { serviceUrl: e.SERVICE_URL } : {}),
      };
    }
  }
  if (errors.length) return { ok: false, errors, warnings };
  const port = e.PORT ?? 3978;
  return {
    ok: true,
    warnings,
    config: {
      ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
      ...(e.SEC_DB_QUERY_TIMEOUT_MS ? { dbQueryTimeoutMs: e.SEC_DB_QUERY_TIMEOUT_MS } : {}),
      dataDir: e.DATA_DIR ?? './data',
      port,
      logLevel: e.LOG_LEVEL ?? 'info',
      ...(slack ? { slack } : {}),
      ...(teams ? { teams } : {}),
      settings: settings.settings,
      web: webConfig(e, port, !slack && !teams),
    },
  };
}
