// `secbot config`'s second part: the variables the start reads beside the rules' settings (R47) —
// where the database is, the port, the platforms and the web register — each with the value the start
// would use here and its default. Secrets are never printed: only whether they are set (R47: what an
// operator pastes into a ticket must not leak a token), and a database address loses its password.
import type { Config } from '../../src/config.ts';
import { DEFAULT_QUERY_TIMEOUT_MS } from '../../db/open.ts';

export interface StartRow {
  key: string;
  /** What the start uses here, in words where a bare value would not say it. */
  value: string | number | boolean;
  default: string | number | boolean;
  /** The variable is set here (so its default is not what is in force). */
  set: boolean;
  /** A secret: the value says only whether it is set. */
  hidden?: true;
}

const SET = 'set (hidden)';
const UNSET = 'unset';

/** A PostgreSQL address without its password. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'set (not a readable address)';
  }
}

type Row = Omit<StartRow, 'set'>;

const secret = (key: string, v: string | undefined, note = ''): Row => ({
  key,
  value: v ? `${SET}${note}` : UNSET,
  default: UNSET,
  hidden: true,
});

/** The start's variables in the order the README's table lists them. */
export function startRows(env: Record<string, string | undefined>, c: Config): StartRow[] {
  const given = (k: string) => (env[k]?.trim() ? env[k]?.trim() : undefined);
  const local = c.web.local === true;
  const rows: Row[] = [
    {
      key: 'DATABASE_URL',
      value: c.databaseUrl ? withoutPassword(c.databaseUrl) : `${UNSET}: the embedded database in DATA_DIR`,
      default: UNSET,
    },
    {
      key: 'DATA_DIR',
      value: c.databaseUrl ? `${c.dataDir} (not used: DATABASE_URL is set)` : c.dataDir,
      default: './data',
    },
    {
      key: 'SEC_DB_QUERY_TIMEOUT_MS',
      value: c.dbQueryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
      default: DEFAULT_QUERY_TIMEOUT_MS,
    },
    { key: 'PORT', value: c.port, default: 3978 },
    { key: 'LOG_LEVEL', value: c.logLevel, default: 'info' },
    secret('SLACK_BOT_TOKEN', given('SLACK_BOT_TOKEN')),
    secret('SLACK_SIGNING_SECRET', given('SLACK_SIGNING_SECRET')),
    secret('SLACK_APP_TOKEN', given('SLACK_APP_TOKEN'), ': Socket Mode'),
    {
      key: 'SLACK_API_URL',
      value: c.slack?.apiUrl ?? 'https://slack.com/api/',
      default: 'https://slack.com/api/',
    },
    { key: 'TEAMS_CLIENT_ID', value: c.teams?.clientId ?? UNSET, default: UNSET },
    secret('TEAMS_CLIENT_SECRET', given('TEAMS_CLIENT_SECRET')),
    { key: 'TEAMS_TENANT_ID', value: c.teams?.tenantId ?? UNSET, default: UNSET },
    {
      key: 'TEAMS_OPENID_METADATA_URL',
      value: c.teams?.openIdMetadataUrl ?? "Microsoft's",
      default: "Microsoft's",
    },
    {
      key: 'SERVICE_URL',
      value: c.teams?.serviceUrl ?? 'https://smba.trafficmanager.net/teams',
      default: 'https://smba.trafficmanager.net/teams',
    },
    { key: 'SEC_REGISTER_PUBLIC', value: c.web.public, default: local ? 'true (local mode)' : false },
    { key: 'SEC_REGISTER_SHOW_VOTES', value: c.web.showVotes, default: false },
    secret('SEC_WEB_SECRET', c.web.secret),
    {
      key: 'SEC_WEB_URL',
      value: c.web.baseUrl ?? `${UNSET}: the bot sends no links to its web pages`,
      default: local ? `http://127.0.0.1:${c.port} (local mode)` : UNSET,
    },
    { key: 'SEC_REGISTER_LINK_HOURS', value: c.web.linkHours, default: 24 },
  ];
  return rows.map((r) => ({ ...r, set: given(r.key) !== undefined }));
}

/** What those values add up to, in words: the platforms and who can open the register (R47, R83). */
export function startSummary(c: Config): string[] {
  const platforms = [
    ...(c.slack ? [c.slack.appToken ? 'Slack (Socket Mode)' : 'Slack (events at /slack/events)'] : []),
    ...(c.teams ? ['Teams (messages at /api/messages)'] : []),
  ];
  const register = c.web.public
    ? 'open to anyone'
    : c.web.secret
      ? `signed links, each working for ${c.web.linkHours} hours`
      : 'off (neither SEC_REGISTER_PUBLIC=true nor SEC_WEB_SECRET)';
  return [
    `Platforms: ${platforms.length ? platforms.join(' and ') : 'none: local mode, for the Teams emulator on 127.0.0.1'}`,
    `Database: ${c.databaseUrl ? `PostgreSQL at ${withoutPassword(c.databaseUrl)}` : `embedded, in ${c.dataDir}`}`,
    `Web register: ${register}; calendar feeds ${c.web.secret ? 'on' : 'off (no SEC_WEB_SECRET)'}`,
  ];
}
