// R83, R84 through the real adapters: `/sec register` and `/sec calendar` in Slack are answered in the
// private (ephemeral) reply with links that open on the bot's server; in Teams the links come only in
// the 1:1 chat, and a channel is told to ask there. The words are a person's: no rule numbers, no ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedTokens } from '../../db/calendar-feed-store.ts';
import { webRequests } from '../../src/app/web-requests.ts';
import { resetStore } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import type { SlackBot } from '../support/slack-bot.ts';
import { slackDatabase, startSlackBot } from '../support/slack-bot.ts';
import { aad, channelMention, personalMessage } from '../support/teams-activities.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { startTeamsBot } from '../support/teams-bot.ts';
import type { WebServer } from '../support/web-server.ts';
import { SECRET, startWebServer } from '../support/web-server.ts';

const db = slackDatabase();
const NOW = london('2027-01-11T09:00');
const LINK = /(http:\/\/127\.0\.0\.1:\d+\/(?:register\?key=\S+|calendar\/[0-9a-f]{64}\.ics))/;

describe(`register and calendar in Slack and Teams on ${db.name}`, () => {
  let web: WebServer;
  let slack: SlackBot;
  let teams: TeamsBot;
  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    web = await startWebServer(store, { now: NOW });
    const requests = webRequests(
      { public: false, showVotes: false, secret: SECRET, linkHours: 24, baseUrl: web.url },
      feedTokens(store.db),
    );
    slack = await startSlackBot(store, { now: NOW, web: requests });
    teams = await startTeamsBot(store, { now: NOW, web: requests });
    await slack.engine.importPeople(
      PEOPLE.map((p) => ({
        ...p,
        teams: aad(p.handle ?? ''),
        ...(p.handle === 'alice' ? { slack: 'UALICE' } : {}),
      })),
      { source: 'test', now: NOW },
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([slack?.close(), teams?.close(), web?.close()]);
  });

  it('R83 R84 Slack: the links come in the private reply and open on the server', async () => {
    const reg = await slack.command('UALICE', 'register');
    expect(reg.json?.response_type).toBe('ephemeral');
    const regText = String(reg.json?.text);
    expect(regText).toMatch(
      /^Your link to the Modification Register, valid until Tue 12 Jan 2027, 09:00 \(London time\): /,
    );
    expect(regText).not.toMatch(/R\d{2}|secbot|SEC_/);
    const regLink = LINK.exec(regText)?.[1] as string;
    expect((await web.get(regLink)).status).toBe(200);

    const cal = await slack.command('UALICE', 'calendar');
    const calText = String(cal.json?.text);
    expect(calText).toMatch(/^Your calendar feed: http/);
    const calLink = LINK.exec(calText)?.[1] as string;
    const feed = await web.get(calLink);
    expect(feed.status).toBe(200);
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(String((await slack.command('UALICE', 'calendar reset')).json?.text)).toBe(
      'Your calendar feed address no longer works. Type /sec calendar for a new one.',
    );
    expect((await web.get(calLink)).status).toBe(404);
    // R42, R77: the usage line is shown as a Slack user types it.
    expect(String((await slack.command('UALICE', 'calendar tomorrow')).json?.text)).toMatch(
      /Usage: \/sec calendar \[reset\]/,
    );
  });

  it('R83 R84 Teams: links in the 1:1 chat only; in a channel the person is asked to ask privately', async () => {
    const direct = await teams.say(personalMessage(teams.fake.url, 'bob', 'sec register'));
    expect(direct.reply).toMatch(/^Your link to the Modification Register, valid until/);
    const link = LINK.exec(direct.reply ?? '')?.[1] as string;
    expect((await web.get(link)).status).toBe(200);
    // The Markdown Teams receives carries the address untouched by escaping (hex keys have nothing to escape).
    expect(String(teams.fake.sent.at(-1)?.body.text)).toContain(link);
    const inChannel = await teams.say(channelMention(teams.fake.url, 'bob', 'calendar'));
    expect(inChannel.reply).toBe(
      'Your calendar feed address is personal: type calendar in your private chat with me.',
    );
    const feed = await teams.say(personalMessage(teams.fake.url, 'bob', 'calendar'));
    expect(LINK.test(feed.reply ?? '')).toBe(true);
    const stranger = await teams.say(personalMessage(teams.fake.url, 'stranger', 'register'));
    expect(stranger.reply).not.toMatch(/http/);
  });
});
