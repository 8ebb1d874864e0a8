// R78 on Teams: a cancelled meeting's calendar update (METHOD:CANCEL) cannot be carried as a file, so the
// 1:1 message says to take the meeting off the calendar (or that the feed has the cancellation), never
// to add it, delivered through the real outbox loop against the fake Bot Connector.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { teamsDeliverer } from '../../adapters/teams/notifier.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { eachDatabase, resetStore } from '../support/databases.ts';
import { id, PEOPLE } from '../support/directory.ts';
import type { FakeConnector } from '../support/teams-activities.ts';
import { aad, startFakeConnector } from '../support/teams-activities.ts';

let fake: FakeConnector;
beforeAll(async () => {
  fake = await startFakeConnector();
});
afterAll(() => fake.close());

const FEED = `https://bot.example/calendar/${'ab'.repeat(32)}.ics`;
const CANCEL_TEXT =
  'Calendar update: the MP001 "Faster switching" Working Group meeting of Mon 14 Dec 2026, 14:00 is cancelled; this update removes it from your calendar.';
const cancellation = (key: string, person: string): Notification => ({
  key,
  to: { kind: 'person', person },
  text: CANCEL_TEXT,
  file: {
    filename: 'MP001-mtg-1.ics',
    contentType: 'text/calendar; method=CANCEL',
    text: 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n',
  },
});

eachDatabase('Teams calendar cancellations', (h) => {
  beforeEach(async () => {
    fake.reset();
    await resetStore(h.store);
    const engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 't', now: new Date() },
    );
  });

  const deliverer = (feeds: boolean) => {
    const port = platformStore(h.store.db);
    return fanOut(
      [
        teamsDeliverer({
          conversations: teamsStore(h.store.db),
          serviceUrl: fake.url,
          tenantId: 'tenant-1',
          port,
          token: () => Promise.resolve('t0k'),
          pacer: new Pacer({ intervalMs: 20 }),
          ...(feeds ? { feedLink: () => Promise.resolve(FEED) } : {}),
        }),
      ],
      port,
    );
  };
  const send = async (note: Notification, feeds: boolean): Promise<string> => {
    const T = new Date();
    await h.store.transaction((tx) => tx.enqueue([{ note, at: T }]));
    expect(await deliverDue(h.store, [deliverer(feeds)], T)).toMatchObject({ sent: 1 });
    // Teams markdown doubles line breaks; the lines are what a person reads.
    return unescapeMarkdown(String(fake.sent.at(-1)?.body.text)).replace(/\n+/g, '\n');
  };

  it('R78 with feeds off a cancellation says to remove the meeting from the calendar, not to add it', async () => {
    const text = await send(cancellation('cancel-alice', id('alice')), false);
    expect(text).toBe(
      `${CANCEL_TEXT}\nTeams cannot carry the update file here, so your calendar is not changed: please remove the meeting from your calendar yourself.`,
    );
    expect(text).not.toContain('add the meeting');
  });

  it('R78 R84 with feeds on a cancellation says the feed has it, and to remove a meeting added by hand', async () => {
    const text = await send(cancellation('cancel-cb1', id('cb1')), true);
    expect(text).toBe(
      `${CANCEL_TEXT}\nYour calendar feed has the cancellation, and your calendar app takes it from there: ${FEED}\nIf you added the meeting to your calendar by hand, please remove it yourself.`,
    );
    expect(text).not.toContain('It is in your calendar feed');
  });
});
