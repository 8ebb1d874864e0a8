// The hash chain of the history (R8, R67) and its audit. Each event's hash is sha256 over the
// previous event's hash and a canonical JSON of the row's content, so changing, removing or
// reordering a stored event breaks the chain from that event on.
import { createHash } from 'node:crypto';
import type { EventRow, Store, StoredEvent } from './store.ts';

/** The previous hash of a stream's first event. */
export const GENESIS = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and undefined members dropped, so the same content
 * hashes the same after a round trip through jsonb (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // Built by appending, without the arrays of entries a map-and-join makes: every event of every
  // command is hashed (P1).
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

type HashedContent = Omit<EventRow, 'hash'>;

export function eventHash(row: HashedContent): string {
  const content = canonicalJson({
    stream: row.stream,
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    actor: row.actor,
    platform: row.platform,
    deliveryId: row.deliveryId,
    commandText: row.commandText,
    at: row.at.toISOString(),
  });
  return createHash('sha256').update(row.prevHash).update('\n').update(content).digest('hex');
}

export type AuditResult =
  | { ok: true; streams: number; events: number }
  | { ok: false; streams: number; events: number; stream: number; seq: number; reason: string };

/**
 * R8: recomputes every stream's chain in (stream, seq) order and names the first broken event:
 * a changed row, a gap, or a stream shorter than its modification's recorded version.
 */
export async function auditVerify(store: Store, opts: { pageSize?: number } = {}): Promise<AuditResult> {
  const pageSize = opts.pageSize ?? 2000;
  const versions = await store.streamVersions();
  let streams = 0;
  const seen = new Set<number>();
  let count = 0;
  let current: { stream: number; seq: number; hash: string } | null = null;
  let after: { stream: number; seq: number } | null = null;
  const broken = (stream: number, seq: number, reason: string): AuditResult => ({
    ok: false,
    streams,
    events: count,
    stream,
    seq,
    reason,
  });
  const endOfStream = (c: { stream: number; seq: number }): AuditResult | undefined => {
    const recorded = versions.get(c.stream);
    return recorded !== undefined && recorded > c.seq
      ? broken(c.stream, c.seq + 1, `missing: the modification records ${recorded} events`)
      : undefined;
  };
  for (;;) {
    const page: StoredEvent[] = await store.eventsAfter(after, pageSize);
    for (const e of page) {
      if (!current || current.stream !== e.stream) {
        if (current) {
          const cut = endOfStream(current);
          if (cut) return cut;
        }
        streams++;
        seen.add(e.stream);
        current = { stream: e.stream, seq: 0, hash: GENESIS };
      }
      count++;
      if (e.seq !== current.seq + 1) return broken(e.stream, current.seq + 1, 'missing event');
      if (e.prevHash !== current.hash) return broken(e.stream, e.seq, 'previous hash does not match');
      if (eventHash(e) !== e.hash) return broken(e.stream, e.seq, 'content does not match its hash');
      current = { stream: e.stream, seq: e.seq, hash: e.hash };
    }
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) break;
    after = { stream: last.stream, seq: last.seq };
  }
  if (current) {
    const cut = endOfStream(current);
    if (cut) return cut;
  }
  // A modification with a projection but no events at all.
  for (const [stream, version] of versions) {
    if (version > 0 && !seen.has(stream)) return broken(stream, 1, 'missing event');
  }
  return { ok: true, streams, events: count };
}
