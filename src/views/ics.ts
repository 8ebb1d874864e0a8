// iCalendar (RFC 5545), written by ical-generator (escaping, 75-octet folding, UTC times): the invite
// sent with a confirmed Working Group meeting (R40, R78) and the calendar feeds (R84) come from this one
// function. Pure: the caller passes DTSTAMP in, so the same input always renders to the same bytes.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { commandsOnEither } from './hints.ts';

export interface CalendarItem {
  /** Stable per thing (e.g. `mtg-1.007@secbot`), so a calendar updates the entry instead of adding one. */
  uid: string;
  title: string;
  start: Date;
  /** Minutes long; none: the event is the instant itself (a closing time). */
  minutes?: number;
  description?: string;
  url?: string;
  location?: string;
  organizer?: { name: string; email: string };
  /** A display alarm this many minutes before the start. */
  alarmMinutesBefore?: number;
  /** Bumped when the thing moves, so calendars replace the old time. */
  sequence?: number;
  cancelled?: boolean;
}

export interface CalendarOptions {
  /** When it was created (DTSTAMP); never read from the clock here. */
  stamp: Date;
  /** The calendar's name in the person's calendar app (feeds). */
  name?: string;
  description?: string;
  /** CANCEL for a cancelled invite; PUBLISH otherwise. */
  method?: 'PUBLISH' | 'CANCEL';
  /** How often a subscribed calendar should check for changes, in minutes (feeds). */
  refreshMinutes?: number;
}

// ical-generator writes the leading '-' of the formal public identifier itself.
const PROD_ID = '//SEC Change Bot//Modification process//EN';

export function icsCalendar(items: readonly CalendarItem[], opts: CalendarOptions): string {
  const cal = ical({
    prodId: PROD_ID,
    method: opts.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.refreshMinutes ? { ttl: opts.refreshMinutes * 60 } : {}),
  });
  for (const marked of items) {
    // A calendar app does not say which chat its reader uses: a command is named in the form of each
    // (src/views/hints.ts), before ical-generator folds the lines.
    const item = {
      ...marked,
      title: commandsOnEither(marked.title),
      ...(marked.description !== undefined ? { description: commandsOnEither(marked.description) } : {}),
      ...(marked.location !== undefined ? { location: commandsOnEither(marked.location) } : {}),
    };
    const event = cal.createEvent({
      id: item.uid,
      stamp: opts.stamp,
      start: item.start,
      ...(item.minutes ? { end: new Date(item.start.getTime() + item.minutes * 60_000) } : {}),
      summary: item.title,
      sequence: item.sequence ?? 0,
      status: item.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(item.description ? { description: item.description } : {}),
      ...(item.url ? { url: item.url } : {}),
      ...(item.location ? { location: item.location } : {}),
      ...(item.organizer ? { organizer: item.organizer } : {}),
    });
    if (item.alarmMinutesBefore !== undefined && !item.cancelled) {
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: item.alarmMinutesBefore * 60,
        description: item.title,
      });
    }
  }
  // RFC 5545 ends every content line, the last one too, with CRLF.
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** One Working Group meeting invite (R40): what the meeting card attaches. */
export interface IcsEvent extends Omit<CalendarItem, 'alarmMinutesBefore'> {
  stamp: Date;
}

export function icsFor(e: IcsEvent): string {
  const { stamp, ...item } = e;
  return icsCalendar([{ ...item, minutes: item.minutes ?? 60 }], {
    stamp,
    method: e.cancelled ? 'CANCEL' : 'PUBLISH',
  });
}
