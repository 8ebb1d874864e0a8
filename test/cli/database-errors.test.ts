// R47: a database the CLI cannot use is named where the operator gave it (--database-url or
// DATABASE_URL) with what is wrong in words and the fix, never with its password. It had said "Cannot
// reach the database at DATABASE_URL (…): database "x" does not exist" for a --database-url whose server
// answered, and turned `--database-url notaurl` into a look-up of the host "taurl".
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { runMigrate } from '../../adapters/cli/migrate.ts';
import { runRegisterCommand } from '../../adapters/cli/register.ts';
import { runScript } from '../../adapters/cli/script.ts';
import { ADMIN_URL, pgUnreachable } from '../support/databases.ts';

const NOT_AN_ADDRESS = 'is not a database address like postgres://user@host:5432/name.';

async function exists(name: string): Promise<boolean> {
  const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe.skipIf(pgUnreachable !== undefined)('R47 a missing PostgreSQL database', { timeout: 60_000 }, () => {
  const name = `secbot_test_missing_${randomBytes(4).toString('hex')}`;
  const url = `postgres://postgres:S3cretPw@127.0.0.1:5432/${name}`;

  it('names --database-url, says the server has no such database and how to create it', async () => {
    const line =
      `The PostgreSQL server at 127.0.0.1:5432 has no database "${name}" ` +
      `(postgres://postgres@127.0.0.1:5432/${name}, from --database-url): ` +
      `create it first (createdb -h 127.0.0.1 -p 5432 -U postgres ${name}) or check the name.\n`;
    const register = await runRegisterCommand(['--database-url', url], {});
    expect(register).toEqual({ code: 1, stdout: '', stderr: `secbot register: ${line}` });
    const migrate = await runMigrate([`--database-url=${url}`], { DATABASE_URL: 'postgres://elsewhere/x' });
    expect(migrate).toEqual({ code: 1, stdout: '', stderr: `secbot migrate: ${line}` });
    expect(await exists(name)).toBe(false);
  });

  it('names DATABASE_URL when the address came from there', async () => {
    const r = await runMigrate([], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `(postgres://postgres@127.0.0.1:5432/${name}, from DATABASE_URL): create it first`,
    );
    expect(r.stderr).not.toContain('S3cretPw');
    expect(r.stderr).not.toContain('Cannot reach');
  });
});

describe('R47 an address that is not a database address', { timeout: 60_000 }, () => {
  it('is said to be one, not looked up as a host', async () => {
    const r = await runRegisterCommand(['--database-url', 'notaurl'], {});
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `secbot register: --database-url "notaurl" ${NOT_AN_ADDRESS}\n`,
    });
    const env = await runMigrate([], { DATABASE_URL: 'localhost:5432/secbot' });
    expect(env.stderr).toBe(`secbot migrate: DATABASE_URL "localhost:5432/secbot" ${NOT_AN_ADDRESS}\n`);
  });

  it('never repeats a password, even in an address that does not read', async () => {
    for (const bad of ['ann:Pw0rd77@db.example.org/secbot', 'mysql://ann:Pw0rd77@h/d?password=Pw0rd77']) {
      const r = await runRegisterCommand(['--database-url', bad], {});
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(NOT_AN_ADDRESS);
      expect(r.stderr).not.toContain('Pw0rd77');
    }
  });

  it('secbot script says the same, once', async () => {
    const err: string[] = [];
    const code = await runScript(['examples/week-digest.sec', '--database-url', 'notaurl'], {
      out: () => {},
      err: (l) => err.push(l),
    });
    expect(code).toBe(1);
    expect(err).toEqual([`secbot script: --database-url "notaurl" ${NOT_AN_ADDRESS}`]);
  });
});

describe('R47 a server that does not answer', { timeout: 60_000 }, () => {
  it('names the flag and the address that refused, without the password', async () => {
    const r = await runRegisterCommand(['--database-url', 'postgres://postgres:Pw0rd77@127.0.0.1:1/x'], {});
    expect(r.stderr).toBe(
      'secbot register: Cannot reach the database at --database-url (postgres://postgres@127.0.0.1:1/x): nothing answers at 127.0.0.1:1 (connection refused); check the host and port, and that PostgreSQL is running.\n',
    );
  });
});
