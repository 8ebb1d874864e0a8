// Words the core and the views share, one home each: names from the directory, London times (R31),
// status labels and the display titles of ballots, consultations and deadlines (R70). Plain text:
// user text is passed through as given; the platform renderers escape it (R44).
import type { Ballot } from './ballots.ts';
import type { Consultation, Modification } from './modification.ts';
import { refOf } from './modification.ts';
import type { Person, PersonId, Status } from './types.ts';
import { formatLocalDate, formatLondon, parseLocalDate } from './working-days.ts';

export type People = { people: readonly Person[] };

/** The person's name in the directory, or the id when the directory does not know them. */
export const nameOf = (ctx: People, id: PersonId): string => ctx.people.find((p) => p.id === id)?.name ?? id;

export const namesOf = (ctx: People, ids: readonly PersonId[]): string =>
  ids.map((id) => nameOf(ctx, id)).join(', ');

/** "Wed 9 Jan 2019, 17:00" (R31); an unreadable value is shown as given rather than thrown on. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatLondon(d);
}

/** "Thu 24 Jun 2027" for a `YYYY-MM-DD` date. */
export const day = (date: string): string => (parseLocalDate(date) ? formatLocalDate(date) : date);

export const statusLabel = (s: Status): string => s.replace(/_/g, ' ');

/** `DP001 "Faster switching"`: the reference and the title, as the header of most messages. */
export const refTitle = (m: Pick<Modification, 'number' | 'isMP' | 'title'>): string =>
  `${refOf(m)} "${m.title}"`;

export const BALLOT_TITLES: Record<Ballot['kind'], string> = {
  fasttrack: 'Panel Fast Track ballot',
  sufficiency: 'Change Board sufficiency ballot',
  ia: 'Change Board Impact Assessment ballot',
  decision: 'Change Board decision ballot',
};

export const CONSULTATION_NAMES: Record<Consultation['kind'], string> = {
  wg: 'Working Group Consultation',
  report: 'Modification Report Consultation',
};

/** R70 deadline names in words. */
export function deadlineLabel(what: string): string {
  const [head, tail] = [what.split(':')[0] ?? what, what.split(':').slice(1).join(':')];
  const labels: Record<string, string> = {
    'secas-comments': 'SECAS critical-friend comments',
    'views-close': 'Change Board views close',
    'ballot-close': `${tail} ballot closes`,
    'consult-close': `${tail === 'wg' ? 'Working Group' : tail === 'report' ? 'Modification Report' : tail} consultation closes`,
    'ft-window-close': 'Fast Track objection window closes',
    'report-back': 'report back to the Panel',
    'stall-answer': 'answer to the stall notice',
    timetable: `timetable: ${tail}`,
    implementation: 'implementation',
  };
  return labels[head] ?? what;
}

/** The pending deadlines other than reminders, soonest first, in London time (R31). */
export function deadlineLines(m: Pick<Modification, 'deadlines'>): string[] {
  return m.deadlines
    .filter((d) => d.status === 'pending' && !d.reminder)
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((d) => `${deadlineLabel(d.what)}: ${when(d.due)}`);
}
