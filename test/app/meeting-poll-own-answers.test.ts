// R40, R74, R75: the meeting poll DM is drawn for each member: beside each slot it shows that member's own
// answer, so the poll card the outbox puts over the one a click was answered with still says what was
// recorded. Every copy keeps the one poll key (pollCardKey), so each is updated in place. The DM's text
// marks the command it names (cmd()), so each platform shows it as people type it there.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import type { Card } from '../../src/views/card.ts';
import { commandsAs, cmd } from '../../src/views/hints.ts';
import { pollCardKey } from '../../src/views/meeting-cards.ts';
import { Notify, MEETING_SLOTS, one, to } from './notify-harness.ts';
import { toRefinement } from '../support/formal.ts';

const slots = (c: Card | undefined) =>
  c?.fields.filter((f) => f.label.startsWith('Slot ')).map((f) => f.value);
const pollOf = (ns: Notification[], who: string): Card | undefined => {
  const hits = to(ns, who).filter((n) => n.card?.key.startsWith('meeting-poll:'));
  expect(hits, `one poll card to ${who}`).toHaveLength(1);
  return hits[0]?.card;
};

function proposed() {
  const N = new Notify(toRefinement());
  const ns = N.run('sam', { type: 'meeting-propose', ref: 1, slots: MEETING_SLOTS });
  return { N, ns };
}

describe('R40 R74 the poll DM shows each member their own answers', () => {
  it('the refreshed poll after an answer shows that member’s answer beside each slot, and nobody else’s', () => {
    const { N } = proposed();
    const bob = pollOf(N.run('bob', { type: 'available', ref: 1, slot: 1, yes: true }), 'person:bob');
    expect(slots(bob)).toEqual([
      'Mon 14 Dec 2026, 14:00: 1 can attend (your answer: can attend)',
      'Tue 15 Dec 2026, 10:00: 0 can attend (your answer: not given yet)',
    ]);
    expect(bob?.text).toContain('You can change your answers until SECAS confirms the time.');
    const cb1Ns = N.run('cb1', { type: 'available', ref: 1, slot: 2, yes: false });
    const cb1 = pollOf(cb1Ns, 'person:cb1');
    expect(slots(cb1)).toEqual([
      'Mon 14 Dec 2026, 14:00: 1 can attend (your answer: not given yet)',
      "Tue 15 Dec 2026, 10:00: 0 can attend, 1 can't (your answer: can't)",
    ]);
    // The one poll card of the command is the clicker's: the card a click is answered with (R74).
    expect(cb1Ns.filter((n) => n.card?.key === cb1?.key).map((n) => n.to)).toEqual([
      { kind: 'person', person: 'cb1' },
    ]);
    // Bob's second answer keeps his first.
    const again = pollOf(N.run('bob', { type: 'available', ref: 1, slot: 2, yes: true }), 'person:bob');
    expect(slots(again)).toEqual([
      'Mon 14 Dec 2026, 14:00: 1 can attend (your answer: can attend)',
      "Tue 15 Dec 2026, 10:00: 1 can attend, 1 can't (your answer: can attend)",
    ]);
    expect(again?.key).toBe(pollCardKey({ number: 1 }, { id: 'mtg-1' }));
  });

  it('a fresh poll names no answer; the closed poll shows each member theirs, or none given', () => {
    const { N, ns } = proposed();
    for (const who of ['person:bob', 'person:cb1']) {
      expect(slots(pollOf(ns, who))).toEqual(['Mon 14 Dec 2026, 14:00', 'Tue 15 Dec 2026, 10:00']);
      expect(pollOf(ns, who)?.key).toBe('meeting-poll:1:mtg-1');
    }
    N.run('bob', { type: 'available', ref: 1, slot: 1, yes: true });
    N.run('bob', { type: 'available', ref: 1, slot: 2, yes: false });
    const closed = N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    const bob = pollOf(closed, 'person:bob');
    expect(bob?.buttons).toEqual([]);
    expect(bob?.text).toBe('SECAS confirmed Mon 14 Dec 2026, 14:00.');
    expect(slots(bob)).toEqual([
      'Mon 14 Dec 2026, 14:00: 1 can attend (your answer: can attend)',
      "Tue 15 Dec 2026, 10:00: 0 can attend, 1 can't (your answer: can't)",
    ]);
    expect(slots(pollOf(closed, 'person:cb2'))).toEqual([
      'Mon 14 Dec 2026, 14:00: 1 can attend (your answer: none given)',
      "Tue 15 Dec 2026, 10:00: 0 can attend, 1 can't (your answer: none given)",
    ]);
  });

  it('a withdrawn poll shows each member their own answers too', () => {
    const { N } = proposed();
    N.run('cb3', { type: 'available', ref: 1, slot: 2, yes: true });
    const ns = N.run('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: ['2026-12-16T10:00:00.000Z', '2026-12-17T10:00:00.000Z'],
    });
    const old = to(ns, 'person:cb3').find((n) => n.card?.key === 'meeting-poll:1:mtg-1')?.card;
    expect(old?.text).toBe('This poll is cancelled.');
    expect(slots(old)).toEqual([
      'Mon 14 Dec 2026, 14:00: 0 can attend (your answer: none given)',
      'Tue 15 Dec 2026, 10:00: 1 can attend (your answer: can attend)',
    ]);
  });

  it('R42 R77: the poll DM’s text marks the command it names', () => {
    const { ns } = proposed();
    const text = one(ns, 'person:bob', /^SECAS proposes/).text;
    expect(text).toContain(`Which can you attend? ${cmd('available MP001 <slot> yes|no')}.`);
    expect(commandsAs(text, '/sec')).toContain('Which can you attend? /sec available MP001 <slot> yes|no.');
  });
});
