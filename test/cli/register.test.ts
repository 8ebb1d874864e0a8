// R49, R71, R82: `secbot register` is the web register: the same rows (statuses and stages in words, the
// proposer by name, never an e-mail address), newest first, and `--csv` is `/register.csv` cell for cell.
// It had printed raw status codes (`change_board_views`) and the proposers' e-mail addresses, oldest
// first, with CSV columns of its own (`ref,number,title,status,proposer,raisedAt`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../adapters/cli/people-csv.ts';
import { withEngine } from '../../adapters/cli/people.ts';
import {
  csvField,
  formatRegister,
  registerFormat,
  runRegister,
  runRegisterCommand,
} from '../../adapters/cli/register.ts';
import { runScript } from '../../adapters/cli/script.ts';
import { CSV_HEADER, csvRows } from '../../adapters/web/csv.ts';
import { registerReader } from '../../db/register-store.ts';
import { openStore } from '../../db/open.ts';
import { allEntries } from '../../src/app/register.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'week-digest.sec');
const WEB_COLUMNS = 'ref,title,status,stage,route,proposer,next_deadline,next_deadline_due,last_change';

describe.skipIf(pgUnreachable !== undefined)(
  'R49 R82 secbot register on PostgreSQL',
  { timeout: 120_000 },
  () => {
    let db: Awaited<ReturnType<typeof createPgDatabase>>;
    beforeAll(async () => {
      db = await createPgDatabase();
      // DP001 awaiting the Panel, DP002 with the Change Board for views; Alice Proposer raised both.
      const err: string[] = [];
      const code = await runScript([EXAMPLE, '--json', '--database-url', db.url], {
        out: () => {},
        err: (l) => err.push(l),
      });
      expect(err).toEqual([]);
      expect(code).toBe(0);
    });
    afterAll(async () => db?.drop());

    it('R82 --csv is the web /register.csv, byte for byte', async () => {
      const cli = await runRegisterCommand(['--csv', '--database-url', db.url], {});
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      const store = await openStore({ databaseUrl: db.url });
      let web = CSV_HEADER;
      try {
        for await (const entries of allEntries(registerReader(store.db), { status: 'all' }))
          web += csvRows(entries);
      } finally {
        await store.close();
      }
      expect(cli.stdout).toBe(web);
      const rows = csvRecords(cli.stdout).records.map((r) => r.fields);
      expect(rows[0]?.join(',')).toBe(WEB_COLUMNS);
      // Newest first, statuses in words, the proposer by name.
      expect(rows.slice(1).map((r) => [r[0], r[2], r[5]])).toEqual([
        ['DP002', 'Change Board views', 'Alice Proposer'],
        ['DP001', 'Awaiting the Panel', 'Alice Proposer'],
      ]);
      expect(cli.stdout).not.toContain('@');
    });

    it('R71 R82 the table reads in words, newest first, with no e-mail address', async () => {
      const r = await runRegisterCommand([], { DATABASE_URL: db.url });
      expect(r.stderr).toBe('');
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(
        /^REFERENCE\s+STATUS\s+STAGE\s+ROUTE\s+NEXT DEADLINE\s+PROPOSER\s+LAST CHANGE\s+TITLE$/,
      );
      expect(lines[1]).toMatch(
        /^DP002\s+Change Board views\s+Change Board views open\s+—\s+SECAS critical-friend comments: Mon 18 Jan 2027, 17:00\s+Alice Proposer\s+\w{3} \d+ Jan 2027, \d\d:\d\d\s+Clearer receipts$/,
      );
      expect(lines[2]).toMatch(
        /^DP001\s+Awaiting the Panel\s+Waiting for the Panel\s+—\s+—\s+Alice Proposer\s+.*Faster switching$/,
      );
      expect(r.stdout).not.toMatch(/@|change_board_views|awaiting_panel/);
    });

    it('R49 --json: the web rows with ref, number, title, status, proposer (a name) and raisedAt', async () => {
      const r = await runRegisterCommand(['--json', `--database-url=${db.url}`], {});
      const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
      expect(rows.map((x) => x.ref)).toEqual(['DP002', 'DP001']);
      expect(rows[1]).toMatchObject({
        ref: 'DP001',
        number: 1,
        title: 'Faster switching',
        status: 'awaiting_panel',
        statusText: 'Awaiting the Panel',
        proposer: 'Alice Proposer',
        raisedAt: '2027-01-07T09:00:00+00:00',
      });
      expect(r.stdout).not.toContain('@');
    });
  },
);

describe('R49 secbot register on the embedded database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-register-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('R49 lists what the store holds, as JSON and CSV, by name', { timeout: 120_000 }, async () => {
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
    expect(JSON.parse(json.stdout)).toMatchObject([
      {
        ref: 'DP001',
        number: 1,
        title: 'Faster, switching',
        status: 'draft',
        statusText: 'Draft Proposal',
        proposer: 'Ann',
        raisedAt: '2026-12-03T10:00:00+00:00',
      },
    ]);
    const csv = await runRegisterCommand(['--csv', `--data-dir=${data}`], {});
    const [head, row] = csv.stdout.split('\r\n');
    expect(head).toBe(WEB_COLUMNS);
    expect(row).toMatch(/^DP001,"Faster, switching",Draft Proposal,SECAS critical-friend review,,Ann,/);
    const bad = await runRegisterCommand(['--xml', '--data-dir', data], {});
    expect(bad.code).toBe(2);
  });
});

describe('R49 secbot register arguments', () => {
  it('R49 one of --json and --csv; anything else exits 2 with the usage, without reading', async () => {
    expect(registerFormat(['--csv'])).toBe('csv');
    expect(registerFormat([])).toBe('text');
    expect(registerFormat(['--json', '--csv'])).toEqual({ error: 'choose one of --json and --csv' });
    let loaded = false;
    const r = await runRegister(['--yaml'], async () => {
      loaded = true;
      return [];
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'secbot register: unknown option --yaml\nusage: secbot register [--json|--csv] [--database-url URL] [--data-dir DIR]\n',
    );
    expect(loaded).toBe(false);
    expect(formatRegister([], 'text')).toBe('The register is empty.\n');
    expect(formatRegister([], 'json')).toBe('[]\n');
    expect(formatRegister([], 'csv')).toBe(`${WEB_COLUMNS}\r\n`);
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField(12)).toBe('12');
  });
});
