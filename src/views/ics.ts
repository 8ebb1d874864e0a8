// R40: the iCalendar (RFC 5545) invite sent with a confirmed Working Group meeting. Pure: the caller
// passes DTSTAMP in, so the same meeting always renders to the same bytes.

export interface IcsEvent {
  /** Stable per meeting (e.g. `mtg-1.DP007@secbot`), so a re-sent invite updates the same entry. */
  uid: string;
  title: string;
  start: Date;
  /** R63: meetings last 60 minutes. */
  minutes?: number;
  description?: string;
  location?: string;
  organizer?: { name?: string; email: string };
  /** When the invite was created (RFC 5545 DTSTAMP); never read from the clock here. */
  stamp: Date;
  /** Bumped when a confirmed meeting moves, so calendars replace the old time. */
  sequence?: number;
  cancelled?: boolean;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** `YYYYMMDDTHHMMSSZ` (RFC 5545 §3.3.5, form 2: UTC). */
export function icsUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('invalid instant');
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash first, then `;` `,` and every kind of line break. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value: quoted when it holds `:` `;` or `,`; DQUOTE and controls cannot appear at all. */
function paramValue(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

const encoder = new TextEncoder();
const octets = (s: string): number => encoder.encode(s).length;

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = octets(ch);
    // Continuation lines begin with one space, which counts toward their 75 octets.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export function icsFor(e: IcsEvent): string {
  const end = new Date(e.start.getTime() + (e.minutes ?? 60) * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//SEC Change Bot//Working Group meetings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${icsUtc(e.stamp)}`,
    `DTSTART:${icsUtc(e.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SEQUENCE:${e.sequence ?? 0}`,
    `SUMMARY:${escapeText(e.title)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.organizer
      ? [
          `ORGANIZER${e.organizer.name ? `;CN=${paramValue(e.organizer.name)}` : ''}:mailto:${e.organizer.email.replace(/[\s"]/g, '')}`,
        ]
      : []),
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
