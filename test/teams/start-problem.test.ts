// R47: Teams credentials are checked at start. Credentials Microsoft refuses stop the start with one
// line naming the variable and what to do (never the secret); a login that cannot be reached, or does
// not answer in time, lets the start go on and says so in the log. Microsoft's login cannot be reached
// from here, so its answers come through the SDK's own token hook as the errors MSAL raises for them
// (ServerError with the AADSTS number, ClientAuthError for the network), built by MSAL's own classes.
import { ClientAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import type { Engine } from '../../src/app/engine.ts';

const ids = {
  clientId: '00000000-0000-0000-0000-0000000000aa',
  tenantId: '00000000-0000-0000-0000-0000000000bb',
};
const SECRET = 'the-secret-value-never-shown';
// start() only checks the credentials: the engine is never reached.
const engine = {} as Engine;

/** An AAD token endpoint's refusal as MSAL's ResponseHandler turns it into an error. */
const refusal = (error: string, no: number, description: string) =>
  new ServerError(
    error,
    'corr-id',
    `Error(s): ${no} - Description: AADSTS${no}: ${description}`,
    '',
    String(no),
    401,
  );

function start(botToken: () => string | Promise<string>, credentialCheckMs?: number) {
  const lines: { msg: string; level?: string }[] = [];
  const app = createTeamsApp({
    config: { ...ids, clientSecret: SECRET },
    engine,
    log: (msg, data) => lines.push({ msg, ...(data as { level?: string }) }),
    http: createHttpServer(),
    local: false,
    botToken,
    credentialCheckMs,
  });
  return { started: app.start(), lines };
}

describe('R47 Teams credentials checked at start', () => {
  it('R47 a secret Microsoft refuses stops the start, naming TEAMS_CLIENT_SECRET and where to find it', async () => {
    const { started } = start(() => {
      throw refusal('invalid_client', 7000215, 'Invalid client secret provided.');
    });
    await expect(started).rejects.toThrow(
      /^Microsoft refused TEAMS_CLIENT_SECRET \(AADSTS7000215, not a valid secret\): use the secret's Value, not its Secret ID, from "Certificates & secrets"/,
    );
    await expect(started).rejects.not.toThrow(SECRET);
  });

  it('R47 an expired secret says so', async () => {
    const { started } = start(() => {
      throw refusal('invalid_client', 7000222, 'The provided client secret keys are expired.');
    });
    await expect(started).rejects.toThrow(
      /TEAMS_CLIENT_SECRET \(AADSTS7000222, the secret has expired\): add a new client secret/,
    );
  });

  it('R47 an application the tenant does not know names TEAMS_CLIENT_ID and TEAMS_TENANT_ID with their values', async () => {
    const { started } = start(() => {
      throw refusal('unauthorized_client', 700016, 'Application not found in the directory.');
    });
    await expect(started).rejects.toThrow(
      `Microsoft knows no application ${ids.clientId} in the tenant ${ids.tenantId} (AADSTS700016): check TEAMS_CLIENT_ID`,
    );
  });

  it('R47 an unknown tenant names TEAMS_TENANT_ID', async () => {
    const { started } = start(() => {
      throw refusal('invalid_request', 90002, "Tenant '…' not found.");
    });
    await expect(started).rejects.toThrow(
      `Microsoft knows no tenant ${ids.tenantId} (AADSTS90002): check TEAMS_TENANT_ID`,
    );
  });

  it('R47 a login that cannot be reached lets the start go on and says why Teams waits', async () => {
    const { started, lines } = start(() => {
      throw new ClientAuthError('network_error', 'Network request failed: fetch failed');
    });
    await expect(started).resolves.toBeUndefined();
    expect(lines).toContainEqual({
      msg: expect.stringMatching(
        `^teams: no answer from Microsoft's login at https://login.microsoftonline.com/${ids.tenantId} to check TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET \\(network_error\\): .*until it answers the bot cannot answer on Teams`,
      ) as unknown as string,
      level: 'warn',
    });
  });

  it('R47 no answer in time: the start goes on, and a refusal that comes later is logged as an error', async () => {
    let refuse: (e: unknown) => void = () => {};
    const { started, lines } = start(
      () =>
        new Promise<string>((_resolve, reject) => {
          refuse = reject;
        }),
      50,
    );
    await expect(started).resolves.toBeUndefined();
    expect(lines.map((l) => l.msg)).toContainEqual(
      expect.stringMatching(/^teams: no answer yet from Microsoft's login/),
    );
    refuse(refusal('invalid_client', 7000215, 'Invalid client secret provided.'));
    await new Promise((r) => setTimeout(r, 20));
    expect(lines).toContainEqual({
      msg: expect.stringMatching(
        /^teams: Microsoft refused TEAMS_CLIENT_SECRET \(AADSTS7000215/,
      ) as unknown as string,
      level: 'error',
    });
  });

  it('R47 credentials Microsoft accepts start quietly', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'none' })}.${b64({ aud: 'https://api.botframework.com', exp: 4_102_444_800 })}.x`;
    const { started, lines } = start(() => jwt);
    await expect(started).resolves.toBeUndefined();
    expect(lines.filter((l) => l.msg.startsWith('teams:'))).toEqual([]);
  });
});
