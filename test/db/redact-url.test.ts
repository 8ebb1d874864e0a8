// Security goals ("none is logged"), R47: a database address is printed without its password, whether
// it is written before the host or as a query parameter (`?password=…`, `sslpassword`, …), which was
// echoed whole: `secbot migrate --database-url '…?password=QueryPw777'` printed QueryPw777.
import { describe, expect, it } from 'vitest';
import { runMigrate } from '../../adapters/cli/migrate.ts';
import { redactUrl } from '../../db/open.ts';

describe('redactUrl', () => {
  it('hides a password in the user part and in query parameters', () => {
    expect(redactUrl('postgres://u:p@h:5/d')).toBe('postgres://u@h:5/d');
    expect(redactUrl('postgres://postgres:Pw@127.0.0.1:1/x?password=QueryPw777')).toBe(
      'postgres://postgres@127.0.0.1:1/x?password=***',
    );
    const many = redactUrl(
      'postgres://h/d?sslmode=require&sslpassword=S1&PASSWORD=S2&client_secret=S3&application_name=app&token=S4',
    );
    expect(many).toBe(
      'postgres://h/d?sslmode=require&sslpassword=***&PASSWORD=***&client_secret=***&application_name=app&token=***',
    );
    expect(redactUrl('postgres://h/d?pass%77ord=S5')).not.toContain('S5');
    expect(redactUrl('postgres://h/d?password=a&password=b')).toBe('postgres://h/d?password=***');
  });

  it('secbot migrate does not echo a password given as a query parameter', async () => {
    const r = await runMigrate(
      ['--database-url', 'postgres://postgres:Pw@127.0.0.1:1/x?password=QueryPw777'],
      {},
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Cannot reach the database at --database-url (postgres://postgres@127.0.0.1:1/x?password=***)',
    );
    expect(r.stderr).not.toContain('QueryPw777');
    expect(r.stderr).not.toContain('Pw@');
  }, 30_000);
});
