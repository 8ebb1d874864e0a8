// R8, R67: `secbot audit verify` also proves each modification's stored state is what its history
// says: the history folded again and compared with the row. A state edited by hand, or a row lost,
// is named with the first field it differs in, exit 1; the hash chains alone could not see either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { runAudit } from '../../adapters/cli/audit.ts';
import { runScript } from '../../adapters/cli/script.ts';
import { createPgDatabase } from '../support/databases.ts';

describe(
  'secbot audit verify compares stored states with their history (R8, R67)',
  { timeout: 120_000 },
  () => {
    let db: { url: string; drop(): Promise<void> };
    let sql: postgres.Sql;
    const audit = () => runAudit(['verify', '--database-url', db.url], {});

    beforeAll(async () => {
      db = await createPgDatabase();
      sql = postgres(db.url, { max: 1, onnotice: () => {} });
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      // A modification with ballots, votes, meetings and deadlines: every kind of state a fold builds.
      expect(await runScript(['examples/refinement-to-authority.sec', '--database-url', db.url], io)).toBe(0);
    });
    afterAll(async () => {
      await sql?.end({ timeout: 1 });
      await db?.drop();
    });

    it('a state as the history says: OK, with the count', async () => {
      const r = await audit();
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /^OK: \d+ events in 2 streams, every hash chain intact; the stored state of the 1 modification matches its history\.\n$/,
      );
    });

    it('a state edited by hand: BROKEN, the modification and the first field named, exit 1', async () => {
      await sql`update modifications set state = jsonb_set(state, '{title}', '"Edited by hand"') where number = 1`;
      const r = await audit();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        'BROKEN: modification 1: the stored state differs from its history (first at title)',
      );
      expect(r.stdout).toContain('every hash chain is intact');
      const json = await runAudit(['verify', '--database-url', db.url, '--json'], {});
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        chains: true,
        states: { ok: false, stream: 1, field: 'title' },
      });
    });

    it('a nested field: named by its path', async () => {
      await sql`update modifications set state = jsonb_set(state, '{title}', to_jsonb(title)) where number = 1`;
      expect((await audit()).code).toBe(0);
      await sql`update modifications set state = jsonb_set(state, '{ballots,0,status}', '"open"') where number = 1`;
      const r = await audit();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('(first at ballots[0].status)');
    });

    it('a row lost: BROKEN, its history has events but no stored state', async () => {
      await sql`delete from modifications where number = 1`;
      const r = await audit();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('BROKEN: modification 1: its history has events but no stored state');
    });
  },
);
