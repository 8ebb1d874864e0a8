// R84: calendar feeds over real HTTP on both databases. `calendar` gives a person their feed address
// (privately), the feed holds their meetings, the closing times of what they owe and the Fast Track
// windows they may object in (17:00 London with an alarm), checked with a parser (ical.js); `calendar
// reset` ends it; another person's, a made-up or a reset address is 404 and writes nothing; the database
// keeps only a hash. With a public register, a public feed of Panel-level dates.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedToken, tokenHash } from '../../src/app/web-links.ts';
import { feedLinks } from '../../src/app/web-requests.ts';
import { feedTokens } from '../../db/calendar-feed-store.ts';
import { eachDatabase, query } from '../support/databases.ts';
import { HOSTILE_TITLE, NOW, buildWorld } from '../support/register-world.ts';
import type { WebServer } from '../support/web-server.ts';
import { SECRET, snapshotCounts, startWebServer } from '../support/web-server.ts';
import { commandsAs } from '../../src/views/hints.ts';

interface FeedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string | null;
  alarm: string | null;
  status: string;
}

/** Parses a feed with ical.js (it throws on what is not iCalendar) into its events, by start. */
function parseFeed(text: string): FeedEvent[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.name).toBe('vcalendar');
  expect(cal.getFirstPropertyValue('version')).toBe('2.0');
  return cal.getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = v.getFirstPropertyValue('dtend') as ICAL.Time | null;
    const alarm = v.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger') as
      ICAL.Duration | undefined;
    expect(v.getFirstPropertyValue('dtstamp')).toBeTruthy();
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      summary: String(v.getFirstPropertyValue('summary')),
      description: String(v.getFirstPropertyValue('description') ?? ''),
      start: start.toJSDate().toISOString(),
      end: end ? end.toJSDate().toISOString() : null,
      alarm: alarm ? alarm.toString() : null,
      status: String(v.getFirstPropertyValue('status')),
    };
  });
}

const ADDRESS = /(http:\/\/\S+\/calendar\/([0-9a-f]{64})\.ics)/;

