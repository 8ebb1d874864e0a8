// R47 R79: local mode ignores the Teams SDK's own environment variables. The SDK reads CLIENT_ID,
// CLIENT_SECRET and TENANT_ID from the environment when it is given no credentials; Teams developers
// often have them exported, and the emulator then got no replies (the SDK tried to fetch a bot token for
// each reply and failed). The app is the real one on the shared server, driven as test/support does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import type { OpenStore } from '../../db/open.ts';
import { startTeamsBot } from '../support/teams-bot.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { personalMessage } from '../support/teams-activities.ts';

const SDK_ENV = {
  CLIENT_ID: '00000000-0000-0000-0000-0000000000aa',
  CLIENT_SECRET: 'a-developers-real-secret',
  TENANT_ID: '00000000-0000-0000-0000-0000000000bb',
} as const;

describe('local mode with the SDK variables exported (R47, R79)', () => {
  let store: OpenStore;
  let bot: TeamsBot;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [k, v] of Object.entries(SDK_ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    store = await openStore({ memory: true });
    bot = await startTeamsBot(store, { now: new Date('2027-01-11T09:00:00Z') });
  }, 60_000);
  afterAll(async () => {
    await bot.close();
    await store.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('answers an activity without fetching a token, and leaves the environment as it was', async () => {
    const { status, reply } = await bot.say(personalMessage(bot.fake.url, 'alex', 'help'));
    expect(status).toBe(200);
    expect(reply).toBeDefined();
    // No token on the reply (the SDK sends "Bearer null" when it has none): local mode has no
    // credentials, whatever the environment says.
    expect([undefined, 'Bearer null']).toContain(bot.fake.calls.at(-1)?.authorization);
    expect(bot.logs.filter((l) => /reply failed/.test(l.msg))).toEqual([]);
    expect(process.env.CLIENT_ID).toBe(SDK_ENV.CLIENT_ID);
  }, 60_000);

  it('does not log the SDK warning that names its variables (the start paragraph says local mode)', () => {
    expect(bot.logs.map((l) => l.msg).filter((m) => /CLIENT_ID|credentials/i.test(m))).toEqual([]);
  });
});
