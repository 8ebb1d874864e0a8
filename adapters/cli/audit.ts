// `secbot audit verify [--database-url URL] [--data-dir DIR] [--json]` (R8, R67): recomputes every
// stream's hash chain; prints OK with counts, or the first broken event and exits 1.
import { auditVerify } from '../../src/app/hash.ts';
import type { CliResult, Env } from './migrate.ts';
import { openForCli, storeOptions } from './migrate.ts';

const USAGE = 'usage: secbot audit verify [--database-url URL] [--data-dir DIR] [--json]\n';

export async function runAudit(args: readonly string[], env: Env): Promise<CliResult> {
  const o = storeOptions(args, env);
  if (typeof o === 'string') return { code: 2, stdout: '', stderr: `secbot audit: ${o}\n` };
  const [sub, ...flags] = o.rest;
  const json = flags.includes('--json');
  if (sub !== 'verify' || flags.some((f) => f !== '--json')) return { code: 2, stdout: '', stderr: USAGE };
  // Reads only: a mistyped folder is an error, never a new empty database that verifies (R8).
  const store = await openForCli(o.open, { existing: true });
  if (typeof store === 'string') return { code: 1, stdout: '', stderr: `secbot audit: ${store}\n` };
  try {
    const r = await auditVerify(store);
    if (json) return { code: r.ok ? 0 : 1, stdout: `${JSON.stringify(r)}\n`, stderr: '' };
    // R71: counts in words, singular for one.
    const counts = `${r.events} ${r.events === 1 ? 'event' : 'events'} in ${r.streams} ${r.streams === 1 ? 'stream' : 'streams'}`;
    if (r.ok) return { code: 0, stdout: `OK: ${counts}, every hash chain intact.\n`, stderr: '' };
    const where = r.stream === 0 ? 'the system stream' : `modification ${r.stream}`;
    return {
      code: 1,
      stdout: `BROKEN: stream ${r.stream} seq ${r.seq} (${where}): ${r.reason}; checked ${counts}.\n`,
      stderr: '',
    };
  } finally {
    await store.close();
  }
}
