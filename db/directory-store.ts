// The directory (R1), the calendar changes (R30) and the Terms of Reference (R67): read for every
// decision, and projected from the system stream's events in the same transaction as them.
import type { SQL } from 'drizzle-orm';
import { and, asc, eq, sql } from 'drizzle-orm';
import type {
  Identity,
  IdentityKey,
  LockedModification,
  SharedSnapshot,
  SharedVersion,
  StoreTx,
} from '../src/app/store.ts';
import type { SystemEvent } from '../src/domain/events.ts';
import type { Modification, SystemState } from '../src/domain/modification.ts';
import type { ChannelRegistration, Person, PersonId, Role } from '../src/domain/types.ts';
import { canonicalPlatformId } from '../src/domain/types.ts';
import type { CalendarChanges } from '../src/domain/working-days.ts';
import type { Q } from './client.ts';
import { rowsOf } from './client.ts';
import { channels, identities, people } from './schema/directory.ts';
import { holidays, systemState } from './schema/system.ts';

export async function readPeople(q: Q): Promise<Person[]> {
  const rows = await q.select().from(people).orderBy(asc(people.id));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles as Role[],
    ...(r.handle ? { handle: r.handle } : {}),
    ...(r.votingGroup ? { votingGroup: r.votingGroup } : {}),
    ...(r.alternate ? { alternate: r.alternate } : {}),
  }));
}

export async function readIdentities(q: Q): Promise<Identity[]> {
  return q.select().from(identities);
}

export async function personByIdentity(q: Q, platform: string, platformId: string): Promise<PersonId | null> {
  // R1: a Teams AAD object id is a GUID, matched without case (one linked before ids were stored
  // lower-cased may be in upper case); a Slack id is matched exactly.
  const match =
    platform === 'teams'
      ? sql`lower(${identities.platformId}) = ${canonicalPlatformId(platform, platformId)}`
      : eq(identities.platformId, platformId);
  const [row] = await q
    .select({ id: identities.personId })
    .from(identities)
    .where(and(eq(identities.platform, platform), match));
  return row?.id ?? null;
}

/** R42: the channels registered on one platform, by name (the channels table's key is name, platform). */
export async function readChannels(q: Q, platform: string): Promise<ChannelRegistration[]> {
  const rows = await q
    .select({ channel: channels.name, platform: channels.platform, channelId: channels.channelId })
    .from(channels)
    .where(eq(channels.platform, platform))
    .orderBy(asc(channels.name));
  return rows;
}

export async function calendarChanges(q: Q): Promise<CalendarChanges> {
  const rows = await q.select().from(holidays).orderBy(asc(holidays.date));
  return {
    added: rows
      .filter((r) => r.op === 'add')
      .map((r) => ({ date: r.date, ...(r.name ? { name: r.name } : {}) })),
    removed: rows.filter((r) => r.op === 'remove').map((r) => r.date),
  };
}

export async function readSystemState(q: Q): Promise<SystemState> {
  const [row] = await q.select().from(systemState).where(eq(systemState.id, 1));
  if (!row) return { torVersion: null };
  return { torVersion: row.torVersion, ...(row.torLink ? { torLink: row.torLink } : {}) };
}

/** A json column: parsed by postgres.js and PGlite, but a string if a driver leaves it alone. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The system stream's head, as a lateral join on the unique (stream, seq) index backwards. */
export const SYSTEM_HEAD = sql`left join lateral (select seq, hash from events where stream = 0 order by seq desc limit 1) h on true`;

/**
 * The locked rows (the CTE `m`) as one JSON array of state, version and head, in number order. A row
 * whose head is one of `held`'s comes without its state (null), and lockedRows gives it the held one:
 * PostgreSQL then neither sends a state the caller already has nor is it parsed again (P1: the state
 * a vote reads is the one the vote before it wrote, in this process). The head is the hash of the whole
 * stream, so an equal head is an equal history; a row whose head moved comes whole.
 */
export function lockedJson(held: ReadonlyMap<number, LockedModification> | undefined): SQL {
  const state = held?.size
    ? sql`case when m.head = (${JSON.stringify(Object.fromEntries([...held].map(([n, x]) => [n, x.head.hash])))}::jsonb ->> m.number::text) then null else m.state end`
    : sql`m.state`;
  return sql`(select coalesce(json_agg(json_build_object('state', ${state}, 'seq', m.version, 'hash', m.head)
    order by m.number), '[]') from m)`;
}

/** What lockedJson read, each state left out taken from `held` (its head checked again). */
export function lockedRows(
  raw: unknown,
  held: ReadonlyMap<number, LockedModification> | undefined,
): LockedModification[] {
  return json<{ state: Modification | null; seq: number; hash: string }[]>(raw ?? '[]').map((x) => {
    const head = { seq: Number(x.seq), hash: x.hash };
    if (x.state !== null) return { state: x.state, head };
    const mine = [...(held?.values() ?? [])].find((h) => h.head.hash === x.hash);
    if (!mine) throw new Error(`a locked modification came without its state, at a head not held: ${x.hash}`);
    return { state: mine.state, head };
  });
}

