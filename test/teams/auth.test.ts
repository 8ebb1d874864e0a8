// Teams authentication (QUALITY.md security): with TEAMS_CLIENT_ID/SECRET/TENANT_ID set,
// the SDK checks every activity's Bot Framework token against the signing keys published at the
// OpenID metadata URL. Here that URL (TEAMS_OPENID_METADATA_URL) points at a local key set served by
// the test, so a token signed with the test key is accepted and anything else gets 401 and writes
// nothing: no token, a bad signature, an unknown key, `alg: none`, the wrong audience, an expired
// token, the wrong issuer, a token minted for another serviceUrl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openStore } from '../../db/open.ts';
import type { OpenStore } from '../../db/open.ts';
import { count } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import type { Activity } from '../support/teams-activities.ts';
import { aad, executeInvoke, personalMessage } from '../support/teams-activities.ts';
import type { ExecuteButton, TeamsBot } from '../support/teams-bot.ts';
import { invokeAnswer, outboxExecuteButtons, pick, startTeamsBot } from '../support/teams-bot.ts';
import type { KeyServer, TestKey } from '../support/teams-jwks.ts';
import { connectorClaims, newKey, signToken, startKeyServer } from '../support/teams-jwks.ts';
import { runSteps, toDecisionBallot } from '../support/journeys.ts';

const APP_ID = '00000000-aaaa-bbbb-cccc-000000000b07';

describe('Teams with credentials: only tokens signed by a trusted key get in', () => {
  let store: OpenStore;
  let bot: TeamsBot;
  let keys: KeyServer;
  let trusted: TestKey;
  let approve: ExecuteButton;
  const writes = async () => ({
    events: await count(store, 'events'),
    votes: await count(store, 'votes'),
    outbox: await count(store, 'outbox'),
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const claims = (over: Record<string, unknown> = {}) => ({
    ...connectorClaims(APP_ID, bot.fake.url),
    ...over,
  });
  const vote = (handle: string): Activity => executeInvoke(bot.fake.url, handle, approve);

  beforeAll(async () => {
    trusted = newKey();
    keys = await startKeyServer([trusted]);
    // Configured the way main.ts is: from the environment, through loadConfig.
    const cfg = loadConfig({
      TEAMS_CLIENT_ID: APP_ID,
      TEAMS_CLIENT_SECRET: 'test-secret',
      TEAMS_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      TEAMS_OPENID_METADATA_URL: keys.metadataUrl,
    });
    if (!cfg.ok || !cfg.config.teams)
      throw new Error(`config: ${cfg.ok ? 'no teams' : cfg.errors.join('; ')}`);
    expect(cfg.config.teams.openIdMetadataUrl).toBe(keys.metadataUrl);
    store = await openStore({ memory: true });
    const now = london('2027-01-11T09:00');
    bot = await startTeamsBot(store, { now, config: cfg.config.teams });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now },
    );
    const steps = toDecisionBallot('Ballot me');
    await runSteps(bot.engine, steps, now);
    approve = pick(
      await outboxExecuteButtons(store, (n) => n.card?.key.startsWith('ballot:') ?? false),
      (d) => d.option === 'approve',
    );
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await keys?.close();
    await store?.close();
  });

  const other = newKey();
  const rejected: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['a Bearer header with no token', () => ({ authorization: 'Bearer ' })],
    ['a token that is not a JWT', () => bearer('not-a-jwt')],
    // Same kid as the trusted key, signed with another: the signature does not verify.
    ['a bad signature', () => bearer(signToken(other, claims(), { kid: trusted.kid }))],
    ['a key the metadata does not publish', () => bearer(signToken(other, claims()))],
    [
      'a trusted token with its expiry edited',
      () => {
        const [h, , s] = signToken(trusted, claims()).split('.');
        const body = Buffer.from(JSON.stringify(claims({ exp: Math.floor(Date.now() / 1000) + 99_999 })));
        return bearer(`${h}.${body.toString('base64url')}.${s}`);
      },
    ],
    ['alg none', () => bearer(signToken(trusted, claims(), { alg: 'none' }))],
    ['the wrong audience', () => bearer(signToken(trusted, claims({ aud: 'some-other-bot' })))],
    [
      'an expired token (beyond the 5-minute clock tolerance)',
      () => {
        const s = Math.floor(Date.now() / 1000);
        return bearer(signToken(trusted, claims({ iat: s - 7200, nbf: s - 7200, exp: s - 600 })));
      },
    ],
    ['the wrong issuer', () => bearer(signToken(trusted, claims({ iss: 'https://evil.example' })))],
    ['no issuer', () => bearer(signToken(trusted, claims({ iss: undefined })))],
    [
      'a token minted for another serviceUrl',
      () => bearer(signToken(trusted, claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' }))),
    ],
  ];

  for (const [why, headers] of rejected) {
    it(`R2: ${why} → 401, no vote, no history event, no reply`, async () => {
      const before = await writes();
      const sent = bot.fake.sent.length;
      const res = await bot.post(vote('cb2'), headers());
      expect(res.status).toBe(401);
      expect(await writes()).toEqual(before);
      expect(bot.fake.sent.length).toBe(sent);
    });
  }

  it('R2, R5: a typed command without a valid token → 401 and no DP is raised', async () => {
    const before = await writes();
    const raise = personalMessage(bot.fake.url, 'alice', 'raise title="Sneaky" problem="P"');
    expect((await bot.post(raise)).status).toBe(401);
    expect((await bot.post(raise, bearer(signToken(other, claims())))).status).toBe(401);
    expect(await writes()).toEqual(before);
    expect((await bot.engine.modifications()).map((m) => m.title)).toEqual(['Ballot me']);
  });

  it('R33, R36: a token signed by the trusted key is accepted and the vote is recorded once', async () => {
    const before = await writes();
    const click = vote('cb1');
    const res = await bot.post(click, bearer(signToken(trusted, claims())));
    expect(res.status).toBe(200);
    const answer = invokeAnswer(res);
    expect(answer.kind, answer.text).toBe('card');
    expect(answer.text).toContain('1 of 5 voted');
    const after = await writes();
    expect(after.votes).toBe(before.votes + 1);
    expect(after.events).toBeGreaterThan(before.events);
    // The same activity again, with a fresh valid token: accepted, nothing more written.
    expect((await bot.post(click, bearer(signToken(trusted, claims())))).status).toBe(200);
    expect((await writes()).votes).toBe(after.votes);
    expect(keys.fetches()).toBeGreaterThan(0);
  });

  it('R2: after a valid token, a bad one for the same voter is still refused', async () => {
    const before = await writes();
    const res = await bot.post(vote('cb3'), bearer(signToken(trusted, claims({ aud: 'x' }))));
    expect(res.status).toBe(401);
    expect(await writes()).toEqual(before);
  });
});
