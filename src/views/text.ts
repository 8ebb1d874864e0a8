// Small wording helpers shared by the card builders and the notifications: names from the directory,
// London times (R31) and labels. Plain text only: user text is passed through as given, never turned
// into mentions or links here (R44); the platform renderers escape it.
import type { Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import type { Person, PersonId, Status } from '../domain/types.ts';
import { formatLocalDate, formatLondon, parseLocalDate } from '../domain/working-days.ts';

export type People = { people: readonly Person[] };

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

export const OPTION_LABELS: Record<string, string> = {
  approve: 'Approve',
  reject: 'Reject',
  abstain: 'Abstain',
  sufficient: 'Sufficient to vote',
  'more-work': 'More work needed',
  proceed: 'Proceed',
  'do-not-proceed': 'Do not proceed',
};
export const optionLabel = (o: string): string => OPTION_LABELS[o] ?? o;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Drops the optional fields that are empty, so cards never show a blank row. */
export function fields(
  rows: [label: string, value: string | undefined][],
): { label: string; value: string }[] {
  return rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([label, value]) => ({ label, value }));
}
