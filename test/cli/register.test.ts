import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEngine } from '../../adapters/cli/people.ts';
import {
  csvField,
  formatRegister,
  registerFormat,
  registerRows,
  runRegister,
  runRegisterCommand,
} from '../../adapters/cli/register.ts';
import { csvRecords } from '../../adapters/cli/people-csv.ts';
import type { Modification } from '../../src/domain/modification.ts';

const mods = [
  {
    number: 42,
    isMP: true,
    title: 'Faster switching, "now"',
    status: 'refinement',
    proposer: 'alice@example.org',
    raisedAt: '2026-07-01T08:30:00.000Z',
  },
  {
    number: 7,
    isMP: false,
    title: 'Fix\na typo',
    status: 'draft',
    proposer: 'bob@example.org',
    raisedAt: '2026-12-03T10:00:00.000Z',
  },
] as unknown as Modification[];

describe('R49 secbot register', () => {
  it('R49 --json prints an array of {ref, number, title, status, proposer, raisedAt} by number', async () => {
    const r = await runRegister(['--json'], async () => mods);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        ref: 'DP007',
        number: 7,
        title: 'Fix\na typo',
        status: 'draft',
        proposer: 'bob@example.org',
        raisedAt: '2026-12-03T10:00:00+00:00',
      },
      {
        ref: 'MP042',
        number: 42,
        title: 'Faster switching, "now"',
        status: 'refinement',
        proposer: 'alice@example.org',
        raisedAt: '2026-07-01T09:30:00+01:00',
      },
    ]);
    for (const row of rows)
      expect(Object.keys(row)).toEqual(['ref', 'number', 'title', 'status', 'proposer', 'raisedAt']);
  });

  it('R49 --csv has a header and quotes commas, quotes and line breaks (RFC 4180)', async () => {
    const r = await runRegister(['--csv'], async () => mods);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'ref,number,title,status,proposer,raisedAt\r\n' +
        'DP007,7,"Fix\na typo",draft,bob@example.org,2026-12-03T10:00:00+00:00\r\n' +
        'MP042,42,"Faster switching, ""now""",refinement,alice@example.org,2026-07-01T09:30:00+01:00\r\n',
    );
    // It reads back with a CSV reader into the same fields.
    const back = csvRecords(r.stdout).records.map((x) => x.fields);
    expect(back[2]?.[2]).toBe('Faster switching, "now"');
    expect(back[1]?.[2]).toBe('Fix\na typo');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField(12)).toBe('12');
  });

  it('R49 the default is a readable table with London times; an empty register says so', async () => {
    const r = await runRegister([], async () => mods);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^REF\s+STATUS\s+RAISED\s+PROPOSER\s+TITLE$/);
    expect(lines[1]).toMatch(/^DP007\s+draft\s+Thu 3 Dec 2026, 10:00\s+bob@example.org\s+Fix a typo$/);
    expect(lines[2]).toContain('Wed 1 Jul 2026, 09:30');
    expect(formatRegister([], 'text')).toBe('The register is empty.\n');
    expect(formatRegister(registerRows([]), 'json')).toBe('[]\n');
    expect(formatRegister([], 'csv')).toBe('ref,number,title,status,proposer,raisedAt\r\n');
  });

  it('R49 arguments: one of --json and --csv; anything else exits 2 without reading the database', async () => {
    expect(registerFormat(['--csv'])).toBe('csv');
    expect(registerFormat([])).toBe('text');
    expect(registerFormat(['--json', '--csv'])).toEqual({ error: 'choose one of --json and --csv' });
    let loaded = false;
    const r = await runRegister(['--yaml'], async () => {
      loaded = true;
      return [];
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unexpected argument --yaml');
    expect(loaded).toBe(false);
  });
});

describe('R49 secbot register on the embedded database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-register-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('R49 lists what the store holds, as JSON and CSV', async () => {
    const data = join(dir, 'data');
    const seeded = await withEngine({ dataDir: data }, {}, async (engine) => {
      const now = new Date('2026-12-03T10:00:00Z');
      await engine.importPeople([{ email: 'Ann@Example.org', name: 'Ann', roles: ['party'] }], {
        source: 'test',
        now,
      });
      return engine.ask('raise title="Faster, switching" problem="Slow"', 'ann@example.org', now);
    });
    expect(seeded).toMatchObject({ ok: true, value: { ok: true } });
    const json = await runRegisterCommand(['--json', '--data-dir', data], {});
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual([
      {
        ref: 'DP001',
        number: 1,
        title: 'Faster, switching',
        status: 'draft',
        proposer: 'ann@example.org',
        raisedAt: '2026-12-03T10:00:00+00:00',
      },
    ]);
    const csv = await runRegisterCommand(['--csv', `--data-dir=${data}`], {});
    expect(csv.stdout).toBe(
      'ref,number,title,status,proposer,raisedAt\r\nDP001,1,"Faster, switching",draft,ann@example.org,2026-12-03T10:00:00+00:00\r\n',
    );
    const bad = await runRegisterCommand(['--xml', '--data-dir', data], {});
    expect(bad.code).toBe(2);
  });
});
