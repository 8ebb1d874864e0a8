import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

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
