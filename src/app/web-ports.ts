// What the register pages and calendar feeds need from a database (R82–R84), in plain types: db/
// implements these on PGlite and PostgreSQL. Reads only, except the feed tokens a person asks for.
import type { Deadline, Modification } from '../domain/modification.ts';
import type { StoredEntry } from '../views/register.ts';
import type { TimelineEvent } from '../views/timeline.ts';

export type { StoredEntry } from '../views/register.ts';
export type { TimelineEvent } from '../views/timeline.ts';
import type { Person, PersonId, Status } from '../domain/types.ts';
import type { CalendarChanges } from '../domain/working-days.ts';

export interface RegisterFilter {
  /** Only these statuses (none given: every status). */
  statuses?: readonly Status[];
  /** Words the title or the reference (an MP's former DP one too) contains, case-insensitively. */
  text?: string;
  /** Only modifications numbered below this (reading the whole register in chunks, newest first). */
  before?: number;
}

/** What a feed entry says about its modification. */
export type FeedModification = Pick<Modification, 'number' | 'isMP' | 'title' | 'version'>;

export interface RegisterReader {
  /** A page, newest first, with the count of every match. */
  page(
    filter: RegisterFilter,
    offset: number,
    limit: number,
  ): Promise<{ total: number; rows: StoredEntry[] }>;
  /**
   * One modification with the events its timeline draws and the current references (MP once
   * promoted) of the modifications it is linked to, by number; or null.
   */
  one(
    number: number,
  ): Promise<{ entry: StoredEntry; events: TimelineEvent[]; refs: Record<number, string> } | null>;
  /** The holiday calendar's changes (for the Working-Day axis). */
  calendarChanges(): Promise<CalendarChanges>;
  /** The people directory (names for votes, roles for what a person owes). */
  people(): Promise<Person[]>;
  /**
   * The modifications a person may have something in: Working Groups they sit on, open ballots with
   * their seat, open views (for the Change Board), open consultations and Fast Track windows (for a
   * party). A superset, narrowed in the database so that a feed does not read the whole register; the
   * feed's own rules (views/calendar.ts) decide.
   */
  feedCandidates(person: Pick<Person, 'id' | 'roles'>): Promise<Modification[]>;
  /**
   * Pending deadlines (not reminders) whose `what` matches this regular expression (PostgreSQL's
   * syntax, which the JavaScript one used here shares), soonest first, with their modification.
   */
  pendingDeadlines(whatPattern: string): Promise<{ m: FeedModification; deadline: Deadline }[]>;
}

export interface FeedTokens {
  /**
   * The person's live feed generation. With none (never issued, or reset), the next generation is
   * issued. `hashOf(generation)` is the hash to keep; a stored hash that differs (the secret changed)
   * is replaced, so the old address stops working.
   */
  issue(person: PersonId, hashOf: (generation: number) => string, now: Date): Promise<number>;
  /** Ends the person's live feed: true when there was one. */
  revoke(person: PersonId, now: Date): Promise<boolean>;
  /** The person whose live feed has this hash, if they are still in the directory. */
  personFor(hash: string): Promise<PersonId | null>;
}