eachDatabase('R84 calendar feeds', (db) => {
  let server: WebServer;
  const ask = (who: string, text: string, privately = true) =>
    server.engine.ask(text, `${who}@example.org`, NOW, { platform: 'slack', privately });
  const feedOf = async (who: string) => {
    const r = await ask(who, 'calendar');
    const m = ADDRESS.exec(r.reply);
    if (!m) throw new Error(`no address in: ${r.reply}`);
    return { url: m[1] as string, token: m[2] as string, reply: r.reply };
  };
  beforeAll(async () => {
    server = await startWebServer(db.store, { now: NOW });
    await buildWorld(server.engine);
  }, 120_000);
  afterAll(() => server?.close());

  it('R84 a party’s feed: Working Group meetings, consultations they have not answered, Fast Track windows, 17:00 with a morning alarm', async () => {
    const { url, reply } = await feedOf('bob');
    expect(reply).toContain('Add it to your calendar app as a subscription');
    const r = await server.get(url);
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/calendar; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    const events = parseFeed(r.text);
    expect(events.map((e) => e.summary)).toEqual([
      'MP003 Working Group: Meter read windows',
      'DP002: Fast Track objection window closes',
    ]);
    // 14:00 London on 30 March 2027 is British Summer Time: 13:00 UTC, for 60 minutes, alarm 30 minutes before.
    expect(events[0]).toMatchObject({
      start: '2027-03-30T13:00:00.000Z',
      end: '2027-03-30T14:00:00.000Z',
      alarm: '-PT30M',
      status: 'CONFIRMED',
    });
    expect(events[0]?.uid).toMatch(/^mtg-\d+\.003@secbot$/);
    // The window closes at 17:00 London (16:00 UTC in summer); the alarm is at 09:00 that morning.
    expect(events[1]).toMatchObject({ start: '2027-04-13T16:00:00.000Z', end: null, alarm: '-PT8H' });
    // R71 R77: a calendar does not know its reader's chat: the command in the form of each (Slack hears
    // only the slash command).
    expect(events[1]?.description).toContain(
      'Any party may object with a reason: /sec object DP002 <reason> on Slack, or object DP002 <reason> in your chat with the bot on Teams.',
    );
    expect(events[0]?.description).toContain(
      'Tell SECAS whether you can come: /sec attend MP003 yes|no on Slack, or attend MP003 yes|no in your chat with the bot on Teams.',
    );
    // Bob answered the MP003 consultation: it is not in his feed. Alice (its proposer, so in its Working
    // Group) has not: it is in hers.
    const alice = parseFeed((await server.get((await feedOf('alice')).url)).text);
    expect(alice.map((e) => e.summary)).toEqual([
      'MP003 Working Group: Meter read windows',
      'DP002: Fast Track objection window closes',
      'MP003: Working Group Consultation closes',
    ]);
    expect(alice[2]).toMatchObject({ start: '2027-04-14T16:00:00.000Z', alarm: '-PT8H' });
  });

  it('R84 a Change Board member’s feed: views they owe (hostile title kept as text), not the views they gave', async () => {
    const cb2 = parseFeed((await server.get((await feedOf('cb2')).url)).text);
    expect(cb2.map((e) => e.summary)).toEqual([
      'MP003 Working Group: Meter read windows',
      'DP004: Change Board views close',
    ]);
    expect(cb2[1]?.description).toContain(HOSTILE_TITLE);
    expect(cb2[1]?.start).toBe('2027-03-31T16:00:00.000Z');
    const cb1 = parseFeed((await server.get((await feedOf('cb1')).url)).text);
    expect(cb1.map((e) => e.summary)).toEqual(['MP003 Working Group: Meter read windows']);
    const cb5 = parseFeed((await server.get((await feedOf('cb5')).url)).text);
    expect(cb5.map((e) => e.summary)).toEqual(['DP004: Change Board views close']);
  });

  it('R84 asking again gives the same address; reset ends it (404); the next one is new and works', async () => {
    const first = await feedOf('carol');
    expect((await feedOf('carol')).url).toBe(first.url);
    const reset = await ask('carol', 'calendar reset', false);
    expect(commandsAs(reset.reply, undefined)).toBe(
      'Your calendar feed address no longer works. Type calendar for a new one.',
    );
    expect((await server.get(first.url)).status).toBe(404);
    expect((await ask('carol', 'calendar reset')).reply).toBe('You have no calendar feed address to stop.');
    const second = await feedOf('carol');
    expect(second.url).not.toBe(first.url);
    expect((await server.get(second.url)).status).toBe(200);
    expect((await server.get(first.url)).status).toBe(404);
  });

  it('R78 the address a Teams meeting invite carries is the person’s own feed, the same one `calendar` gives; none with feeds off', async () => {
    const web = { public: false, showVotes: false, secret: SECRET, linkHours: 24, baseUrl: server.url };
    const link = feedLinks(web, feedTokens(db.store.db));
    if (!link) throw new Error('feeds are on: a link maker is expected');
    const [carol] = await query<{ id: string }>(
      db.store,
      `select id from people where email = 'carol@example.org'`,
    );
    const sent = await link(carol?.id ?? '', NOW);
    expect(sent).toMatch(ADDRESS);
    expect((await feedOf('carol')).url).toBe(sent);
    expect((await server.get(sent ?? '')).status).toBe(200);
    expect(feedLinks({ ...web, secret: undefined }, feedTokens(db.store.db))).toBeUndefined();
    expect(feedLinks({ ...web, baseUrl: undefined }, feedTokens(db.store.db))).toBeUndefined();
  });

  it('R84 the database keeps only a hash of the address', async () => {
    const { token } = await feedOf('alice');
    const rows = await query<{ person_id: string; token_hash: string }>(
      db.store,
      'select * from calendar_feeds',
    );
    const alice = rows.find((r) => r.person_id === 'alice@example.org');
    expect(alice?.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('R84 a made-up, malformed, reset or forged address is 404, and serving feeds writes nothing', async () => {
    const { token } = await feedOf('bob');
    const before = await snapshotCounts(db.store);
    const guesses = [
      `/calendar/${'a'.repeat(64)}.ics`,
      `/calendar/${'A'.repeat(64)}.ics`,
      `/calendar/${token.slice(0, -1)}.ics`,
      `/calendar/${token}`,
      `/calendar/${token}.ics.ics`,
      '/calendar/panel.ics',
      '/calendar/..%2F..%2Fetc.ics',
      // Right shape, right person, under another secret: not bob's.
      `/calendar/${feedToken('another-secret-of-at-least-32-characters!', 'bob@example.org', 1)}.ics`,
      // Bob's next address before it is issued.
      `/calendar/${feedToken(SECRET, 'bob@example.org', 2)}.ics`,
    ];
    for (const g of guesses) {
      const r = await server.get(g);
      expect(r.status, g).toBe(404);
      expect(r.text).not.toContain('BEGIN:VCALENDAR');
    }
    expect((await server.get(`/calendar/${token}.ics`)).status).toBe(200);
    expect((await server.get(`/calendar/${token}.ics`, { method: 'POST' })).status).toBe(404);
    expect(await snapshotCounts(db.store)).toEqual(before);
  });

  it('R84 the address is personal: not shown in a channel; someone unregistered gets none', async () => {
    const r = await ask('alice', 'calendar', false);
    expect(r.reply).toBe(
      'Your calendar feed address is personal: type calendar in your private chat with me.',
    );
    const stranger = await server.engine.ask('calendar', 'nobody@example.org', NOW, {
      platform: 'slack',
      privately: true,
    });
    expect(stranger.ok).toBe(false);
    expect(stranger.reply).not.toMatch(/http/);
  });

  it('R84 without a secret, feeds are off: the bot says so and nothing is served', async () => {
    const off = await startWebServer(db.store, { now: NOW, web: { secret: undefined, public: true } });
    try {
      const r = await off.engine.ask('calendar', 'bob@example.org', NOW, {
        platform: 'slack',
        privately: true,
      });
      expect(r.reply).toBe('Calendar feeds are not switched on here; ask an admin.');
      const { token } = await feedOf('bob');
      expect((await off.get(`/calendar/${token}.ics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('R84 with a public register, a public feed of Panel-level dates linking to the pages', async () => {
    const pub = await startWebServer(db.store, {
      now: NOW,
      web: { public: true, baseUrl: 'https://secbot.example.org' },
    });
    try {
      const r = await pub.get('/calendar/panel.ics');
      expect(r.status).toBe(200);
      const events = parseFeed(r.text);
      expect(events.map((e) => [e.summary, e.start])).toEqual([
        ['DP002: Fast Track objection window closes', '2027-04-13T16:00:00.000Z'],
        ['MP001: Implementation', '2027-06-23T23:00:00.000Z'],
      ]);
      const cal = new ICAL.Component(ICAL.parse(r.text));
      expect(cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('url')).toBe(
        'https://secbot.example.org/register/DP002',
      );
    } finally {
      await pub.close();
    }
  });
});

describe('R84 feed tokens', () => {
  it('are the same for one person and generation, and differ across people, generations and secrets', () => {
    const t = feedToken(SECRET, 'bob@example.org', 1);
    expect(t).toMatch(/^[0-9a-f]{64}$/);
    expect(feedToken(SECRET, 'bob@example.org', 1)).toBe(t);
    expect(
      new Set([
        t,
        feedToken(SECRET, 'bob@example.org', 2),
        feedToken(SECRET, 'alice@example.org', 1),
        feedToken(`${SECRET}!`, 'bob@example.org', 1),
      ]).size,
    ).toBe(4);
  });
});
