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
  it('R50 an overridden value shows its default; a bad one exits 2 naming the variable', () => {
    expect(runConfig({ SEC_PANEL_QUORUM: '7' }, []).stdout).toMatch(/SEC_PANEL_QUORUM\s+7\s+\(default 5\)/);
    const bad = runConfig({ SEC_CUTOFF: '25:00' }, []);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'secbot config: SEC_CUTOFF: must be a time HH:MM, 24-hour (such as 17:00), not "25:00"\n',
    );
    const json = JSON.parse(runConfig({}, ['--json']).stdout) as { key: string; default: unknown }[];
    expect(json.find((r) => r.key === 'SEC_CB_RULE')?.default).toBe('simple_majority');
  });
});
