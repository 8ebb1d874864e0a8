import { describe, expect, it } from 'vitest';
import { runConfig } from '../../adapters/cli/config.ts';

describe('secbot config', () => {
  it('R50 shows every setting with its default', () => {
    const r = runConfig({}, []);
    expect(r.code).toBe(0);
    for (const line of [
      'SEC_PANEL_QUORUM',
      'SEC_WG_MIN_MEMBERS',
      'SEC_CUTOFF',
      'SEC_CB_RULE',
      'SEC_STALL_ANSWER_WD',
    ]) {
      expect(r.stdout).toContain(line);
    }
    expect(r.stdout).toMatch(/SEC_FT_WINDOW_WD\s+15\n/);
  });
  it('R50 an overridden value shows its default; a bad one is refused as the start refuses it (exit 1)', () => {
    expect(runConfig({ SEC_PANEL_QUORUM: '7' }, []).stdout).toMatch(/SEC_PANEL_QUORUM\s+7\s+\(default 5\)/);
    const bad = runConfig({ SEC_CUTOFF: '25:00' }, []);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'secbot config: SEC_CUTOFF: must be a time HH:MM, 24-hour (such as 17:00), not "25:00"\n' +
        'secbot config: the bot would not start with this value\n',
    );
    const json = JSON.parse(runConfig({}, ['--json']).stdout) as { key: string; default: unknown }[];
    expect(json.find((r) => r.key === 'SEC_CB_RULE')?.default).toBe('simple_majority');
  });
});

describe('R47 secbot config: what the start reads besides the settings', () => {
  const WEB_SECRET = 'w'.repeat(40);
  const deployed = {
    DATABASE_URL: 'postgres://secbot:hunter2pass@db.example.org:5432/sec',
    SLACK_BOT_TOKEN: 'xoxb-12345-secret',
    SLACK_SIGNING_SECRET: 'signing-secret-value',
    SEC_WEB_SECRET: WEB_SECRET,
    SEC_WEB_URL: 'https://sec.example.org/',
    PORT: '4000',
  };

  it('R47 R83 local mode: every start variable with the value in force, and what they add up to', () => {
    const r = runConfig({}, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nDATABASE_URL\s+unset: the embedded database in DATA_DIR\n/);
    expect(r.stdout).toMatch(/\nPORT\s+3978\n/);
    expect(r.stdout).toMatch(/\nSEC_DB_QUERY_TIMEOUT_MS\s+2000\n/);
    expect(r.stdout).toMatch(/\nSEC_REGISTER_PUBLIC\s+true\n/);
    expect(r.stdout).toMatch(/\nSEC_WEB_URL\s+http:\/\/127\.0\.0\.1:3978\n/);
    expect(r.stdout).toContain('Platforms: none: local mode, for the Teams emulator on 127.0.0.1\n');
    expect(r.stdout).toContain('Web register: open to anyone; calendar feeds off (no SEC_WEB_SECRET)\n');
  });

  it('R47 a deployed environment: values set beside their defaults, no secret printed', () => {
    const r = runConfig(deployed, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\nDATABASE_URL\s+postgres:\/\/secbot:\*\*\*@db\.example\.org:5432\/sec {2}\(default unset\)\n/,
    );
    expect(r.stdout).toMatch(/\nDATA_DIR\s+\.\/data \(not used: DATABASE_URL is set\)\n/);
    expect(r.stdout).toMatch(/\nPORT\s+4000 {2}\(default 3978\)\n/);
    expect(r.stdout).toMatch(/\nSLACK_BOT_TOKEN\s+set \(hidden\) {2}\(default unset\)\n/);
    expect(r.stdout).toMatch(/\nSEC_REGISTER_PUBLIC\s+false\n/);
    expect(r.stdout).toMatch(/\nSEC_WEB_URL\s+https:\/\/sec\.example\.org {2}\(default unset\)\n/);
    expect(r.stdout).toContain('Platforms: Slack (events at /slack/events)\n');
    expect(r.stdout).toContain('Web register: signed links, each working for 24 hours; calendar feeds on\n');
    for (const s of ['hunter2pass', 'xoxb-12345-secret', 'signing-secret-value', WEB_SECRET])
      expect(r.stdout).not.toContain(s);
    const json = JSON.parse(runConfig(deployed, ['--json']).stdout) as { key: string; value: unknown }[];
    expect(json.find((x) => x.key === 'PORT')?.value).toBe(4000);
    expect(json.find((x) => x.key === 'SEC_PANEL_QUORUM')?.value).toBe(5);
    expect(JSON.stringify(json)).not.toMatch(/hunter2pass|xoxb-12345|signing-secret-value|wwwwwwww/);
  });
});
