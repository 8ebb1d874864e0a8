// `secbot audit verify [--database-url URL] [--data-dir DIR] [--json]` (R8, R67): recomputes every
// stream's hash chain, then folds each modification's history again and compares it with its stored
// state; prints OK with counts, or the first broken event or differing state and exits 1.
import { auditVerify } from '../../src/app/hash.ts';
import { projectionsVerify } from '../../src/app/projection-check.ts';
import { STORE_OPTIONS, helpResult, unknownOption, usageError, wantsHelp } from './args.ts';
import type { CliResult, Env } from './migrate.ts';
import { openForCli, storeOptions } from './migrate.ts';

export const AUDIT_USAGE = 'usage: secbot audit verify [--database-url URL] [--data-dir DIR] [--json]';

export async function runAudit(args: readonly string[], env: Env): Promise<CliResult> {
  if (wantsHelp(args)) return helpResult(AUDIT_USAGE);
  const o = storeOptions(args, env);
  if (typeof o === 'string') return usageError('audit', o, AUDIT_USAGE);
  const [sub, ...flags] = o.rest;
  if (sub !== 'verify')
    return usageError(
      'audit',
      sub === undefined
        ? 'expected verify'
        : sub.startsWith('-')
          ? `expected verify before ${sub}`
          : `unknown subcommand ${sub}; the only one is verify`,
      AUDIT_USAGE,
    );
  const extra = flags.find((f) => f !== '--json');
  if (extra !== undefined)
    return usageError(
      'audit verify',
      extra.startsWith('-')
        ? unknownOption(extra, ['--json', '--help', ...STORE_OPTIONS])
        : `unexpected argument ${extra}`,
      AUDIT_USAGE,
    );
  const json = flags.includes('--json');
  // Reads only: a mistyped folder is an error, never a new empty database that verifies (R8).
  const store = await openForCli(o.open, { existing: true });
  if (typeof store === 'string') return { code: 1, stdout: '', stderr: `secbot audit: ${store}\n` };
  try {
    const r = await auditVerify(store);
    // A state is compared with its history only once the history itself is proven intact.
    const p = r.ok ? await projectionsVerify(store) : undefined;
    if (json) {
      // `chains`: the hash chains alone; `states`: each stored state against its history; `ok`: both.
      const out = { ...r, ok: r.ok && (p?.ok ?? false), chains: r.ok, ...(p ? { states: p } : {}) };
      return { code: out.ok ? 0 : 1, stdout: `${JSON.stringify(out)}\n`, stderr: '' };
    }
    // R71: counts in words, singular for one.
    const counts = `${r.events} ${r.events === 1 ? 'event' : 'events'} in ${r.streams} ${r.streams === 1 ? 'stream' : 'streams'}`;
    if (p && !p.ok)
      return {
        code: 1,
        stdout: `BROKEN: modification ${p.stream}: ${p.reason} (first at ${p.field}); every hash chain is intact (${counts}). The history is the record: restore the database from a backup, or ask a developer to rebuild the state from the history.\n`,
        stderr: '',
      };
    if (r.ok) {
      const mods = p?.modifications ?? 0;
      const states =
        mods === 0
          ? ''
          : `; the stored state of ${mods === 1 ? 'the 1 modification matches' : `each of the ${mods} modifications matches`} its history`;
      return { code: 0, stdout: `OK: ${counts}, every hash chain intact${states}.\n`, stderr: '' };
    }
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