export async function sharedVersion(
  q: Q,
  lock: readonly number[] = [],
  delivery?: { id: string; at: Date },
  identity?: IdentityKey,
  held?: ReadonlyMap<number, LockedModification>,
): Promise<SharedVersion> {
  // R36: the claim is claimDelivery's insert (a concurrent duplicate waits on it); the locking CTE
  // is gated on its result by a one-time filter, so no row is locked before the claim is settled
  // (the same order as two statements), and none at all for a repeat.
  const claim = delivery
    ? sql`d as (
        insert into deliveries (delivery_id, outcome, at) values (${delivery.id}, null, ${delivery.at.toISOString()}::timestamptz)
        on conflict (delivery_id) do nothing returning 1 as one
      ),`
    : sql``;
  const gate = delivery ? sql`and (select count(*) from d) > 0` : sql``;
  const fresh = delivery ? sql`(select count(*) from d)` : sql`null`;
  // R1: a Teams id matched without case, as personByIdentity does.
  const person = identity
    ? identity.platform === 'teams'
      ? sql`(select person_id from identities where platform = 'teams' and lower(platform_id) = ${canonicalPlatformId('teams', identity.platformId)} limit 1)`
      : sql`(select person_id from identities where platform = ${identity.platform} and platform_id = ${identity.platformId})`
    : sql`null`;
  // The locking CTE is referenced, so it runs and locks in number order (`= any(array(...))` keeps
  // the primary-key index: `in (select ...)` seq-scanned every modification); a row changed while this
  // waited for its lock comes back as committed (READ COMMITTED re-reads locked rows).
  const [r] = rowsOf<{
    seq: number | null;
    hash: string | null;
    last: number | string;
    locked: unknown;
    fresh: number | string | null;
    person: string | null;
  }>(
    await q.execute(sql`
      with ${claim} m as (
        select number, state, version, head from modifications
        where number = any(array(select (jsonb_array_elements_text(${JSON.stringify(lock)}::jsonb))::int)) ${gate}
        order by number
        for update
      )
      select h.seq, h.hash, (select coalesce(max(number), 0) from modifications) as last,
        ${lockedJson(held)} as locked,
        ${fresh} as fresh, ${person} as person
      from (select 1) one ${SYSTEM_HEAD}`),
  );
  return {
    head: r?.seq == null || r.hash == null ? null : { seq: Number(r.seq), hash: r.hash },
    lastNumber: Number(r?.last ?? 0),
    locked: lockedRows(r?.locked, held),
    ...(delivery ? { fresh: Number(r?.fresh ?? 0) > 0 } : {}),
    ...(identity ? { person: r?.person ?? null } : {}),
  };
}

interface RawPerson {
  id: string;
  email: string;
  name: string;
  handle: string | null;
  roles: Role[];
  voting_group: string | null;
  alternate: string | null;
}

/** One statement, so the directory and the head it is cached under come from one snapshot. */
export async function sharedSnapshot(q: Q): Promise<SharedSnapshot> {
  const [r] = rowsOf<{
    seq: number | null;
    hash: string | null;
    people: unknown;
    holidays: unknown;
    system: unknown;
  }>(
    await q.execute(sql`
      select h.seq, h.hash,
        (select coalesce(json_agg(p order by p.id), '[]') from people p) as people,
        (select coalesce(json_agg(d order by d.date), '[]') from holidays d) as holidays,
        (select row_to_json(s) from system_state s where s.id = 1) as system
      from (select 1) one ${SYSTEM_HEAD}`),
  );
  const people = json<RawPerson[]>(r?.people ?? '[]').map((p): Person => ({
    id: p.id,
    email: p.email,
    name: p.name,
    roles: p.roles,
    ...(p.handle ? { handle: p.handle } : {}),
    ...(p.voting_group ? { votingGroup: p.voting_group } : {}),
    ...(p.alternate ? { alternate: p.alternate } : {}),
  }));
  const days = json<{ date: string; op: string; name: string | null }[]>(r?.holidays ?? '[]');
  const sys = r?.system ? json<{ tor_version: number | null; tor_link: string | null }>(r.system) : null;
  return {
    head: r?.seq == null || r.hash == null ? null : { seq: Number(r.seq), hash: r.hash },
    people,
    changes: {
      added: days
        .filter((d) => d.op === 'add')
        .map((d) => ({ date: d.date, ...(d.name ? { name: d.name } : {}) })),
      removed: days.filter((d) => d.op === 'remove').map((d) => d.date),
    },
    system: sys
      ? { torVersion: sys.tor_version, ...(sys.tor_link ? { torLink: sys.tor_link } : {}) }
      : { torVersion: null },
  };
}

/** R1: a link that would move a platform id from the person it is linked to; nothing is written. */
export class IdentityTaken extends Error {
  constructor(platform: string, platformId: string, owner: PersonId) {
    super(`${platform} id ${platformId} is already linked to ${owner}`);
    this.name = 'IdentityTaken';
  }
}

