import { describe, expect, it } from 'vitest';
import { runConfig } from '../adapters/cli/config.ts';
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
      warnings: [],
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

  const teams = {
    TEAMS_CLIENT_ID: '00000000-0000-0000-0000-0000000000aa',
    TEAMS_CLIENT_SECRET: 'secret',
    TEAMS_TENANT_ID: '00000000-0000-0000-0000-0000000000bb',
  };
  it('R47 SERVICE_URL is checked with the rest: an https:// address (http:// on this machine only)', () => {
    for (const bad of [
      'bad',
      'smba.trafficmanager.net/teams',
      'http://smba.trafficmanager.net/teams',
      'ftp://x',
    ])
      expect(loadConfig({ ...teams, SERVICE_URL: bad })).toEqual({
        ok: false,
        errors: [`SERVICE_URL: must be an https:// address, not ${JSON.stringify(bad)}`],
        warnings: [],
      });
    for (const good of [
      'https://smba.trafficmanager.net/teams',
      'https://smba.infra.gov.teams.microsoft.us',
      'http://localhost:56150',
      'http://127.0.0.1:3979/',
    ])
      expect(loadConfig({ ...teams, SERVICE_URL: good })).toMatchObject({
        ok: true,
        config: { teams: { serviceUrl: good } },
      });
    const unset = loadConfig(teams);
    expect(unset.ok && unset.config.teams?.serviceUrl).toBeUndefined();
  });
  it('R47 an unknown SEC_* variable is a warning naming the nearest setting; the start goes on', () => {
    const r = loadConfig({
      SEC_PANEL_QUOROM: '3',
      SEC_REGISTER_PUBLIK: 'true',
      SEC_ZEBRA: '1',
      SEC_CUTOFF: '16:00',
      SECRET_THING: 'not ours',
    });
    expect(r).toMatchObject({
      ok: true,
      config: { settings: { SEC_PANEL_QUORUM: 5, SEC_CUTOFF: '16:00' }, web: { public: true } },
      warnings: [
        'SEC_PANEL_QUOROM is not a setting; did you mean SEC_PANEL_QUORUM?',
        'SEC_REGISTER_PUBLIK is not a setting; did you mean SEC_REGISTER_PUBLIC?',
        'SEC_ZEBRA is not a setting; it is ignored (the README lists the SEC_ variables)',
      ],
    });
    // Every SEC_ variable the bot reads is known, the settings and the web and database ones alike.
    expect(loadConfig({ SEC_WEB_URL: 'https://x.example', SEC_DB_QUERY_TIMEOUT_MS: '900' })).toMatchObject({
      ok: true,
      warnings: [],
    });
    // With a wrong value as well, both are said.
    expect(loadConfig({ SEC_CUTOFF: '25:00', SEC_VIEW_WD: '3' })).toEqual({
      ok: false,
      errors: ['SEC_CUTOFF: must be a time HH:MM, 24-hour (such as 17:00), not "25:00"'],
      warnings: ['SEC_VIEW_WD is not a setting; did you mean SEC_VIEWS_WD?'],
    });
  });
  it('R47 R50 secbot config names an unknown SEC_* variable on stderr, with the settings as before', () => {
    const r = runConfig({ SEC_PANEL_QUOROM: '3' }, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SEC_PANEL_QUORUM\s+5\n/);
    expect(r.stderr).toBe(
      'secbot config: SEC_PANEL_QUOROM is not a setting; did you mean SEC_PANEL_QUORUM?\n',
    );
  });
});
