// R78: calendar invites follow Working Group membership once a meeting is confirmed. A member who joins
// is sent the meeting card and its invite, as the confirmation was; a member who leaves is sent the
// cancellation (same UID, METHOD:CANCEL) and is left out when the meeting later moves.
import { describe, expect, it } from 'vitest';
import { toRefinement } from '../support/formal.ts';
import {
  MEETING_SLOTS,
  Notify,
  audiences,
  confirmedMeeting,
  filesTo,
  one,
  vevent,
} from './notify-harness.ts';
import { commandsAs } from '../../src/views/hints.ts';

const SLOTS = MEETING_SLOTS;

describe('R78 invites follow Working Group membership after a meeting is confirmed', () => {
  it('R78 a member added after confirmation is sent the meeting card and its invite (same UID)', () => {
    const { N, first } = confirmedMeeting();
    const ns = N.run('sam', { type: 'wg-add', ref: 1, person: 'cb4' });
    expect(one(ns, 'person:cb4', /You are added/).text).toContain('Working Group for MP001');
    const card = one(ns, 'person:cb4', /meeting is confirmed for Mon 14 Dec 2026, 14:00/);
    expect(commandsAs(card.text, undefined)).toContain('Can you come? attend MP001 yes|no.');
    expect(card.card?.buttons.length).toBeGreaterThan(0);
    const [invite, ...more] = filesTo(ns, 'person:cb4');
    expect(more).toEqual([]);
    expect(invite?.text).toBe(
      'Calendar invite: the MP001 "Faster switching" Working Group meeting, Mon 14 Dec 2026, 14:00 (London time, 60 minutes).',
    );
    expect(vevent(invite?.file?.text)).toMatchObject({
      method: 'PUBLISH',
      status: 'CONFIRMED',
      uid: first.uid,
      start: '2026-12-14T14:00:00Z',
    });
    expect(N.s.mod(1).meetings[0]?.invited).toContain('cb4');
    // Nobody else hears of it again.
    expect(ns.filter((n) => n.file).map((n) => audiences([n])[0])).toEqual(['person:cb4']);
  });

  it('R78 a member removed after confirmation is sent the cancellation, and nothing when it later moves', () => {
    const { N, first } = confirmedMeeting();
    N.run('sam', { type: 'wg-add', ref: 1, person: 'cb4' }); // keeps the group at its minimum of 5
    const ns = N.run('sam', { type: 'wg-remove', ref: 1, person: 'cb2' });
    const [cancel, ...more] = filesTo(ns, 'person:cb2');
    expect(more).toEqual([]);
    expect(cancel?.file?.contentType).toBe('text/calendar; method=CANCEL');
    expect(cancel?.text).toContain('this update removes it from your calendar');
    const ev = vevent(cancel?.file?.text);
    expect(ev).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: first.uid });
    expect(ev.sequence).toBeGreaterThan(first.sequence);
    // Their meeting card loses its Attending / Can't attend buttons.
    const card = one(ns, 'person:cb2', /off your calendar/);
    expect(card.card?.buttons).toEqual([]);
    expect(N.s.mod(1).meetings[0]?.invited).not.toContain('cb2');

    const moved = N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    expect(audiences(moved)).not.toContain('person:cb2');
    const held = N.s.mod(1).meetings[0]?.invited ?? [];
    expect([...held].sort()).toEqual(['alice', 'bob', 'cb1', 'cb3', 'cb4']);
  });

  it('R78 with no confirmed meeting, joining or leaving sends no meeting message', () => {
    const N = new Notify(toRefinement());
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    expect(N.run('sam', { type: 'wg-add', ref: 1, person: 'cb4' }).filter((n) => n.file)).toEqual([]);
    expect(N.run('sam', { type: 'wg-remove', ref: 1, person: 'cb4' }).filter((n) => n.file)).toEqual([]);
  });
});
