// R40, R64, R74: the meeting reminder the Working Day before goes to every member; whoever has answered is
// told their answer and how to change it, and only the others are asked whether they can come.
import { describe, expect, it } from 'vitest';
import { commandsAs } from '../../src/views/hints.ts';
import { confirmedMeeting, one } from './notify-harness.ts';

describe('R40 R64 the meeting reminder', () => {
  it('states each member’s own answer, and asks only those who have not answered', () => {
    const { N } = confirmedMeeting();
    N.run('bob', { type: 'attend', ref: 1, yes: true });
    N.run('cb1', { type: 'attend', ref: 1, yes: false });
    const ns = N.advance('2026-12-11T09:30').flat();
    const text = (who: string) => commandsAs(one(ns, who, /^Reminder/).text, undefined);
    const on =
      'Reminder: the MP001 Working Group meeting is on Mon 14 Dec 2026, 14:00 (London time, 60 minutes).';
    expect(text('person:bob')).toBe(`${on} You said you are attending; to change it: attend MP001 no.`);
    expect(text('person:cb1')).toBe(`${on} You said you cannot attend; to change it: attend MP001 yes.`);
    for (const who of ['person:alice', 'person:cb2', 'person:cb3'])
      expect(text(who)).toBe(`${on} Tell SECAS whether you can come: attend MP001 yes|no.`);
  });

  it('after a move, the answers given for the old time no longer count: everyone is asked again', () => {
    const { N } = confirmedMeeting();
    N.run('bob', { type: 'attend', ref: 1, yes: true });
    const moved = N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    const card = one(moved, 'person:bob', /moved from/).card;
    expect(card?.fields?.find((f) => f.label === 'Your answer')?.value).toBe('not given yet');
    const ns = N.advance('2026-12-14T09:30').flat();
    expect(commandsAs(one(ns, 'person:bob', /^Reminder/).text, undefined)).toContain(
      'Tell SECAS whether you can come: attend MP001 yes|no.',
    );
  });
});
