// R83, R84 at the edges: `register` and `calendar [reset]` in the one grammar (with usage on a mistake,
// R45), in help, and answered without web settings (scripted mode); and the web variables of the
// environment, parsed once with one line per problem (R47).
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { createEngine } from '../../src/app/engine.ts';
import { loadConfig } from '../../src/config.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { WEB_ONLY } from '../../src/domain/queries.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { USAGE } from '../../src/domain/grammar/usage.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { commandsAs } from '../../src/views/hints.ts';

const query = (text: string) => {
  const r = parse(text);
  if (!r.ok || r.input.kind !== 'query') throw new Error(`${text}: ${r.ok ? 'a command' : r.message}`);
  return r.input.query;
};

describe('R83 R84 register and calendar in the grammar', () => {
  it('R45 register, calendar and calendar reset are read; anything more gets the usage line', () => {
    expect(query('register')).toEqual({ kind: 'register' });
    expect(query('/sec Register')).toEqual({ kind: 'register' });
    expect(query('calendar')).toEqual({ kind: 'calendar', reset: false });
    expect(query('sec CALENDAR Reset')).toEqual({ kind: 'calendar', reset: true });
    for (const [text, usage] of [
      ['register MP001', USAGE.register],
      ['calendar tomorrow', USAGE.calendar],
      ['calendar reset now', USAGE.calendar],
    ] as const) {
      const r = parse(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.usage).toBe(usage);
    }
    expect(USAGE.calendar).toBe('calendar [reset]');
  });

  it('R45 help lists both for anyone registered; without web settings the bot says where links come from', async () => {
    const store = await openStore({ memory: true });
    try {
      const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
      const now = london('2027-01-11T09:00');
      await engine.importPeople(PEOPLE, { source: 'test', now });
      // R72: the short help names both; help all gives each its line (R45).
      expect(commandsAs((await engine.ask('help', 'alice@example.org', now)).reply, undefined)).toMatch(
        /· register · calendar/,
      );
      const help = await engine.ask('help all', 'alice@example.org', now);
      // R42: on Slack the command inside the sentence carries the prefix too.
      expect(commandsAs(help.reply, '/sec')).toContain('/sec calendar reset stops it');
      help.reply = commandsAs(help.reply, undefined);
      expect(help.reply).toContain('  register  (a link to the Modification Register on the web)');
      expect(help.reply).toContain(
        '  calendar [reset]  (your calendar feed address; calendar reset stops it)',
      );
      const r = await engine.ask('calendar', 'alice@example.org', now);
      expect(r).toMatchObject({ ok: false, code: 'bad_input', reply: WEB_ONLY });
      expect((await engine.ask('register', null, now)).code).toBe('not_registered');
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('R47 the web variables', () => {
  const secret = 's'.repeat(32);
  it('R47 local mode (loopback only): the register is open and links point at the bot itself', () => {
    const r = loadConfig({ PORT: '4000' });
    expect(r.ok && r.config.web).toEqual({
      public: true,
      showVotes: false,
      linkHours: 24,
      baseUrl: 'http://127.0.0.1:4000',
      local: true,
    });
    const closed = loadConfig({ PORT: '4000', SEC_REGISTER_PUBLIC: 'false' });
    expect(closed.ok && closed.config.web.public).toBe(false);
  });
  it('R47 with a platform: not public, votes hidden, no secret, 24-hour links, and links need SEC_WEB_URL', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    const none = loadConfig(slack);
    expect(none.ok && none.config.web).toEqual({ public: false, showVotes: false, linkHours: 24 });
    const set = loadConfig({
      ...slack,
      SEC_WEB_URL: 'https://secbot.example.org/',
      SEC_WEB_SECRET: secret,
      SEC_REGISTER_PUBLIC: 'true',
      SEC_REGISTER_SHOW_VOTES: '1',
      SEC_REGISTER_LINK_HOURS: '72',
    });
    expect(set.ok && set.config.web).toEqual({
      public: true,
      showVotes: true,
      secret,
      baseUrl: 'https://secbot.example.org',
      linkHours: 72,
    });
  });
  it('R47 a wrong value stops the start with one line per variable', () => {
    const r = loadConfig({
      SEC_WEB_URL: 'ftp://x',
      SEC_WEB_SECRET: 'short',
      SEC_REGISTER_PUBLIC: 'yes',
      SEC_REGISTER_LINK_HOURS: '0',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'SEC_REGISTER_LINK_HOURS',
      'SEC_REGISTER_PUBLIC',
      'SEC_WEB_SECRET',
      'SEC_WEB_URL',
    ]);
    expect(r.errors.join('\n')).toContain('SEC_WEB_SECRET: must be at least 32 characters');
    expect(r.errors.join('\n')).toContain('SEC_REGISTER_PUBLIC: must be true or false');
  });
});
