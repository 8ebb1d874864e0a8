// The register's reads (RegisterReader, src/app/web-ports.ts), on PGlite and PostgreSQL. A page first
// picks its numbers from the narrow columns (status, title, ref: filter, order, offset), and only then
// reads those rows' projections, proposer names and last changes, so the cost of a page does not grow
// with the size of the register (QUALITY.md P9).
import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { RegisterFilter, RegisterReader, StoredEntry, TimelineEvent } from '../src/app/web-ports.ts';
import type { Modification } from '../src/domain/modification.ts';
import type { Status } from '../src/domain/types.ts';
import { FINAL_STATUSES, STATUSES, effectiveRoles } from '../src/domain/types.ts';
import type { Db } from './client.ts';
import { dateOf } from './client.ts';
import { calendarChanges, readPeople } from './directory-store.ts';
import { people } from './schema/directory.ts';
import { deadlines } from './schema/deadlines.ts';
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

/** Where a feed's dates can still change: every status but the final ones (R19). */
const LIVE: Status[] = STATUSES.filter((st) => !FINAL_STATUSES.includes(st));
const IN_GROUP = '$.workingGroup.members[*] ? (@ == $p)';
const HAS_SEAT = '$.ballots[*] ? (@.status == "open").seats[*] ? (@.member == $p || @.alternate == $p)';
const OPEN_CONSULTATION = '$.consultations[*] ? (@.status == "open")';

/** `%`, `_` and `\` typed into the search box are matched as themselves. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * R66: a reference typed with its leading zeros left out (`MP1`, `dp7`) finds that modification by its
 * number, the primary key. An MP keeps its DP's number, so a DP reference finds it too; an MP reference
 * finds only an MP.
 */
function refSearch(text: string): SQL | undefined {
  const m = /^(dp|mp)0*(\d{1,9})$/i.exec(text);
  if (!m) return undefined;
  const number = eq(modifications.number, Number(m[2]));
  return m[1]?.toUpperCase() === 'MP' ? and(number, ilike(modifications.ref, 'MP%')) : number;
}

function whereOf(f: RegisterFilter): SQL | undefined {
  const text = f.text?.trim();
  return and(
    f.statuses ? inArray(modifications.status, [...f.statuses]) : undefined,
    f.before !== undefined ? lt(modifications.number, f.before) : undefined,
    text
      ? or(
          ilike(modifications.title, likePattern(text)),
          ilike(modifications.ref, likePattern(text)),
          // R82: an MP keeps its DP's number, so its former reference still finds it.
          ilike(sql`'DP' || substr(${modifications.ref}, 3)`, likePattern(text)),
          refSearch(text),
        )
      : undefined,
  );
}

/**
 * The time of the newest change a person reads in the history (R73), by the unique (stream, seq) index
 * read backwards: not a deadline firing, nor a reminder's own timer being set or dropped, which the
 * history leaves out (src/domain/history.ts), so "Last change" is a time the history shows.
 */
const lastChange = sql<unknown>`(select e.at from ${events} e where e.stream = ${modifications.number}
  and e.type <> 'DeadlineFired'
  and not (e.type = 'DeadlineSet' and e.payload->'deadline'->>'reminder' = 'true')
  and not (e.type = 'DeadlineCancelled' and not exists (select 1 from ${deadlines} d where d.id = e.payload->>'id' and not d.reminder))
  order by e.seq desc limit 1)`;

/** R82: the current reference of the modification this one was merged into, by its primary key. */
const mergedIntoRef = sql<
  string | null
>`(select t.ref from ${modifications} t where t.number = (${modifications.state}->'links'->>'mergedInto')::integer)`;

const entryColumns = {
  state: modifications.state,
  proposerName: people.name,
  lastChange,
  mergedIntoRef,
  raisedAt: modifications.raisedAt,
};

type EntryRow = {
  state: unknown;
  proposerName: string | null;
  lastChange: unknown;
  mergedIntoRef: string | null;
  raisedAt: Date;
};

const toEntry = (r: EntryRow): StoredEntry => ({
  state: r.state as Modification,
  proposerName: r.proposerName ?? undefined,
  ...(r.mergedIntoRef ? { mergedIntoRef: r.mergedIntoRef } : {}),
  // A projection always has its Raised event; the raise time stands in should it not.
  lastChange: r.lastChange === null || r.lastChange === undefined ? r.raisedAt : dateOf(r.lastChange),
});

/** The modifications this one is linked to (merged, absorbed, split, batched). */
function linkedNumbers(m: Modification): number[] {
  const l = m.links;
  return [
    ...(l.mergedInto ? [l.mergedInto] : []),
    ...l.absorbed,
    ...(l.splitFrom ? [l.splitFrom] : []),
    ...l.splitInto,
    ...l.batchedWith,
  ];
}

/** R82: each linked modification's reference now (MP once promoted). */
async function currentRefs(db: Db, numbers: number[]): Promise<Record<number, string>> {
  if (numbers.length === 0) return {};
  const rows = await db
    .select({ number: modifications.number, ref: modifications.ref })
    .from(modifications)
    .where(inArray(modifications.number, numbers));
  return Object.fromEntries(rows.map((r) => [r.number, r.ref]));
}

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
      const entry = toEntry(row);
      return { entry, events: timeline, refs: await currentRefs(db, linkedNumbers(entry.state)) };
    },
    calendarChanges: () => calendarChanges(db),
    people: () => readPeople(db),
    async feedCandidates(person) {
      const roles = effectiveRoles(person);
      const vars = JSON.stringify({ p: person.id });
      const rows = await db
        .select({ state: modifications.state })
        .from(modifications)
        .where(
          and(
            inArray(modifications.status, LIVE),
            or(
              sql`jsonb_path_exists(${modifications.state}, ${IN_GROUP}::jsonpath, ${vars}::jsonb)`,
              sql`jsonb_path_exists(${modifications.state}, ${HAS_SEAT}::jsonpath, ${vars}::jsonb)`,
              roles.includes('change_board')
                ? sql`(${modifications.state}->'views'->>'status' = 'open' and not (${modifications.state}->'views'->'byPerson' ? ${person.id}))`
                : undefined,
              roles.includes('party')
                ? sql`(${modifications.status} = 'fast_track_window' or jsonb_path_exists(${modifications.state}, ${OPEN_CONSULTATION}::jsonpath))`
                : undefined,
            ),
          ),
        )
        .orderBy(asc(modifications.number));
      return rows.map((r) => r.state as Modification);
    },
    async pendingDeadlines(whatPattern) {
      const rows = await db
        .select({
          id: deadlines.id,
          what: deadlines.what,
          due: deadlines.due,
          calendarVersion: deadlines.calendarVersion,
          subject: deadlines.subject,
          number: modifications.number,
          ref: modifications.ref,
          title: modifications.title,
          version: modifications.version,
        })
        .from(deadlines)
        .innerJoin(modifications, eq(modifications.number, deadlines.stream))
        .where(
          and(
            eq(deadlines.status, 'pending'),
            eq(deadlines.reminder, false),
            sql`${deadlines.what} ~ ${whatPattern}`,
          ),
        )
        .orderBy(asc(deadlines.due), asc(deadlines.created));
      return rows.map((r) => ({
        m: { number: r.number, isMP: r.ref.startsWith('MP'), title: r.title, version: r.version },
        deadline: {
          id: r.id,
          what: r.what,
          due: r.due.toISOString(),
          calendarVersion: r.calendarVersion,
          status: 'pending' as const,
          reminder: false,
          ...(r.subject ? { subject: r.subject } : {}),
        },
      }));
    },
  };
}
