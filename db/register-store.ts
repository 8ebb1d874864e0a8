// The register's reads (RegisterReader, src/app/web-ports.ts), on PGlite and PostgreSQL. A page first
// picks its numbers from the narrow columns (status, title, ref: filter, order, offset), and only then
// reads those rows' projections, proposer names and last changes, so the cost of a page does not grow
// with the size of the register (QUALITY.md P9).
import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { RegisterFilter, RegisterReader, StoredEntry, TimelineEvent } from '../src/app/web-ports.ts';
import type { Modification } from '../src/domain/modification.ts';
import type { Db } from './client.ts';
import { dateOf } from './client.ts';
import { calendarChanges, readPeople } from './directory-store.ts';
import { people } from './schema/directory.ts';
import { events } from './schema/events.ts';
import { modifications } from './schema/modifications.ts';

/** The events the timeline draws; comments and everything said in them stay out of reach. */
export const TIMELINE_EVENTS = [
  'Raised',
  'StatusChanged',
  'BallotClosed',
  'BallotVoided',
  'FastTrackApproved',
  'Objected',
] as const;

/** `%`, `_` and `\` typed into the search box are matched as themselves. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(f: RegisterFilter): SQL | undefined {
  const text = f.text?.trim();
  return and(
    f.statuses ? inArray(modifications.status, [...f.statuses]) : undefined,
    text
      ? or(ilike(modifications.title, likePattern(text)), ilike(modifications.ref, likePattern(text)))
      : undefined,
  );
}

/** The newest event's time, by the unique (stream, seq) index read backwards. */
const lastChange = sql<unknown>`(select e.at from ${events} e where e.stream = ${modifications.number} order by e.seq desc limit 1)`;

const entryColumns = {
  state: modifications.state,
  proposerName: people.name,
  lastChange,
  raisedAt: modifications.raisedAt,
};

type EntryRow = { state: unknown; proposerName: string | null; lastChange: unknown; raisedAt: Date };

const toEntry = (r: EntryRow): StoredEntry => ({
  state: r.state as Modification,
  proposerName: r.proposerName ?? undefined,
  // A projection always has its Raised event; the raise time stands in should it not.
  lastChange: r.lastChange === null || r.lastChange === undefined ? r.raisedAt : dateOf(r.lastChange),
});

export function registerReader(db: Db): RegisterReader {
  return {
    async page(filter, offset, limit) {
      const where = whereOf(filter);
      const picked = db
        .select({ number: modifications.number })
        .from(modifications)
        .where(where)
        .orderBy(desc(modifications.number))
        .limit(limit)
        .offset(offset)
        .as('picked');
      const [rows, counted] = await Promise.all([
        db
          .select(entryColumns)
          .from(picked)
          .innerJoin(modifications, eq(modifications.number, picked.number))
          .leftJoin(people, eq(people.id, modifications.proposer))
          .orderBy(desc(modifications.number)),
        db
          .select({ n: sql<number | string>`count(*)` })
          .from(modifications)
          .where(where),
      ]);
      return { total: Number(counted[0]?.n ?? 0), rows: rows.map(toEntry) };
    },
    async one(number) {
      const [rows, evs] = await Promise.all([
        db
          .select(entryColumns)
          .from(modifications)
          .leftJoin(people, eq(people.id, modifications.proposer))
          .where(eq(modifications.number, number)),
        db
          .select({ type: events.type, at: events.at, payload: events.payload })
          .from(events)
          .where(and(eq(events.stream, number), inArray(events.type, [...TIMELINE_EVENTS])))
          .orderBy(asc(events.seq)),
      ]);
      const row = rows[0];
      if (!row) return null;
      const timeline: TimelineEvent[] = evs.map((e) => ({
        type: e.type,
        at: e.at,
        payload: e.payload as Record<string, unknown>,
      }));
      return { entry: toEntry(row), events: timeline };
    },
    calendarChanges: () => calendarChanges(db),
    people: () => readPeople(db),
    async withStatus(statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .select({ state: modifications.state })
        .from(modifications)
        .where(inArray(modifications.status, [...statuses]))
        .orderBy(asc(modifications.number));
      return rows.map((r) => r.state as Modification);
    },
  };
}
