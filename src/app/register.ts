// The register's and the feeds' queries (R82, R84): read models built from the stores' reads and the
// pure views. Read-only: nothing here writes, whatever is asked.
import { createCalendar } from '../domain/working-days.ts';
import type { Status } from '../domain/types.ts';
import { FINAL_STATUSES, STATUSES } from '../domain/types.ts';
import { panelItems, personalItems } from '../views/calendar.ts';
import type { FeedOptions } from '../views/calendar.ts';
import { icsCalendar } from '../views/ics.ts';
import type { RegisterEntry, StatusFilter } from '../views/register.ts';
import { registerEntry, statusesOf } from '../views/register.ts';
import type { ModificationRecord } from '../views/register-record.ts';
import { modificationRecord } from '../views/register-record.ts';
import type { FeedTokens, RegisterReader } from './web-ports.ts';

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface RegisterQuery {
  status: StatusFilter;
  /** Words the title or reference contains. */
  text?: string;
  /** 1-based. */
  page: number;
  size: number;
}

export interface RegisterPage {
  query: RegisterQuery;
  total: number;
  pages: number;
  entries: RegisterEntry[];
}

export async function registerPage(reader: RegisterReader, q: RegisterQuery): Promise<RegisterPage> {
  const statuses = statusesOf(q.status);
  const { total, rows } = await reader.page(
    { ...(statuses ? { statuses } : {}), ...(q.text ? { text: q.text } : {}) },
    (q.page - 1) * q.size,
    q.size,
  );
  return { query: q, total, pages: Math.max(1, Math.ceil(total / q.size)), entries: rows.map(registerEntry) };
}

export async function modificationPage(
  reader: RegisterReader,
  number: number,
  opts: { showVotes: boolean; now: Date },
): Promise<ModificationRecord | null> {
  const [found, changes, people] = await Promise.all([
    reader.one(number),
    reader.calendarChanges(),
    reader.people(),
  ]);
  if (!found) return null;
  return modificationRecord(found.entry, found.events, {
    showVotes: opts.showVotes,
    // Names only: the directory's e-mail addresses never reach a page (R82).
    people: people.map((p) => ({ id: p.id, name: p.name })),
    calendar: createCalendar(changes),
    now: opts.now,
  });
}

/** Where a feed's dates can still change: every status but the final ones (R19). */
const LIVE: readonly Status[] = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** A person's feed by its token's hash, or null (unknown, reset, or the person left the directory). */
export async function personalFeed(
  reader: RegisterReader,
  tokens: FeedTokens,
  hash: string,
  now: Date,
  opts: FeedOptions = {},
): Promise<string | null> {
  const id = await tokens.personFor(hash);
  if (id === null) return null;
  const [people, mods] = await Promise.all([reader.people(), reader.withStatus(LIVE)]);
  const person = people.find((p) => p.id === id);
  if (!person) return null;
  return icsCalendar(personalItems(mods, person, opts), {
    stamp: now,
    name: 'SEC modifications: my dates',
    description: 'Your Working Group meetings and what you owe, from the SEC Change Bot.',
    refreshMinutes: 60,
  });
}

/** The public feed of Panel-level dates (only served with a public register). */
export async function panelFeed(reader: RegisterReader, now: Date, opts: FeedOptions = {}): Promise<string> {
  const mods = await reader.withStatus(LIVE);
  return icsCalendar(panelItems(mods, opts), {
    stamp: now,
    name: 'SEC modifications: Panel dates',
    description: 'Report-backs, Fast Track windows, timetables and implementation dates.',
    refreshMinutes: 60,
  });
}
