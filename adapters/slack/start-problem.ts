// R47: a Slack token that Slack refuses, or a Slack that cannot be reached, stops the start with one
// line that names the variable and says what to do, instead of the Web API client's own words
// ("An API error occurred: invalid_auth"). main.ts prints it after "cannot start: ".

/** The variable whose token a start-up call carried: auth.test the bot token, Socket Mode the app token. */
export type SlackTokenVariable = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

/** Where each token is found in the Slack app's settings (api.slack.com/apps). */
const WHERE: Record<SlackTokenVariable, string> = {
  SLACK_BOT_TOKEN: `check the Bot User OAuth Token (xoxb-…) on your Slack app's "OAuth & Permissions" page and that the app is installed in the workspace`,
  SLACK_APP_TOKEN: `check the app-level token (xapp-…, scope connections:write) on your Slack app's "Basic Information" page, or unset SLACK_APP_TOKEN to receive events over HTTP`,
};

/** The Web API's error codes that mean the token itself is not accepted. */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'invalid_token',
  'missing_scope',
  'no_permission',
  'team_access_not_granted',
]);

const DEFAULT_API_URL = 'https://slack.com/api/';

/** A Web API client error, read by its documented fields (WebAPIPlatformError, …RequestError, …HTTPError). */
interface WebApiError {
  code?: unknown;
  data?: { error?: unknown };
  original?: { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  statusCode?: unknown;
  message?: unknown;
}

/** The one line (after "cannot start: ") for an error from a Slack start-up call with `variable`'s token. */
export function slackStartProblem(error: unknown, variable: SlackTokenVariable, apiUrl?: string): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as WebApiError;
  const at = apiUrl ?? DEFAULT_API_URL;
  const urlHint = apiUrl ? 'check SLACK_API_URL' : 'check that this machine can reach slack.com';
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return REFUSED.has(code)
        ? `Slack refused ${variable} (${code}): ${WHERE[variable]}`
        : `Slack at ${at} answered "${code}" when checking ${variable}: try again in a few minutes`;
    }
    case 'slack_webapi_request_error': {
      const cause = e.original?.cause;
      const why = [e.original?.message, cause?.code ?? cause?.message].filter(
        (x): x is string => typeof x === 'string' && x !== '',
      );
      return `no answer from Slack at ${at} to check ${variable}${why.length ? ` (${why.join(': ')})` : ''}: ${urlHint}`;
    }
    case 'slack_webapi_http_error':
      return `Slack at ${at} answered HTTP ${String(e.statusCode)} when checking ${variable}: ${urlHint}`;
    case 'slack_webapi_rate_limited_error':
      return `Slack at ${at} is rate-limiting the check of ${variable}: try again in a minute`;
    default:
      return `Slack could not check ${variable}: ${typeof e.message === 'string' ? e.message : String(error)}`;
  }
}
