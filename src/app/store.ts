// The persistence port: what the application needs from a database, in plain types.
// db/ implements it on PGlite and PostgreSQL; execute, the scheduler and the delivery loop use it, so
// src/ never sees a driver. One StoreTx is one database transaction.
import type { DomainEvent, SystemEvent } from '../domain/events.ts';
import type { Deadline, Modification, SystemState } from '../domain/modification.ts';
import type { HistoryEntry } from '../domain/queries.ts';
import type { ChannelRegistration, Person, PersonId } from '../domain/types.ts';
import type { CalendarChanges } from '../domain/working-days.ts';
import type { Notification } from './notification.ts';
import type { OutboxMessage, Outcome } from './ports.ts';

/** The system stream (R67): events with no modification. */
export const SYSTEM_STREAM = 0;

/** One history row (R8) as written: the hash covers every field but the hash itself. */
export interface EventRow {
  stream: number;
  seq: number;
  type: DomainEvent['type'];
  /** The event without `type` and `n` (those are columns). */
  payload: Record<string, unknown>;
  actor: PersonId | 'system';
  platform: string;
  deliveryId: string | null;
  commandText: string | null;
  at: Date;
  prevHash: string;
  hash: string;
}

export interface StoredEvent extends EventRow {
  id: number;
}

export interface StreamHead {
  seq: number;
  hash: string;
}

/** A modification's projection with the head of its stream (last seq and hash). */
export interface LockedModification {
  state: Modification;
  head: StreamHead;
}

export type DeadlineStatus = Deadline['status'] | 'failed';

export interface DeadlineRow {
  id: string;
  stream: number;
  what: string;
  due: Date;
  status: DeadlineStatus;
  calendarVersion: string;
  reminder: boolean;
  subject: string | null;
}

export interface DeadlineChange {
  id: string;
  status: Exclude<DeadlineStatus, 'pending'>;
  at: Date;
  error?: string;
}

export interface VoteRow {
  stream: number;
  ballotId: string;
  voter: PersonId;
  seat: PersonId;
  solution: string;
  option: string;
  at: Date;
}

/** A deadline row as inserted: one set and settled in the same transaction is inserted settled. */
export interface NewDeadlineRow extends DeadlineRow {
  firedAt?: Date | null;
  lastError?: string | null;
}

/** What a unit of work writes besides system events, in one statement (StoreTx.write). */
export interface WriteBatch {
  events: readonly EventRow[];
  modifications: readonly LockedModification[];
  newDeadlines: readonly NewDeadlineRow[];
  /** Changes to rows inserted by earlier statements, one per id; only pending rows change. */
  deadlineChanges: readonly DeadlineChange[];
  votes: readonly VoteRow[];
  outbox: readonly { note: Notification; at: Date }[];
  deliveries: readonly { deliveryId: string; outcome: StoredOutcome }[];
}

/** A batch that writes nothing: spread it and fill in what a write needs. */
export const NO_WRITES: WriteBatch = {
  events: [],
  modifications: [],
  newDeadlines: [],
  deadlineChanges: [],
  votes: [],
  outbox: [],
  deliveries: [],
};

/** R1: a platform identity (Slack user id, Teams AAD object id) of a person. */
export interface Identity {
  platform: string;
  platformId: string;
  personId: PersonId;
}

/**
 * The cheap check that a cached directory is current: the system stream's head (every directory,
 * calendar and Terms of Reference change is a system event, R1/R30/R67) and the last number (R4).
 */
export interface SharedVersion {
  head: StreamHead | null;
  lastNumber: number;
  /** The modifications asked to be locked, as lockModifications returns them. */
  locked: LockedModification[];
  /** With a delivery to claim: whether it was new (when not, nothing was locked). */
  fresh?: boolean;
  /** With a platform identity to look up: the person it is linked to, or null (R1). */
  person?: PersonId | null;
}

/**
 * Several commands' claims, locks and identities, read by one statement for a group commit (P1, P2):
 * as SharedVersion, with the delivery ids that were new and the person each identity is linked to.
 */
export interface BatchVersion extends Omit<SharedVersion, 'fresh' | 'person'> {
  claimed: ReadonlySet<string>;
  /** Each identity asked about, its platform id canonical (canonicalPlatformId), with its person or null. */
  linked: readonly (IdentityKey & { person: PersonId | null })[];
}

/** A platform identity to look up (R1): a Slack user id or a Teams AAD object id. */
export interface IdentityKey {
  platform: string;
  platformId: string;
}

/** The directory, calendar changes and system state with the system head they were read at. */
export interface SharedSnapshot {
  head: StreamHead | null;
  people: Person[];
  changes: CalendarChanges;
  system: SystemState;
}

/** R81: one person's preferences (no row: the defaults, digest on and the Home tab never opened). */
export interface PersonPrefs {
  person: PersonId;
  /** The personal Monday digest (`notify digest off|on`). */
  digest: boolean;
  /** When they first opened the bot's Slack Home tab; null: never (it is then never published). */
  slackHomeAt: Date | null;
}

export type PrefsPatch = Partial<Pick<PersonPrefs, 'digest'>> & { slackHomeAt?: Date };

/** What a repeated delivery gets back (R36): the first outcome, without its notifications, with its card. */
export type StoredOutcome = Pick<Outcome, 'ok' | 'code' | 'reply' | 'card'>;

export interface StoreTx {
  /**
   * R36: claims a delivery id for this transaction. 'new' when first seen; otherwise the stored
   * outcome (a concurrent duplicate waits here until the first transaction ends).
   */
  claimDelivery(deliveryId: string, at: Date): Promise<'new' | StoredOutcome>;

