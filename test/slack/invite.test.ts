// R78: a confirmed meeting's calendar invite reaches each member's Slack DM as an .ics file, uploaded
// with files.getUploadURLExternal, the POST of its bytes and files.completeUploadExternal, through the
// outbox, once: a retried row, a lost answer or a failed upload step never shares it twice. The real
// outbox loop, store and WebClient against the fake Web API, which records the upload.
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import type { OpenStore } from '../../db/open.ts';
import { platformStore } from '../../db/platform-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import type { PersonInput } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { fanOut } from '../../src/app/fanout.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { Meeting } from '../../src/domain/modification.ts';
import { meetingInvite } from '../../src/views/meeting-cards.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id } from '../support/directory.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { toRefinement } from '../support/formal.ts';

const TOKEN = 'xoxb-invite-test';
let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack({ token: TOKEN });
});
afterAll(() => fake.close());

const WITH_SLACK: PersonInput[] = PEOPLE.map((p, i) => ({ ...p, slack: `U${100 + i}` }));

async function setUp(store: OpenStore) {
  await resetStore(store);
  await query(store, 'truncate platform_messages');
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
  await engine.importPeople(WITH_SLACK, { source: 't', now: new Date() });
}

function slackFan(store: OpenStore, timeoutMs = 10_000): Deliverer {
  const client = deliveryClient(TOKEN, { apiUrl: fake.url, timeoutMs });
  const port = platformStore(store.db);
  return fanOut([slackDeliverer({ client, port, pacer: new Pacer({ intervalMs: 20 }) })], port);
}

/** The invite of a confirmed Working Group meeting, as the core builds it. */
function invite(key: string, person = id('cb1')): Notification {
  const s = toRefinement();
  s.ok('sam', {
    type: 'meeting-propose',
    ref: 1,
    slots: ['2026-12-14T14:00:00.000Z', '2026-12-15T10:00:00.000Z'],
  });
  s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
  const m = s.mod(1);
  const file = meetingInvite(m, m.meetings[0] as Meeting, new Date('2026-12-02T10:00:00Z'), s.ctx('sam'));
  if (!file) throw new Error('no invite for a confirmed meeting');
  return {
    key,
    to: { kind: 'person', person },
    text: 'Calendar invite: the MP001 "Faster switching" Working Group meeting, Mon 14 Dec 2026, 14:00.',
    file,
  };
}

eachDatabase('Slack calendar invites', (h) => {
  let T = new Date();
  const at = (ms: number) => new Date(T.getTime() + ms);
  const enqueue = (notes: Notification[]) =>
    h.store.transaction((tx) => tx.enqueue(notes.map((n) => ({ note: n, at: T }))));
  const row = (key: string) =>
    query<{ status: string; platform_ref: string | null; last_error: string | null }>(
      h.store,
      `select status, platform_ref, last_error from outbox where key = '${key}'`,
    ).then((r) => r[0]);
  const calls = (method: string) => fake.calls.filter((c) => c.method === method);
  let fan: Deliverer;

  beforeEach(async () => {
    fake.reset();
    await setUp(h.store);
    fan = slackFan(h.store);
    T = new Date();
  });

  it('R78: the .ics is uploaded into the member’s DM with the text as its comment, once; a parser reads it', async () => {
    const n = invite('inv-1');
    await enqueue([n]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ sent: 1 });
    expect(fake.uploads).toHaveLength(1);
    const [u] = fake.uploads;
    const dm = calls('conversations.open')[0]?.body.users;
    expect(dm).toBe(WITH_SLACK.find((p) => p.handle === 'cb1')?.slack);
    expect(u?.channel).toMatch(/^D/);
    expect(u).toMatchObject({ filename: n.file?.filename, comment: n.text });
    expect(u?.ics).toBe(n.file?.text);
    const vevent = new ICAL.Component(ICAL.parse(u?.ics ?? '')).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('uid')).toBe('mtg-1.001@secbot');
    expect(String(vevent?.getFirstPropertyValue('dtstart'))).toBe('2026-12-14T14:00:00Z');
    // The file is shared as a message of the DM; no chat.postMessage carries it.
    expect(fake.messages.get(u?.channel ?? '')?.map((m) => m.files?.[0]?.name)).toEqual([n.file?.filename]);
    expect(calls('chat.postMessage')).toHaveLength(0);
    expect(await row('inv-1')).toMatchObject({
      status: 'sent',
      platform_ref: `slack:${u?.channel}/${u?.fileId}`,
    });
    // Delivered: a later sweep sends nothing again.
    expect(await deliverDue(h.store, [fan], at(60_000))).toMatchObject({ claimed: 0 });
    expect(fake.uploads).toHaveLength(1);
  });

  it('R78: completeUploadExternal answers 500 (nothing shared): retried after checking, shared once', async () => {
    fake.setFault('files.completeUploadExternal', { status: 500 });
    await enqueue([invite('inv-500')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ retried: 1 });
    expect(fake.uploads).toHaveLength(0);
    expect((await row('inv-500'))?.last_error).toContain('outcome unknown: HTTP 500');
    expect(await deliverDue(h.store, [fan], at(5000))).toMatchObject({ sent: 1 });
    expect(fake.uploads).toHaveLength(1);
    expect(calls('conversations.history').length).toBeGreaterThanOrEqual(1);
  });

  it('R78: the connection resets after Slack shared the file: found in the DM’s history, not shared again', async () => {
    fake.setFault('files.completeUploadExternal', 'reset');
    await enqueue([invite('inv-reset')]);
    const r = await deliverDue(h.store, [fan], T);
    if (r.sent !== 1) expect(await deliverDue(h.store, [fan], at(5000))).toMatchObject({ sent: 1 });
    expect(fake.uploads).toHaveLength(1);
    expect(calls('files.completeUploadExternal')).toHaveLength(1);
    expect((await row('inv-reset'))?.status).toBe('sent');
  });

  it('R78: the upload URL refuses the bytes: nothing was shared, so it is simply tried again, once', async () => {
    fake.setFault('upload', { status: 500 });
    await enqueue([invite('inv-up')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ retried: 1 });
    expect(calls('files.completeUploadExternal')).toHaveLength(0);
    const retried = await row('inv-up');
    expect(retried?.status).toBe('pending');
    expect(await deliverDue(h.store, [fan], at(60_000))).toMatchObject({ sent: 1 });
    expect(fake.uploads).toHaveLength(1);
    expect(calls('files.getUploadURLExternal')).toHaveLength(2);
  });

  it('R78: the same row claimed again after it was shared (a crash before it was recorded) is reconciled, not re-shared', async () => {
    await enqueue([invite('inv-twice')]);
    expect(await deliverDue(h.store, [fan], T)).toMatchObject({ sent: 1 });
    // As if the process died after Slack shared the file but before the send was recorded.
    await query(h.store, `delete from platform_messages where outbox_key = 'inv-twice'`);
    await query(h.store, `update outbox set status = 'pending', attempts = 1 where key = 'inv-twice'`);
    expect(await deliverDue(h.store, [slackFan(h.store)], at(1000))).toMatchObject({ sent: 1 });
    expect(fake.uploads).toHaveLength(1);
    expect(calls('files.completeUploadExternal')).toHaveLength(1);
    expect(calls('conversations.history')).toHaveLength(1);
  });
});
