// The `summary` of a card activity (R44, R77): the text Teams shows in notifications and to clients that
// cannot draw the card. It is plain text, not Markdown, so a hostile title reaches it as the characters
// typed, without the backslashes the card's TextBlocks need; `<at>` there is no mention, as the activity
// carries no mention entity. Delivered through the real outbox loop to the fake Bot Connector.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { teamsDeliverer } from '../../adapters/teams/notifier.ts';
import { TEAMS_LIMITS } from '../../adapters/teams/render/card.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { typeHint } from '../../src/views/hints.ts';
import { eachDatabase, resetStore } from '../support/databases.ts';
import { PEOPLE, id } from '../support/directory.ts';
import type { FakeConnector } from '../support/teams-activities.ts';
import { aad, startFakeConnector } from '../support/teams-activities.ts';

let fake: FakeConnector;
beforeAll(async () => {
  fake = await startFakeConnector();
});
afterAll(() => fake.close());

const CB = '19:change-board@thread.tacv2';
const HOSTILE = 'New Draft Proposal DP001 "**Bold** <at>Bob</at> [click](http://evil.example) ${x}".\n- item';

eachDatabase('Teams card summary', (h) => {
  const deliver = async (note: Notification) => {
    await h.store.transaction((tx) => tx.enqueue([{ note, at: new Date() }]));
    const port = platformStore(h.store.db);
    const d = teamsDeliverer({
      conversations: teamsStore(h.store.db),
      serviceUrl: fake.url,
      tenantId: 'tenant-1',
      port,
      pacer: new Pacer({ intervalMs: 20 }),
    });
    expect(await deliverDue(h.store, [fanOut([d], port)], new Date())).toMatchObject({ sent: 1 });
    const [s] = fake.sent;
    if (!s) throw new Error('nothing sent');
    return s.body;
  };

  beforeEach(async () => {
    fake.reset();
    await resetStore(h.store);
    const engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 't', now: new Date() },
    );
    const command = {
      type: 'admin-channel' as const,
      channel: 'change-board' as const,
      platform: 'teams',
      channelId: CB,
    };
    expect((await engine.execute({ command, actor: id('ada'), platform: 'cli' }, new Date())).ok).toBe(true);
  });

  it('R44: a hostile title reaches the summary as the characters typed, no escapes, no mention entity', async () => {
    const text = `${HOSTILE}\n${typeHint('For more', ['status DP001'])}`;
    const body = await deliver({
      key: 'dp-raised',
      to: { kind: 'channel', channel: 'change-board' },
      text,
      card: { key: 'dp-card', title: HOSTILE, fields: [], buttons: [] },
    });
    // R77: the command in the channel's @mention form, as in the card's hints.
    expect(body.summary).toBe(`${HOSTILE}\nFor more, type: @SEC Change Bot status DP001`);
    expect(body.summary).not.toContain('\\');
    expect(body.entities).toBeUndefined();
    // The card itself still shows the title escaped (Markdown there).
    expect(JSON.stringify(body.attachments)).not.toContain('<at>');
  });

  it('R44: a long text is cut to the summary limit, between whole characters', async () => {
    const body = await deliver({
      key: 'long',
      to: { kind: 'channel', channel: 'change-board' },
      text: '*'.repeat(TEAMS_LIMITS.fallback * 2),
      card: { key: 'long-card', title: 'Long', fields: [], buttons: [] },
    });
    const summary = String(body.summary);
    expect(summary.length).toBeLessThanOrEqual(TEAMS_LIMITS.fallback);
    expect(summary).toMatch(/^\*+/);
    expect(summary).not.toContain('\\');
  });
});
