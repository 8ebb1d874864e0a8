// The register's and the feeds' queries (R82, R84): read models built from the stores' reads and the
// pure views. Read-only: nothing here writes, whatever is asked.
import { createCalendar } from '../domain/working-days.ts';
import { PANEL_DEADLINES, panelItems, personalItems } from '../views/calendar.ts';
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

/**
 * Every match, newest first, in chunks (the CSV twin): each chunk continues below the last number
 * read, so a modification raised meanwhile neither shifts nor repeats a row, and the server answers
 * other requests between chunks.
 */
export async function* allEntries(
  reader: RegisterReader,
  q: Pick<RegisterQuery, 'status' | 'text'>,
  chunk = MAX_PAGE_SIZE,
): AsyncGenerator<RegisterEntry[]> {
  const statuses = statusesOf(q.status);
  let before: number | undefined;
  for (;;) {
    const filter = { ...(statuses ? { statuses } : {}), ...(q.text ? { text: q.text } : {}) };
    const { rows } = await reader.page(before === undefined ? filter : { ...filter, before }, 0, chunk);
    if (rows.length === 0) return;
    yield rows.map(registerEntry);
    if (rows.length < chunk) return;
    before = rows[rows.length - 1]?.state.number;
  }
}

export async function modificationPage(
  reader: RegisterReader,
  number: number,
  opts: { showVotes: boolean; showRunningSplit?: boolean; now: Date },
): Promise<ModificationRecord | null> {
  // Names are needed only to show who voted what; the proposer's comes with the row.
  const [found, changes, people] = await Promise.all([
    reader.one(number),
    reader.calendarChanges(),
    opts.showVotes ? reader.people() : [],
  ]);
  if (!found) return null;
  return modificationRecord(found.entry, found.events, {
    refs: found.refs,
    showVotes: opts.showVotes,
    showRunningSplit: opts.showRunningSplit === true,
    // Names only: the directory's e-mail addresses never reach a page (R82).
    people: people.map((p) => ({ id: p.id, name: p.name })),
    calendar: createCalendar(changes),
    now: opts.now,
  });
}

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
  const person = (await reader.people()).find((p) => p.id === id);
  if (!person) return null;
  const mods = await reader.feedCandidates(person);
  return icsCalendar(personalItems(mods, person, now, opts), {
    stamp: now,
    name: 'SEC modifications: my dates',
    description: 'Your Working Group meetings and what you owe, from the SEC Change Bot.',
    refreshMinutes: 60,
  });
}

/** The public feed of Panel-level dates (only served with a public register). */
export async function panelFeed(reader: RegisterReader, now: Date, opts: FeedOptions = {}): Promise<string> {
  const rows = await reader.pendingDeadlines(PANEL_DEADLINES);
  return icsCalendar(panelItems(rows, opts), {
    stamp: now,
    name: 'SEC modifications: Panel dates',
    description: 'Report-backs, Fast Track windows, timetables and implementation dates.',
    refreshMinutes: 60,
  });
}
