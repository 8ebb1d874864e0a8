import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { parseSettings } from '../src/domain/settings.ts';

describe('configuration (R47)', () => {
  it('R47 no configuration: embedded database in ./data, port 3978, no platforms', () => {
    const r = loadConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({ dataDir: './data', port: 3978, logLevel: 'info' });
    expect(r.config.databaseUrl).toBeUndefined();
    expect(r.config.slack).toBeUndefined();
    expect(r.config.teams).toBeUndefined();
    expect(r.config.settings.SEC_PANEL_QUORUM).toBe(5);
  });
  it('R47 a wrong value stops the start with one line per problem naming the variable', () => {
    const r = loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', SEC_CUTOFF: '5pm' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(3);
    expect(r.errors.join('\n')).toMatch(/^DATABASE_URL: .*\nPORT: .*\nSEC_CUTOFF: /);
  });
  it('R47 R50 a bad setting: one line naming it, what it must be and the value given', () => {
    const r = loadConfig({
      SEC_SHOW_RUNNING_SPLIT: 'yes',
      SEC_PANEL_QUORUM: 'abc',
      SEC_WG_MIN_MEMBERS: '2.5',
      SEC_VIEWS_WD: '1e1',
      SEC_BALLOT_WD: '0x10',
      SEC_CONSULT_WD: '0',
      SEC_CB_RULE: 'majority',
      SEC_CUTOFF: '5pm',
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        'SEC_PANEL_QUORUM: must be a whole number from 1 to 100, not "abc"',
        'SEC_WG_MIN_MEMBERS: must be a whole number from 1 to 100, not "2.5"',
        'SEC_CUTOFF: must be a time HH:MM, 24-hour (such as 17:00), not "5pm"',
        'SEC_CB_RULE: must be simple_majority or voting_groups, not "majority"',
        'SEC_SHOW_RUNNING_SPLIT: must be true or false, not "yes"',
        'SEC_VIEWS_WD: must be a whole number of working days from 1 to 260, not "1e1"',
        'SEC_BALLOT_WD: must be a whole number of working days from 1 to 260, not "0x10"',
        'SEC_CONSULT_WD: must be a whole number of working days from 1 to 260, not "0"',
      ],
    });
  });
  it('R47 R50 settings are trimmed like every variable; blank means the default', () => {
    expect(
      parseSettings({
        SEC_CUTOFF: '17:00 ',
        SEC_PANEL_QUORUM: ' 7',
        SEC_SHOW_RUNNING_SPLIT: ' ',
        SEC_VIEWS_WD: '',
      }),
    ).toMatchObject({
      ok: true,
      settings: { SEC_CUTOFF: '17:00', SEC_PANEL_QUORUM: 7, SEC_SHOW_RUNNING_SPLIT: false, SEC_VIEWS_WD: 5 },
    });
  });
  it('R47 other wrong values say what they must be and repeat the value, unless it is a secret', () => {
    const r = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'verbose',
      SEC_REGISTER_LINK_HOURS: '0',
      SEC_WEB_URL: 'notaurl',
      SLACK_BOT_TOKEN: 'xoxp-private',
      DATABASE_URL: 'mysql://u:private@h/db',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'DATABASE_URL: must be a postgres:// URL',
      'PORT: must be a port number from 1 to 65535, not "0"',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace or silent, not "verbose"',
      'SLACK_BOT_TOKEN: must start with xoxb-',
      'SEC_WEB_URL: must be an http:// or https:// address, not "notaurl"',
      'SEC_REGISTER_LINK_HOURS: must be a whole number of hours from 1 to 2160, not "0"',
    ]);
  });
  it('R87 SEC_DB_QUERY_TIMEOUT_MS: whole milliseconds, 100 to 600000; unset leaves the store its default', () => {
    const none = loadConfig({});
    expect(none.ok && none.config.dbQueryTimeoutMs).toBeUndefined();
    expect(loadConfig({ SEC_DB_QUERY_TIMEOUT_MS: '1500' })).toMatchObject({
      ok: true,
      config: { dbQueryTimeoutMs: 1500 },
    });
    for (const bad of ['2s', '50', '1.5', '600001'])
      expect(loadConfig({ SEC_DB_QUERY_TIMEOUT_MS: bad })).toMatchObject({
        ok: false,
        errors: [expect.stringMatching(/^SEC_DB_QUERY_TIMEOUT_MS: /)],
      });
  });
  it('R47 a half-configured Slack or Teams names the missing variable', () => {
    const r = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', TEAMS_CLIENT_ID: 'id', TEAMS_TENANT_ID: 't' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'SLACK_SIGNING_SECRET: missing (the other Slack variables are set)',
      'TEAMS_CLIENT_SECRET: missing (the other Teams variables are set)',
    ]);
  });
  it('R47 credentials switch a platform on', () => {
    const r = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      DATABASE_URL: 'postgres://127.0.0.1/x',
    });
    expect(r.ok && r.config.slack?.botToken).toBe('xoxb-1');
    expect(r.ok && r.config.databaseUrl).toBe('postgres://127.0.0.1/x');
  });
});
