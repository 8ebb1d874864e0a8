// Found by test/security/fuzz.test.ts (QUALITY.md: every endpoint answers random input with a 4xx, never
// a 5xx): a JSON activity without `conversation`, an empty or non-JSON body made the SDK answer 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';
import { london } from '../support/directory.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { startTeamsBot } from '../support/teams-bot.ts';
import { teamsBody } from './arbitraries.ts';

describe('R47 Teams /api/messages answers malformed activities with 4xx', () => {
  let store: OpenStore;
  let bot: TeamsBot;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    bot = await startTeamsBot(store, { now: london('2026-12-01T10:00') });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await store?.close();
  });
  const post = async (body: string, type: string) =>
    (await fetch(`${bot.url}/api/messages`, { method: 'POST', body, headers: { 'content-type': type } }))
      .status;

  it('a JSON activity without its conversation gets 400, not 500 (bug 1)', async () => {
    expect(await post('{"type":"message"}', 'application/json')).toBe(400);
    expect(await post('{"type":"message","from":{"id":"29:x"}}', 'application/json')).toBe(400);
  });

  it('an empty or non-JSON body gets 400/415, not 500 (bug 2)', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml'])
      expect([400, 415]).toContain(await post('', type));
    expect([400, 415]).toContain(await post('type=message', 'application/x-www-form-urlencoded'));
  });

  it('200 random bodies of any shape and content type → 2xx/4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        teamsBody(bot.fake.url),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        async (body, type) => {
          const s = await post(body, type);
          expect(s < 500, `${s} for ${body.slice(0, 200)}`).toBe(true);
        },
      ),
      { numRuns: 200, seed: 20261127 },
    );
  });
});
