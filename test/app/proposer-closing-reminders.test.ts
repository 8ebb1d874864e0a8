// R24 R37 §7: the reminders before a Fast Track objection window or a consultation closes are public
// calls ("Any party may object …", "Respond or revise your response …") in #announcements; the proposer
// is DM'd too, and reads what the close means for their own modification, not a call to object to it
// or to revise a response they never gave.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { toConsultation, toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { Notify, one } from './notify-harness.ts';

/** Advances to the first pending reminder about `what` and returns what it sent. */
function firstReminder(N: Notify, what: string): Notification[] {
  const d = N.s
    .mod(1)
    .deadlines.filter((x) => x.status === 'pending' && x.what === `reminder:${what}`)
    .sort((a, b) => a.due.localeCompare(b.due))[0];
  if (!d) throw new Error(`no pending reminder:${what}`);
  const at = new Date(d.due).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T');
  return N.advance(at.slice(0, 16)).flat();
}
const plain = (n: Notification) => commandsAs(n.text, undefined);

describe('R24 R26 the Fast Track window reminder: the proposer is told what the close means for them', () => {
  it('the channel keeps the call to object; the proposer reads that with no objection it is approved', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
    N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-06-24' });
    for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      N.run(p, { type: 'vote', ref: 1, option: 'approve' });
    N.run('chair', { type: 'ballot-close', ref: 1 });
    const sent = firstReminder(N, 'ft-window-close');
    expect(plain(one(sent, 'channel:announcements'))).toMatch(
      /^The Fast Track objection window on DP001 "Typo" closes .*\. Any party may object with a reason: object DP001 <reason>\.$/,
    );
    const dm = plain(one(sent, 'person:alice'));
    expect(dm).toMatch(
      /^The Fast Track objection window on your DP001 "Typo" closes \w{3} \d+ \w{3} 202\d, 17:00\. If no party objects by then, it is approved and becomes MP001, to be implemented on Thu 24 Jun 2027; an objection sends it back to the Panel chair to route another way\. Nothing is needed from you now\.$/,
    );
    expect(dm).not.toContain('object DP001');
  });
});

describe('R21 R25 a Fast Track the Panel chair raised: an objection comes back to them', () => {
  it('the chair, as proposer, reads that an objection sends it back to them to route', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('chair', {
      type: 'panel-raise-fasttrack',
      title: 'Rename a committee',
      problem: 'The name changed',
    });
    for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      N.run(p, { type: 'vote', ref: 1, option: 'approve' });
    N.run('chair', { type: 'ballot-close', ref: 1 });
    const dm = plain(one(firstReminder(N, 'ft-window-close'), 'person:chair'));
    expect(dm).toContain(
      'it is approved and becomes MP001; an objection sends it back to you, as Panel chair, to route another way.',
    );
    expect(dm).not.toContain('object DP001');
  });
});

describe('R37 the consultation closing reminder: the proposer is told what the close means for them', () => {
  const opened = () => {
    const s = toRefinement();
    toConsultation(s);
    const N = new Notify(s);
    N.run('sam', { type: 'consult-open', ref: 1 });
    return N;
  };

  it('the channel keeps the call to respond; the proposer reads the count so far and what follows', () => {
    const N = opened();
    N.run('bob', { type: 'respond', ref: 1, org: 'Bob Energy', positions: { S0: 'support' } });
    const sent = firstReminder(N, 'consult-close:wg');
    expect(plain(one(sent, 'channel:announcements'))).toContain(
      'Respond or revise your response before then: respond MP001 org="…" S0=support|oppose.',
    );
    const dm = plain(one(sent, 'person:alice'));
    expect(dm).toMatch(
      /^The Working Group Consultation on your MP001 "Faster switching" closes .*, with 1 response so far\. At the close the responses are collated into its record; next, the Working Group considers them and SECAS drafts the Modification Report\.$/,
    );
    expect(dm).not.toContain('Respond or revise');
  });

  it('a proposer who responded is told they may revise it, with the command', () => {
    const N = opened();
    N.run('alice', { type: 'respond', ref: 1, org: 'Alice Supply', positions: { S0: 'support' } });
    const dm = plain(one(firstReminder(N, 'consult-close:wg'), 'person:alice'));
    expect(dm).toContain('with 1 response so far');
    expect(dm).toContain(
      'You have responded yourself; you may revise your response until then: respond MP001 org="…" S0=support|oppose.',
    );
  });
});
