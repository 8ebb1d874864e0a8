// R8, R67: the stored state of each modification is a projection of its history, kept beside it so a
// command reads one row. The hash chain proves the history untouched (hash.ts); this proves the row is
// still what the history says: each modification's events folded again from nothing, in order, at the
// instants they were written, and compared with the row. A difference (a row edited by hand, restored
// from another backup than its events, or a projection bug) is reported with the first field it is in.
import { evolve } from '../domain/evolve.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Modification } from '../domain/modification.ts';
import { emptyWorld } from '../domain/modification.ts';
import type { Store, StoredEvent } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';

export type ProjectionResult =
  | { ok: true; modifications: number }
  | { ok: false; modifications: number; stream: number; field: string; reason: string };

/** The event a history row holds (the store keeps `type` and `n` as columns). */
const eventOf = (e: StoredEvent): DomainEvent =>
  ({ ...e.payload, type: e.type, ...(e.stream === SYSTEM_STREAM ? {} : { n: e.stream }) }) as DomainEvent;

/** JSON's view of a value: what the row stores (undefined fields absent, dates as strings). */
const asStored = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null)) as unknown;

/** The first path at which two JSON values differ, e.g. `ballots[0].votes.cb1`; undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  const here = path || '(the whole state)';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return here;
  if (Array.isArray(a) !== Array.isArray(b)) return here;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const d = firstDifference(ra[k], rb[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return undefined;
}

/**
 * Folds every modification's history again and compares it with its stored row. Reads the history a
 * page at a time in (stream, seq) order; holds one modification's replay at a time beside the rows.
 */
export async function projectionsVerify(
  store: Pick<Store, 'eventsAfter' | 'transaction'>,
  opts: { pageSize?: number } = {},
): Promise<ProjectionResult> {
  const pageSize = opts.pageSize ?? 2000;
  const stored = new Map<number, Modification>(
    (await store.transaction((tx) => tx.allModifications())).map((m) => [m.number, m]),
  );
  const replayed = new Set<number>();
  let checked = 0;
  let stream: number | undefined;
  let world = emptyWorld();
  const compare = (n: number): ProjectionResult | undefined => {
    replayed.add(n);
    checked++;
    const row = stored.get(n);
    const fold = world.modifications[n];
    if (!row)
      return {
        ok: false,
        modifications: checked,
        stream: n,
        field: '(the row)',
        reason: 'its history has events but no stored state',
      };
    const field = firstDifference(asStored(fold), asStored(row));
    return field === undefined
      ? undefined
      : {
          ok: false,
          modifications: checked,
          stream: n,
          field,
          reason: 'the stored state differs from its history',
        };
  };
  let after: { stream: number; seq: number } | null = null;
  for (;;) {
    const page = await store.eventsAfter(after, pageSize);
    for (const e of page) {
      if (e.stream === SYSTEM_STREAM) continue;
      if (e.stream !== stream) {
        if (stream !== undefined) {
          const bad = compare(stream);
          if (bad) return bad;
        }
        stream = e.stream;
        world = emptyWorld();
      }
      world = evolve(world, eventOf(e), e.at.toISOString());
    }
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) break;
    after = { stream: last.stream, seq: last.seq };
  }
  if (stream !== undefined) {
    const bad = compare(stream);
    if (bad) return bad;
  }
  for (const n of stored.keys())
    if (!replayed.has(n))
      return {
        ok: false,
        modifications: checked,
        stream: n,
        field: '(the history)',
        reason: 'a stored state with no history',
      };
  return { ok: true, modifications: checked };
}
