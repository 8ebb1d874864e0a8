import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { icsFor } from '../../src/views/ics.ts';

const base = {
  uid: 'mtg-1.MP007@secbot',
  title: 'MP007 Working Group',
  // Mon 6 Jul 2026, 14:00 London (BST) is 13:00 UTC.
  start: new Date('2026-07-06T13:00:00Z'),
  minutes: 60,
  stamp: new Date('2026-07-01T09:15:30.123Z'),
};
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unfold = (ics: string): string => ics.replace(/\r\n /g, '');
const lines = (ics: string): string[] => unfold(ics).split('\r\n');

describe('R40 iCalendar invite (RFC 5545)', () => {
  it('R40 a 60-minute meeting in UTC with CRLF line endings and the passed-in DTSTAMP', () => {
    const ics = icsFor(base);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const l = lines(ics);
    expect(l[0]).toBe('BEGIN:VCALENDAR');
    expect(l).toContain('VERSION:2.0');
    expect(l).toContain('UID:mtg-1.MP007@secbot');
    expect(l).toContain('DTSTAMP:20260701T091530Z');
    expect(l).toContain('DTSTART:20260706T130000Z');
    expect(l).toContain('DTEND:20260706T140000Z');
    expect(l).toContain('SUMMARY:MP007 Working Group');
    expect(l.indexOf('BEGIN:VEVENT')).toBeLessThan(l.indexOf('END:VEVENT'));
    expect(l.at(-2)).toBe('END:VCALENDAR');
  });

  it('R40 the same input always gives the same bytes (no clock)', () => {
    expect(icsFor(base)).toBe(icsFor({ ...base }));
  });

  it('R40 text escapes semicolons, commas, backslashes and newlines', () => {
    const ics = icsFor({
      ...base,
      title: 'Tariffs; prices, and C:\\data\nline two',
      description: 'a\r\nb\rc',
    });
    const l = lines(ics);
    expect(l).toContain('SUMMARY:Tariffs\\; prices\\, and C:\\\\data\\nline two');
    expect(l).toContain('DESCRIPTION:a\\nb\\nc');
    // Backslash is escaped before the characters it escapes: `\;` becomes `\\\;`, never `\\;`.
    expect(lines(icsFor({ ...base, title: '\\;' }))).toContain('SUMMARY:\\\\\\;');
  });

  it('R40 long lines fold at 75 octets with a leading space, never splitting a UTF-8 character', () => {
    const title = `Working Group – ${'é'.repeat(60)} ${'😀'.repeat(30)} ${'x'.repeat(100)}`;
    const ics = icsFor({ ...base, title });
    for (const physical of ics.split('\r\n')) {
      expect(new TextEncoder().encode(physical).length).toBeLessThanOrEqual(75);
      expect(physical).not.toMatch(LONE_SURROGATE);
    }
    expect(ics).toMatch(/\r\n /);
    expect(lines(ics)).toContain(`SUMMARY:${title}`);
  });

  it('R40 a line at the limit stays whole or folds, and unfolding gives back the text exactly', () => {
    // `SUMMARY:` is 8 octets: titles of 66 and 67 octets make 74- and 75-octet lines.
    for (const n of [60, 66, 67, 68, 140, 141, 142]) {
      const title = 'Y'.repeat(n);
      const ics = icsFor({ ...base, title });
      for (const physical of ics.split('\r\n'))
        expect(new TextEncoder().encode(physical).length).toBeLessThanOrEqual(75);
      expect(lines(ics)).toContain(`SUMMARY:${title}`);
    }
  });

  it('R40 a parser reads back what was written (ical.js)', () => {
    const title = 'Tariffs; prices, and C:\\data\nline two – é 😀';
    const ics = icsFor({ ...base, title, description: 'a, b; c' });
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('summary')).toBe(title);
    expect(vevent?.getFirstPropertyValue('description')).toBe('a, b; c');
    expect(vevent?.getFirstPropertyValue('uid')).toBe(base.uid);
  });

  it('R40 organizer with a quoted common name, and a cancellation', () => {
    const l = lines(icsFor({ ...base, organizer: { name: 'SECAS, Gemserv', email: 'secas@example.org' } }));
    expect(l).toContain('ORGANIZER;CN="SECAS, Gemserv":mailto:secas@example.org');
    const c = lines(icsFor({ ...base, cancelled: true, sequence: 2 }));
    expect(c).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:2']));
  });

  it('R40 times are UTC without milliseconds', () => {
    const l = lines(icsFor({ ...base, start: new Date('2026-12-07T14:00:59.999Z') }));
    expect(l).toContain('DTSTART:20261207T140059Z');
  });
});
