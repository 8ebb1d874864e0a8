// R39 ("adding and removing members is recorded"), R61 and R78: `wg form` run again with a shorter list
// removes members just as `wg remove` does, so each member left out is told in the same words and any
// invite they hold to a meeting still to come is withdrawn (same UID, METHOD:CANCEL).
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { toRefinement } from '../support/formal.ts';
import type { Cmd } from './notify-harness.ts';
import { Notify, confirmedMeeting, filesTo, one, to, vevent } from './notify-harness.ts';

// toRefinement's group: bob, cb1, cb2, cb3 and the proposer alice. The new one leaves bob out.
const REFORM: Cmd = { type: 'wg-form', refs: [1], people: ['cb1', 'cb2', 'cb3', 'cb4'] };
const REMOVE: Cmd = { type: 'wg-remove', ref: 1, person: 'bob' };

const texts = (ns: Notification[]) => ns.map((n) => n.text);
/** The same group by `wg add cb4` then `wg remove bob` (R16.1: at least 5 members at every moment). */
const removeBob = (N: Notify) => {
  N.s.ok('sam', { type: 'wg-add', ref: 1, person: 'cb4' });
  return N.run('sam', REMOVE);
};

describe('R39 R61 a member left out when the Working Group is formed again', () => {
  it('is told as `wg remove` tells them', () => {
    const reformed = new Notify(toRefinement()).run('sam', REFORM);
    const removed = removeBob(new Notify(toRefinement()));
    expect(one(reformed, 'person:bob').text).toBe(
      'You are no longer a member of the Working Group for MP001 "Faster switching".',
    );
    expect(texts(to(reformed, 'person:bob'))).toEqual(texts(to(removed, 'person:bob')));
    // The members who stay or join are told of the new group as before; bob is not among them.
    expect(one(reformed, 'person:cb4').text).toContain('You are a member of the Working Group for MP001');
    expect(one(reformed, 'person:cb4').text).not.toContain('Bob');
  });

  it('R78 has their invite to a meeting still to come withdrawn, as `wg remove` does', () => {
    const a = confirmedMeeting();
    const reformed = a.N.run('sam', REFORM);
    const b = confirmedMeeting();
    const removed = removeBob(b.N);
    expect(texts(to(reformed, 'person:bob'))).toEqual(texts(to(removed, 'person:bob')));
    const card = to(reformed, 'person:bob').find((n) => n.card)?.card;
    expect(card?.key).toBe('meeting:1:mtg-1');
    expect(card?.buttons).toEqual([]);
    const cancel = vevent(filesTo(reformed, 'person:bob')[0]?.file?.text);
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: a.first.uid });
    // Members who stay keep their invite: nothing is withdrawn from them.
    expect(filesTo(reformed, 'person:cb1')).toEqual([]);
  });
});
