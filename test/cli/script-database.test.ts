// §8.1: `secbot script FILE --database-url URL` plays its own world, so it runs only on an empty database.
// On one that already holds modifications, history or people it would have acted on the real DP001,
// added its people to the real directory, fired real deadlines and left messages for a running bot to
// send; it is refused with one line and exit 2, and nothing is written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../adapters/cli/script.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'secbot-script-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = [
  'people:',
  'alice alice@example.org "Alice Party" party',
  'sam sam@example.org "Sam Secas" secas',
  '',
  '2026-07-01T09:30 alice raise title="Summer" problem="P"',
  '2026-07-01T10:00 sam ack DP001',
  '',
].join('\n');

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScript(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function counts(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<Record<string, number>[]>`
      select (select count(*)::int from events) as events, (select count(*)::int from people) as people,
             (select count(*)::int from modifications) as modifications, (select count(*)::int from outbox) as outbox,
             (select count(*)::int from deadlines) as deadlines`;
    return row ?? {};
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe.skipIf(pgUnreachable !== undefined)('§8.1 secbot script --database-url', () => {
  it('runs on an empty database, and refuses one that already holds modifications, writing nothing', async () => {
    const file = join(dir, 'a.sec');
    writeFileSync(file, SCRIPT);
    const db = await createPgDatabase();
    try {
      const first = await run([file, '--json', '--database-url', db.url]);
      expect(first.err).toEqual([]);
      expect(first.code).toBe(0);
      expect(first.out.at(-1)).toContain('"final"');
      const before = await counts(db.url);
      expect(before.modifications).toBe(1);

      const again = await run([file, '--json', '--database-url', db.url]);
      expect(again.code).toBe(2);
      expect(again.out).toEqual([]);
      expect(again.err).toHaveLength(1);
      expect(again.err[0]).toMatch(
        /^secbot script: --database-url postgres:\/\/\S+ already holds modifications, history events, people, deadlines and messages to send; a script needs an empty database/,
      );
      expect(again.err[0]).not.toContain('\n');
      expect(await counts(db.url)).toEqual(before);
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('refuses a database that holds only the directory (people imported, no modification yet)', async () => {
    const file = join(dir, 'b.sec');
    writeFileSync(file, SCRIPT);
    const people = join(dir, 'people.sec');
    writeFileSync(people, 'people:\nann ann@example.org "Ann" party\n\n');
    const db = await createPgDatabase();
    try {
      expect((await run([people, '--database-url', db.url])).code).toBe(0);
      const before = await counts(db.url);
      const r = await run([file, '--json', '--database-url', db.url]);
      expect(r.code).toBe(2);
      expect(r.err[0]).toMatch(/already holds history events and people; a script needs an empty database/);
      expect(await counts(db.url)).toEqual(before);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
