// The environment, parsed once by zod at start (R47). A missing or wrong value stops the
// start with one line per problem naming the variable. An adapter switches on when its credentials are
// present; a half-configured platform is an error rather than a silently disabled one.
import { z } from 'zod';
import type { Settings } from './domain/settings.ts';
import { parseSettings } from './domain/settings.ts';
import type { WebConfig } from './config-web.ts';
import { WEB_ENV, webConfig } from './config-web.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

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
      .regex(/^\d+$/, 'must be a whole number of milliseconds')
      .transform(Number)
      .pipe(z.number().int().min(100).max(600_000))
      .optional(),
  ),
  PORT: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a port number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535))
      .optional(),
  ),
  LOG_LEVEL: optional.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optional.pipe(z.url().optional()),
  TEAMS_CLIENT_ID: optional,
  TEAMS_CLIENT_SECRET: optional,
  TEAMS_TENANT_ID: optional,
  /** Where the Bot Framework's signing keys are published; Microsoft's unless set (tests, sovereign clouds). */
  TEAMS_OPENID_METADATA_URL: optional.pipe(z.url().optional()),
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
  teams?: { clientId: string; clientSecret: string; tenantId: string; openIdMetadataUrl?: string };
  settings: Settings;
  /** The register and calendar feeds (R82–R84). */
  web: WebConfig;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const errors: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors.push(`${String(i.path[0])}: ${i.message}`);
  }
  const settings = parseSettings(env);
  if (!settings.ok) errors.push(...settings.errors);
  if (!parsed.success || !settings.ok) return { ok: false, errors };
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
      };
    }
  }
  if (errors.length) return { ok: false, errors };
  const port = e.PORT ?? 3978;
  return {
    ok: true,
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
