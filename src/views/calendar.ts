// R84: what a person's calendar feed holds, and the public feed of Panel-level dates. A personal feed
// has the person's Working Group meetings (the same UID as the invite, so a calendar holds one entry),
// the closing times of what they still owe (ballot votes, Change Board views, consultation responses)
// and the Fast Track windows they may object in; closings are at the cut-off (17:00 London by default)
// with a reminder at 09:00 that morning. Pure: the caller reads the modifications and the clock.
import { waitingFor } from '../domain/ballots.ts';
import { MEETING_MINUTES } from '../domain/meetings.ts';
import type { Deadline, Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import type { Person } from '../domain/types.ts';
import { effectiveRoles } from '../domain/types.ts';
import { londonDate, londonInstant } from '../domain/working-days.ts';
import { BALLOT_TITLES, CONSULTATION_NAMES } from '../domain/words.ts';
import type { CalendarItem } from './ics.ts';
import { deadlineName } from './register.ts';
import { cmd } from './hints.ts';

const MORNING = '09:00';
const MEETING_ALARM_MINUTES = 30;

/** Minutes from 09:00 London on the closing day to the closing time; an hour when it closes earlier. */
export function morningAlarm(due: Date): number {
  const minutes = Math.round((due.getTime() - londonInstant(londonDate(due), MORNING).getTime()) / 60_000);
  return minutes > 0 ? minutes : 60;
}

export interface FeedOptions {
  /** The register page of a modification, when there is one to link to. */
  pageUrl?: (ref: string) => string | undefined;
}

/** Meetings further back than this drop out of a feed; calendars keep what they already showed. */
export const FEED_HISTORY_DAYS = 60;
/** At most this many entries, the earliest first: a feed must stay quick to make and to read. */
export const FEED_LIMIT = 500;

const uidOf = (kind: string, m: Pick<Modification, 'number'>, id?: string): string =>
  `${kind}${id ? `-${id}` : ''}.${String(m.number).padStart(3, '0')}@secbot`;

function closing(
  m: Modification,
  kind: string,
  id: string | undefined,
  what: string,
  due: string,
  action: string,
  opts: FeedOptions,
): CalendarItem {
  const start = new Date(due);
  const url = opts.pageUrl?.(refOf(m));
  return {
    uid: uidOf(kind, m, id),
    title: `${refOf(m)}: ${what}`,
    start,
    description: `${refOf(m)} "${m.title}". ${action}`,
    ...(url ? { url } : {}),
    alarmMinutesBefore: morningAlarm(start),
    sequence: m.version,
  };
}

/** One person's feed: their meetings and what they owe, across these modifications, as of `now`. */
export function personalItems(
  mods: readonly Modification[],
  person: Pick<Person, 'id' | 'roles'>,
  now: Date,
  opts: FeedOptions = {},
): CalendarItem[] {
  const since = now.getTime() - FEED_HISTORY_DAYS * 86_400_000;
  const roles = effectiveRoles(person);
  const id = person.id;
  const items: CalendarItem[] = [];
  for (const m of mods) {
    const ref = refOf(m);
    if (m.workingGroup?.members.includes(id)) {
      for (const mt of m.meetings) {
        if (!mt.confirmedAt || mt.status === 'proposed' || Date.parse(mt.confirmedAt) < since) continue;
        const url = opts.pageUrl?.(ref);
        items.push({
          uid: `${mt.id}.${String(m.number).padStart(3, '0')}@secbot`,
          title: `${ref} Working Group: ${m.title}`,
          start: new Date(mt.confirmedAt),
          minutes: MEETING_MINUTES,
          description: `Working Group meeting for ${ref}. Tell SECAS whether you can come: ${cmd(`attend ${ref} yes|no`)}.`,
          ...(url ? { url } : {}),
          alarmMinutesBefore: MEETING_ALARM_MINUTES,
          sequence: m.version,
          cancelled: mt.status === 'cancelled',
        });
      }
    }
    for (const b of m.ballots) {
      if (b.status !== 'open' || !b.due) continue;
      if (!waitingFor(b).some((s) => s.member === id || s.alternate === id)) continue;
      const title = BALLOT_TITLES[b.kind];
      items.push(
        closing(
          m,
          'ballot',
          b.id,
          `${title} closes`,
          b.due,
          // R55: a decision ballot on several solutions takes one vote per solution, as `mine` says.
          `Vote before it closes: ${cmd(`vote ${ref} ${b.options.join('|')}${b.kind === 'decision' && b.solutions.length > 1 ? ` ${b.solutions.join('|')}` : ''}`)}.`,
          opts,
        ),
      );
    }
    if (m.views.status === 'open' && m.views.due && roles.includes('change_board') && !m.views.byPerson[id]) {
      items.push(
        closing(
          m,
          'views',
          undefined,
          'Change Board views close',
          m.views.due,
          `Give your view: ${cmd(`view ${ref} support|concerns|oppose`)}.`,
          opts,
        ),
      );
    }
    for (const c of m.consultations) {
      if (c.status !== 'open' || !roles.includes('party') || c.responses[id]) continue;
      items.push(
        closing(
          m,
          'consult',
          c.id,
          `${CONSULTATION_NAMES[c.kind]} closes`,
          c.due,
          `Respond: ${cmd(`respond ${ref} org="…" S0=support|oppose`)}.`,
          opts,
        ),
      );
    }
    const ft = m.fastTrack;
    if (m.status === 'fast_track_window' && ft && !ft.objection && roles.includes('party')) {
      items.push(
        closing(
          m,
          'fasttrack',
          undefined,
          'Fast Track objection window closes',
          ft.due,
          `Any party may object with a reason: ${cmd(`object ${ref} <reason>`)}.`,
          opts,
        ),
      );
    }
  }
  return items.sort(byStart).slice(0, FEED_LIMIT);
}

const byStart = (a: CalendarItem, b: CalendarItem): number =>
  a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid);

/** The Panel-level dates of the public feed: report-backs, Fast Track windows, timetables, implementations. */
export const PANEL_DEADLINES = '^(report-back|ft-window-close|implementation|stall-answer|timetable(:.*)?)$';
const PANEL_RE = new RegExp(PANEL_DEADLINES);

export function panelItems(
  rows: readonly { m: Pick<Modification, 'number' | 'isMP' | 'title' | 'version'>; deadline: Deadline }[],
  opts: FeedOptions = {},
): CalendarItem[] {
  const items: CalendarItem[] = [];
  for (const { m, deadline: d } of rows) {
    if (d.reminder || d.status !== 'pending' || !PANEL_RE.test(d.what)) continue;
    const url = opts.pageUrl?.(refOf(m));
    items.push({
      uid: uidOf('panel', m, d.id),
      title: `${refOf(m)}: ${deadlineName(d.what)}`,
      start: new Date(d.due),
      description: `${refOf(m)} "${m.title}".`,
      ...(url ? { url } : {}),
      sequence: m.version,
    });
  }
  return items.sort(byStart).slice(0, FEED_LIMIT);
}