async function applyOne(q: Q, e: SystemEvent): Promise<void> {
  switch (e.type) {
    case 'PersonAdded': {
      const p = e.person;
      const row = {
        id: p.id,
        email: p.email,
        name: p.name,
        handle: p.handle ?? null,
        roles: p.roles,
        votingGroup: p.votingGroup ?? null,
        alternate: p.alternate ?? null,
      };
      const { id: _id, ...set } = row;
      await q.insert(people).values(row).onConflictDoUpdate({ target: people.id, set });
      return;
    }
    case 'RoleChanged':
      await q
        .update(people)
        .set({
          roles:
            e.op === 'add'
              ? sql`case when ${e.role} = any(${people.roles}) then ${people.roles} else array_append(${people.roles}, ${e.role}::text) end`
              : sql`array_remove(${people.roles}, ${e.role}::text)`,
        })
        .where(eq(people.id, e.person));
      return;
    case 'IdentityLinked': {
      // R1: Teams ids are kept lower-cased; one linked in upper case before that is put in the same
      // form first, so the moves and the uniqueness below see one row per id.
      if (e.platform === 'teams') {
        await q
          .update(identities)
          .set({ platformId: e.platformId })
          .where(
            and(
              eq(identities.platform, 'teams'),
              sql`lower(${identities.platformId}) = ${e.platformId}`,
              sql`${identities.platformId} <> ${e.platformId}`,
            ),
          );
      }
      if (e.from !== undefined) {
        // R1: the admin moves the id from the person named, and only from them (a link made since the
        // decision fails the transaction rather than moving an id from someone nobody named).
        const moved = await q
          .update(identities)
          .set({ personId: e.person })
          .where(
            and(
              eq(identities.platform, e.platform),
              eq(identities.platformId, e.platformId),
              eq(identities.personId, e.from),
            ),
          )
          .returning({ personId: identities.personId });
        if (moved.length === 0) {
          const [now] = await q
            .select({ personId: identities.personId })
            .from(identities)
            .where(and(eq(identities.platform, e.platform), eq(identities.platformId, e.platformId)));
          if (now && now.personId !== e.person)
            throw new IdentityTaken(e.platform, e.platformId, now.personId);
          if (now) return;
        } else return;
      }
      // R1: an id is one person's. A link never moves it from another person: the conflict keeps
      // the row as it is and returns its owner, and a different owner fails the transaction.
      const [row] = await q
        .insert(identities)
        .values({ platform: e.platform, platformId: e.platformId, personId: e.person })
        .onConflictDoUpdate({
          target: [identities.platform, identities.platformId],
          set: { personId: sql`${identities.personId}` },
        })
        .returning({ personId: identities.personId });
      if (row && row.personId !== e.person) throw new IdentityTaken(e.platform, e.platformId, row.personId);
      return;
    }
    case 'AlternateSet':
      await q.update(people).set({ alternate: e.alternate }).where(eq(people.id, e.person));
      return;
    case 'VotingGroupSet':
      await q.update(people).set({ votingGroup: e.group }).where(eq(people.id, e.person));
      return;
    case 'ChannelRegistered':
      await q
        .insert(channels)
        .values({ name: e.channel, platform: e.platform, channelId: e.channelId })
        .onConflictDoUpdate({ target: [channels.name, channels.platform], set: { channelId: e.channelId } });
      return;
    case 'HolidayChanged':
      // The latest change per date counts (R30); createCalendar applies removals, then additions.
      await q
        .insert(holidays)
        .values({ date: e.date, op: e.op, name: e.name ?? null })
        .onConflictDoUpdate({ target: holidays.date, set: { op: e.op, name: e.name ?? null } });
      return;
    case 'TermsOfReferencePublished':
      await q
        .insert(systemState)
        .values({ id: 1, torVersion: e.version, torLink: e.link })
        .onConflictDoUpdate({ target: systemState.id, set: { torVersion: e.version, torLink: e.link } });
      return;
  }
}

export const directoryTx = (
  q: Q,
): Pick<
  StoreTx,
  | 'people'
  | 'identities'
  | 'personByIdentity'
  | 'channels'
  | 'calendarChanges'
  | 'systemState'
  | 'applySystemEvents'
  | 'sharedVersion'
  | 'sharedSnapshot'
> => ({
  people: () => readPeople(q),
  sharedVersion: (lock, delivery, identity, held) => sharedVersion(q, lock, delivery, identity, held),
  personByIdentity: (platform, platformId) => personByIdentity(q, platform, platformId),
  channels: (platform) => readChannels(q, platform),
  sharedSnapshot: () => sharedSnapshot(q),
  identities: () => readIdentities(q),
  calendarChanges: () => calendarChanges(q),
  systemState: () => readSystemState(q),
  applySystemEvents: async (evs) => {
    for (const e of evs) await applyOne(q, e);
  },
});
