// R47: Teams credentials are checked at start by asking Microsoft's login for the bot's token, as the
// SDK does before every reply and post. Credentials Microsoft refuses stop the start with one line that
// names the variable and says what to do, as a Slack token Slack refuses does; without the check the
// bot started and then could not answer anyone on Teams. A login that cannot be reached (or answers
// nothing definite) does not stop the start, since Slack and the register still work and the outbox
// keeps the Teams posts until it answers: the log says so. main.ts prints a stopping line after
// "cannot start: ".

/** The token endpoint the SDK asks (its public cloud): named in the lines, never with a secret. */
const LOGIN = 'https://login.microsoftonline.com';

/** An MSAL error, read by its documented fields (ServerError, ClientAuthError, AuthError). */
interface MsalError {
  name?: unknown;
  errorCode?: unknown;
  errorNo?: unknown;
  message?: unknown;
}

export interface TeamsStartProblem {
  /** Microsoft answered that these credentials are wrong: the start stops. */
  refused: boolean;
  /** One line naming the variable and what to do; no secret in it. */
  line: string;
}

const APP_REGISTRATION = 'in the Azure portal, the app registration of the bot (Microsoft Entra ID)';

/**
 * What a failed start-up token request means, for `TEAMS_CLIENT_ID` `clientId` in `TEAMS_TENANT_ID`
 * `tenantId`. AADSTS numbers: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
export function teamsStartProblem(
  error: unknown,
  ids: { clientId: string; tenantId: string },
): TeamsStartProblem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MsalError;
  const code = typeof e.errorCode === 'string' ? e.errorCode : '';
  const no = typeof e.errorNo === 'number' || typeof e.errorNo === 'string' ? String(e.errorNo) : '';
  const refused = (line: string): TeamsStartProblem => ({ refused: true, line });
  switch (no) {
    case '7000215':
      return refused(
        `Microsoft refused TEAMS_CLIENT_SECRET (AADSTS7000215, not a valid secret): use the secret's Value, not its Secret ID, from "Certificates & secrets" ${APP_REGISTRATION}`,
      );
    case '7000222':
      return refused(
        `Microsoft refused TEAMS_CLIENT_SECRET (AADSTS7000222, the secret has expired): add a new client secret under "Certificates & secrets" ${APP_REGISTRATION}, and set TEAMS_CLIENT_SECRET to its Value`,
      );
    case '700016':
      return refused(
        `Microsoft knows no application ${ids.clientId} in the tenant ${ids.tenantId} (AADSTS700016): check TEAMS_CLIENT_ID (the bot's Microsoft App ID, the registration's "Application (client) ID") and TEAMS_TENANT_ID (its "Directory (tenant) ID")`,
      );
    case '90002':
    case '900023':
      return refused(
        `Microsoft knows no tenant ${ids.tenantId} (AADSTS${no}): check TEAMS_TENANT_ID, the "Directory (tenant) ID" ${APP_REGISTRATION}`,
      );
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return refused(
      `Microsoft refused the Teams credentials (${code}${no ? `, AADSTS${no}` : ''}): check TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID against ${APP_REGISTRATION}`,
    );
  }
  const at = `${LOGIN}/${ids.tenantId}`;
  if (
    code === 'network_error' ||
    code === 'no_network_connectivity' ||
    code === 'endpoints_resolution_error'
  ) {
    // endpoints_resolution_error is also what an unknown tenant gives when MSAL looks it up.
    return {
      refused: false,
      line: `no answer from Microsoft's login at ${at} to check TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (${code}): check TEAMS_TENANT_ID and that this machine can reach login.microsoftonline.com; until it answers the bot cannot answer on Teams, and its Teams posts and messages wait in the outbox`,
    };
  }
  const what = [code, typeof e.message === 'string' ? e.message : ''].filter(Boolean).join(': ');
  return {
    refused: false,
    line: `Microsoft's login at ${at} could not check the Teams credentials (${what || String(error)}); until it can the bot cannot answer on Teams, and its Teams posts and messages wait in the outbox`,
  };
}