  people(): Promise<Person[]>;
  /**
   * The system head and the last number, in one statement that also row-locks these modifications
   * (as lockModifications: FOR UPDATE, in number order). Call lockNumbering first when allocating.
   * With a delivery, it first claims it as claimDelivery does, and locks nothing if it is not new.
   * With an identity, it also says who that is (as personByIdentity), saving the command a round trip.
   * `held`: states the caller already has, by number; a locked row still at that head is returned with
   * the held state rather than read and parsed again (P1).
   */
  sharedVersion(
    lock?: readonly number[],
    delivery?: { id: string; at: Date },
    identity?: IdentityKey,
    held?: ReadonlyMap<number, LockedModification>,
  ): Promise<SharedVersion>;
  /**
   * sharedVersion for a group commit (P1, P2): claims every delivery (locking nothing when none is
   * new), locks `lock`, and looks up every identity, in one statement.
   */
  batchVersion(
    lock: readonly number[],
    deliveries: readonly { id: string; at: Date }[],
    identities: readonly IdentityKey[],
    held?: ReadonlyMap<number, LockedModification>,
  ): Promise<BatchVersion>;
  /** People, calendar changes, system state and the system head, in one statement (one snapshot). */
  sharedSnapshot(): Promise<SharedSnapshot>;
  identities(): Promise<Identity[]>;
  /** R1: the person a platform identity is linked to, or null. */
  personByIdentity(platform: string, platformId: string): Promise<PersonId | null>;
  /** R42: the channels registered on this platform (at most one per channel name). */
  channels(platform: string): Promise<ChannelRegistration[]>;
  calendarChanges(): Promise<CalendarChanges>;
  systemState(): Promise<SystemState>;
  /** The highest modification number ever allocated (R4). */
  lastNumber(): Promise<number>;
  /** Serialises number allocation (R4) until the transaction ends: call before lastNumber. */
  lockNumbering(): Promise<void>;
  /** Loads and row-locks (FOR UPDATE) these modifications, in number order; missing ones are absent. */
  lockModifications(numbers: readonly number[]): Promise<LockedModification[]>;
  allModifications(): Promise<Modification[]>;
  heads(streams: readonly number[]): Promise<Map<number, StreamHead>>;
  history(stream: number): Promise<HistoryEntry[]>;

  /**
   * The one write path: events, projections, deadlines and their settlements, votes, outbox and
   * delivery outcomes, in one statement. The unit of work (unit-of-work.ts) has already applied the
   * rules that make it one statement: one vote row per key, the first change to a deadline wins.
   */
  write(batch: WriteBatch): Promise<void>;
  /**
   * The same, as the transaction's last statement: its answer may arrive with the COMMIT's (P1, one
   * round trip fewer). Nothing may be read after it in this transaction; its failure fails the commit.
   */
  writeLast(batch: WriteBatch): Promise<void>;
  /** Projects directory, calendar and Terms of Reference events into their tables (R1, R30, R67). */
  applySystemEvents(events: readonly SystemEvent[]): Promise<void>;
  /** Inserts outbox rows, due from `at`; a key already present is left alone (R46: never twice). */
  enqueue(items: readonly { note: Notification; at: Date }[]): Promise<void>;

  /** Claims due pending deadlines, FOR UPDATE SKIP LOCKED, by due time then creation. */
  claimDueDeadlines(now: Date, limit: number): Promise<DeadlineRow[]>;

  /** R81: the preferences of everyone who has any (the rest have the defaults). */
  prefs(): Promise<PersonPrefs[]>;
  /** R81: changes one person's preferences; the first Home tab opening is kept. */
  setPrefs(person: PersonId, patch: PrefsPatch, at: Date): Promise<void>;
}

/** Test hooks that throw between writes, to prove a failed transaction leaves nothing behind. */
export interface Faults {
  afterEvents?: () => void;
  afterProjections?: () => void;
  beforeCommit?: () => void;
}

export type OutboxOutcome =
  | { id: number; status: 'sent'; at: Date; platformRef?: string }
  | { id: number; status: 'pending'; next: Date; error: string }
  | { id: number; status: 'failed' | 'unknown'; error: string };

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  faults?: Faults;
  /**
   * Runs `fn` in one transaction. A concurrent writer (unique key on the history, deadlock,
   * serialization failure) surfaces as StoreConflict so the caller can retry the whole thing.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  /** The history in (stream, seq) order after a position, for the audit (R8). */
  eventsAfter(after: { stream: number; seq: number } | null, limit: number): Promise<StoredEvent[]>;
  /** Each modification's recorded last seq, to detect a truncated stream. */
  streamVersions(): Promise<Map<number, number>>;
  personByIdentity(platform: string, platformId: string): Promise<PersonId | null>;

  /** Claims due pending outbox rows (SKIP LOCKED) and marks them `sending` in a short transaction. */
  claimOutbox(now: Date, limit: number): Promise<OutboxMessage[]>;
  settleOutbox(results: readonly OutboxOutcome[]): Promise<void>;
}

/** A concurrent writer got there first: retry the whole transaction. */
export class StoreConflict extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreConflict';
  }
}

/**
 * R86: the transaction's connection to the database was lost (reset, closed or ended by the server)
 * before it was known to have committed. Nothing of it is visible unless it committed; a command
 * with a delivery id may run once more, and finds its first outcome if it did.
 */
export class ConnectionLost extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectionLost';
  }
}
