// Group commit (QUALITY.md P1, P2): the claims, identities and row locks of several commands decided
// in one transaction, read by one statement, as sharedVersion does for one command.
import { sql } from 'drizzle-orm';
import type { BatchVersion, IdentityKey, LockedModification, StoreTx } from '../src/app/store.ts';
import { canonicalPlatformId } from '../src/domain/types.ts';
import type { Q } from './client.ts';
import { rowsOf } from './client.ts';
import { SYSTEM_HEAD, json, lockedJson, lockedRows } from './directory-store.ts';

export async function batchVersion(
  q: Q,
  lock: readonly number[],
  deliveries: readonly { id: string; at: Date }[],
  keys: readonly IdentityKey[],
  held?: ReadonlyMap<number, LockedModification>,
): Promise<BatchVersion> {
  // R36: every claim is claimDelivery's insert; sorted, so two batches claiming the same ids (a
  // platform's retries) take them in one order and never wait on each other crosswise. The locking
  // CTE waits for the claims (its one-time filter reads them), as in sharedVersion.
  const claims = [...new Map(deliveries.map((d) => [d.id, d])).values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => ({ id: d.id, at: d.at.toISOString() }));
  // R1: a Teams id matched without case, as personByIdentity does.
  const wanted = keys.map((k) => ({
    platform: k.platform,
    id: canonicalPlatformId(k.platform, k.platformId),
  }));
  const [r] = rowsOf<{
    seq: number | null;
    hash: string | null;
    last: number | string;
    locked: unknown;
    claimed: unknown;
    linked: unknown;
  }>(
    await q.execute(sql`
      with d as (
        insert into deliveries (delivery_id, outcome, at)
        select c.id, null, c.at::timestamptz
        from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) as c(id text, at text)
        order by c.id
        on conflict (delivery_id) do nothing returning delivery_id
      ),
      m as (
        select number, state, version, head from modifications
        where number = any(array(select (jsonb_array_elements_text(${JSON.stringify(lock)}::jsonb))::int))
          and (select count(*) from d) > 0
        order by number
        for update
      ),
      k as (select * from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as k(platform text, id text))
      select h.seq, h.hash, (select coalesce(max(number), 0) from modifications) as last,
        ${lockedJson(held)} as locked,
        (select coalesce(json_agg(d.delivery_id), '[]') from d) as claimed,
        (select coalesce(json_agg(json_build_object('platform', k.platform, 'id', k.id,
          'person', coalesce(
            (select i.person_id from identities i where i.platform = k.platform and i.platform_id = k.id),
            (select i.person_id from identities i where k.platform = 'teams' and i.platform = 'teams'
              and lower(i.platform_id) = k.id limit 1)))), '[]') from k) as linked
      from (select 1) one ${SYSTEM_HEAD}`),
  );
  const linked = json<{ platform: string; id: string; person: string | null }[]>(r?.linked ?? '[]');
  return {
    head: r?.seq == null || r.hash == null ? null : { seq: Number(r.seq), hash: r.hash },
    lastNumber: Number(r?.last ?? 0),
    locked: lockedRows(r?.locked, held),
    claimed: new Set(json<string[]>(r?.claimed ?? '[]')),
    linked: linked.map((x) => ({ platform: x.platform, platformId: x.id, person: x.person })),
  };
}

export const batchTx = (q: Q): Pick<StoreTx, 'batchVersion'> => ({
  batchVersion: (lock, deliveries, keys, held) => batchVersion(q, lock, deliveries, keys, held),
});
