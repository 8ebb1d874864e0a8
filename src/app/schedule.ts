// What the scheduler runs besides the per-minute deadline sweep (deadlines are rows): the weekly jobs, in
// London time. Declared once, so that the service (src/main.ts schedules each with node-cron) and
// scripted mode (`secbot script`, SPEC §8.1) run the very same jobs at the very same instants, and a
// script shows what a week of the service would have sent.
import { londonDate, londonInstant } from '../domain/working-days.ts';
import type { Engine, FiredOutcome } from './engine.ts';
import type { Notification } from './notification.ts';

export interface WeeklyJob {
  /** The node-cron task name (one per job, identical on every replica). */
  name: string;
  /** For the log line. */
  what: string;
  /** London wall time: 0 = Sunday … 6 = Saturday (as cron counts), hour and minute. */
  weekday: number;
  hour: number;
  minute: number;
  /** Writes what the job decided to the outbox (keyed so a second replica adds nothing, R48). */
  run: (engine: Engine, at: Date) => Promise<Notification[]>;
}

export const WEEKLY_JOBS: readonly WeeklyJob[] = [
  // R28, R58: the Panel chair's digest, Mondays 09:00 London, sent only when it is not empty.
  {
    name: 'secbot-digest',
    what: 'weekly Panel digest',
    weekday: 1,
    hour: 9,
    minute: 0,
    run: (engine, at) => engine.digest(at),
  },
  // R81: each person's digest of the week's dues, Mondays 09:00 London, unless switched off.
  {
    name: 'secbot-week-digest',
    what: 'personal Monday digests',
    weekday: 1,
    hour: 9,
    minute: 0,
    run: (engine, at) => engine.weekDigest(at),
  },
];

/** The job's node-cron expression (read with `timezone: 'Europe/London'`). */
export const cronOf = (job: WeeklyJob): string => `${job.minute} ${job.hour} * * ${job.weekday}`;

const pad = (n: number): string => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

/** The instants in (after, upTo] at which the job runs, by London wall time (DST-aware), in order. */
export function occurrences(job: WeeklyJob, after: Date, upTo: Date): Date[] {
  const out: Date[] = [];
  if (upTo <= after) return out;
  const hhmm = `${pad(job.hour)}:${pad(job.minute)}`;
  const first = Date.parse(`${londonDate(after)}T00:00:00Z`);
  const last = Date.parse(`${londonDate(upTo)}T00:00:00Z`);
  for (let day = first; day <= last; day += DAY_MS) {
    const date = new Date(day);
    if (date.getUTCDay() !== job.weekday) continue;
    const at = londonInstant(date.toISOString().slice(0, 10), hhmm);
    if (at > after && at <= upTo) out.push(at);
  }
  return out;
}

export type Scheduled =
  | { kind: 'deadline'; fired: FiredOutcome }
  | { kind: 'job'; job: WeeklyJob; at: Date; notifications: Notification[] };

/**
 * Runs everything the scheduler would have run in (after, upTo], in time order: the deadlines due up to
 * each job's instant fire before the job (it then reports the state they left), the rest after it.
 */
export async function runScheduled(
  engine: Engine,
  after: Date,
  upTo: Date,
  emit: (item: Scheduled) => void,
): Promise<void> {
  const jobs = WEEKLY_JOBS.flatMap((job) => occurrences(job, after, upTo).map((at) => ({ job, at })));
  jobs.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { job, at } of jobs) {
    for (const fired of await engine.runDue(at)) emit({ kind: 'deadline', fired });
    emit({ kind: 'job', job, at, notifications: await job.run(engine, at) });
  }
  for (const fired of await engine.runDue(upTo)) emit({ kind: 'deadline', fired });
}
