// R83, R84, R47: when the register or calendar feeds are off, an admin (the one who can change the
// settings; in local mode whoever types at the emulator, whoever they act as) is told which variables to set,
// from the settings that are actually missing; everyone else is told to ask an admin. Nothing is issued.
import { expect, it } from 'vitest';
import { feedTokens } from '../../db/calendar-feed-store.ts';
import type { WebConfig } from '../../src/config-web.ts';
import { webConfig } from '../../src/config-web.ts';
import { createEngine } from '../../src/app/engine.ts';
import { webRequests } from '../../src/app/web-requests.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const NOW = london('2027-01-11T09:00');
const SECRET = 'off-settings-secret-0123456789abcdef0123456789';
const URL = 'https://secbot.example.org';
const BASE: WebConfig = { public: false, showVotes: false, linkHours: 24 };

const ASK_ADMIN_FEEDS = 'Calendar feeds are not switched on here; ask an admin.';
const ASK_ADMIN_REGISTER =
  'The web register is not switched on here; ask an admin. Meanwhile, list all shows every modification.';
const SECRET_ONLY =
  'Calendar feeds are off: set SEC_WEB_SECRET (at least 32 characters) and restart the bot.';

eachDatabase('R84 R83 web links switched off', (db) => {
  const ask = async (web: WebConfig, who: string, text: string) => {
    const engine = createEngine(db.store, {
      settings: DEFAULT_SETTINGS,
      web: webRequests(web, feedTokens(db.store.db)),
    });
    const r = await engine.ask(text, id(who), NOW, { platform: 'slack', privately: true });
    expect(r.ok, r.reply).toBe(true);
    return commandsAs(r.reply, undefined); // bare commands, as scripted mode shows them
  };

  it('R84 without SEC_WEB_SECRET an admin is told to set it; anyone else to ask an admin', async () => {
    const first = createEngine(db.store, { settings: DEFAULT_SETTINGS });
    await first.importPeople(PEOPLE, { source: 'test', now: NOW });
    // Local mode: links point at the bot itself, only the secret is missing. Whoever types at the
    // emulator runs the bot, so acting as a non-admin (`as alice calendar`) they are told the setting too.
    const local = webConfig({}, 3978, true);
    expect(local).toMatchObject({ public: true, baseUrl: 'http://127.0.0.1:3978', local: true });
    for (const text of ['calendar', 'calendar reset']) {
      expect(await ask(local, 'ada', text), text).toBe(SECRET_ONLY);
      expect(await ask(local, 'alice', text), text).toBe(SECRET_ONLY);
    }
    // The same settings on a deployed bot: only an admin is told them.
    const deployed = { ...webConfig({}, 3978, false), public: true, baseUrl: 'http://127.0.0.1:3978' };
    expect(await ask(deployed, 'ada', 'calendar')).toBe(SECRET_ONLY);
    expect(await ask(deployed, 'alice', 'calendar')).toBe(ASK_ADMIN_FEEDS);
    // A deployed bot with neither the secret nor its address: both are named.
    expect(await ask(BASE, 'ada', 'calendar')).toBe(
      'Calendar feeds are off: set SEC_WEB_SECRET (at least 32 characters) and SEC_WEB_URL (the address people reach the bot at), and restart the bot.',
    );
    // The secret but no address: only the address is named.
    expect(await ask({ ...BASE, secret: SECRET }, 'ada', 'calendar')).toBe(
      'Calendar feeds are off: set SEC_WEB_URL (the address people reach the bot at) and restart the bot.',
    );
    expect(await ask({ ...BASE, secret: SECRET }, 'bob', 'calendar')).toBe(ASK_ADMIN_FEEDS);
    expect(await count(db.store, 'calendar_feeds')).toBe(0);
  });

  it('R83 with the register off an admin is told what opens it; anyone else to ask an admin', async () => {
    // Not public and no secret: either switch opens it.
    expect(await ask({ ...BASE, baseUrl: URL }, 'ada', 'register')).toBe(
      'The web register is off: set SEC_WEB_SECRET (at least 32 characters) for signed links, or SEC_REGISTER_PUBLIC=true to open it to anyone, and restart the bot. Meanwhile, list all shows every modification.',
    );
    expect(await ask({ ...BASE, baseUrl: URL }, 'alice', 'register')).toBe(ASK_ADMIN_REGISTER);
    // And no address either.
    expect(await ask(BASE, 'ada', 'register')).toBe(
      'The web register is off: set SEC_WEB_SECRET (at least 32 characters) for signed links, or SEC_REGISTER_PUBLIC=true to open it to anyone, and SEC_WEB_URL (the address people reach the bot at), and restart the bot. Meanwhile, list all shows every modification.',
    );
    // Open to anyone, but the bot does not know its address: only the address is named.
    expect(await ask({ ...BASE, public: true }, 'ada', 'register')).toBe(
      'The web register has no address to link to: set SEC_WEB_URL (the address people reach the bot at) and restart the bot. Meanwhile, list all shows every modification.',
    );
    expect(await ask({ ...BASE, public: true }, 'bob', 'register')).toBe(ASK_ADMIN_REGISTER);
    // Switched on, an admin gets the link like anyone.
    expect(await ask({ ...BASE, public: true, baseUrl: URL }, 'ada', 'register')).toBe(
      `The Modification Register: ${URL}/register`,
    );
  });
});
