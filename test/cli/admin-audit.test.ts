// R8, R71: `secbot audit verify` counts events and streams in words, singular for one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../adapters/cli/audit.ts';
import { openStore } from '../../db/open.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'secbot-admin-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secbot audit verify on PGlite (R8, R71)', { timeout: 120_000 }, () => {
  it('R71 says "1 event in 1 stream", and "2 events" for two', async () => {
    const dataDir = join(dir, 'data');
    const add = async (email: string, at: string) => {
      const store = await openStore({ dataDir });
      try {
        const engine = createEngine(store, { settings: DEFAULT_SETTINGS });
        await engine.importPeople([{ email, name: 'Ann', roles: ['party'] }], {
          source: 'test',
          now: new Date(at),
        });
      } finally {
        await store.close();
      }
    };
    await add('ann@example.org', '2026-12-01T10:00:00Z');
    const one = await runAudit(['verify', '--data-dir', dataDir], {});
    expect(one).toEqual({
      code: 0,
      stdout: 'OK: 1 event in 1 stream, every hash chain intact.\n',
      stderr: '',
    });
    await add('bob@example.org', '2026-12-01T10:01:00Z');
    const two = await runAudit(['verify', '--data-dir', dataDir], {});
    expect(two.stdout).toBe('OK: 2 events in 1 stream, every hash chain intact.\n');
  });
});
