// The directory (R1), the calendar changes (R30) and the Terms of Reference (R67): read for every
// decision, and projected from the system stream's events in the same transaction as them.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Identity, StoreTx } from '../src/app/store.ts';
import type { SystemEvent } from '../src/domain/events.ts';
import type { SystemState } from '../src/domain/modification.ts';
import type { Person, PersonId, Role } from '../src/domain/types.ts';
import type { CalendarChanges } from '../src/domain/working-days.ts';
import type { Q } from './client.ts';
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
  const [row] = await q
    .select({ id: identities.personId })
    .from(identities)
    .where(and(eq(identities.platform, platform), eq(identities.platformId, platformId)));
  return row?.id ?? null;
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
    case 'IdentityLinked':
      await q
        .insert(identities)
        .values({ platform: e.platform, platformId: e.platformId, personId: e.person })
        .onConflictDoUpdate({
          target: [identities.platform, identities.platformId],
          set: { personId: e.person },
        });
      return;
    case 'AlternateSet':
      await q.update(people).set({ alternate: e.alternate }).where(eq(people.id, e.person));
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
): Pick<StoreTx, 'people' | 'identities' | 'calendarChanges' | 'systemState' | 'applySystemEvents'> => ({
  people: () => readPeople(q),
  identities: () => readIdentities(q),
  calendarChanges: () => calendarChanges(q),
  systemState: () => readSystemState(q),
  applySystemEvents: async (evs) => {
    for (const e of evs) await applyOne(q, e);
  },
});
