// `secbot --help` is read by an operator, who has the README, not the SPEC: it lists every command with
// what it does in words, and no rule numbers (R71's plain words, for the operator too).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'secbot.js');

it('secbot --help lists each command in words, without rule numbers', () => {
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  for (const c of ['workdays', 'script', 'register', 'people import', 'config', 'migrate', 'audit verify'])
    expect(r.stdout).toContain(`  secbot ${c} `);
  expect(r.stdout).not.toMatch(/\bR\d+\b|SPEC/);
});
