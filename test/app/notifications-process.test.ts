// SPEC §7 continued: consultations (R37), Working Groups and meetings (R39–R41, R57, R60), stalling
// (R29), items awaiting the Panel and the chair's digest (R28, R58), and R46 over a whole life: every
// command §7 lists yields its notifications, keys are unique and deterministic, every twin parses.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import { panelDigest } from '../../src/app/notify/digest.ts';
import { BOARD, step, toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import type { Cmd } from './notify-harness.ts';
import { Notify, audiences, expectTwinMatches, one, vevent } from './notify-harness.ts';

const MEMBERS = ['person:bob', 'person:cb1', 'person:cb2', 'person:cb3', 'person:alice'];
const SLOTS = ['2026-12-14T14:00:00.000Z', '2026-12-15T10:00:00.000Z'];

function toConsultation() {
  const s = toRefinement();
  step(s, 'requirements');
  step(s, 'dcc-pa', 'na');
  step(s, 'legal-text');
  step(s, 'benefits');
  return new Notify(s);
}

describe('consultations (R37)', () => {
  it('R37 opened: the announcements card with Respond; closing notice; closed: the card without it and SECAS told', () => {
    const N = toConsultation();
    const opened = N.run('sam', { type: 'consult-open', ref: 1 });
    expect(audiences(opened).sort()).toEqual(['channel:announcements', 'person:alice']);
    const a = one(opened, 'channel:announcements');
    expect(a.text).toContain('until Tue 22 Dec 2026, 17:00');
    expect(a.card?.buttons.map((b) => [b.action, b.opensForm, b.twin])).toEqual([
      ['respond', true, 'respond MP001 org="…" S0=support'],
    ]);
    a.card?.buttons.forEach((b) => expectTwinMatches(N.s.mod(1), b));
    N.run('bob', { type: 'respond', ref: 1, org: 'Acme', positions: { S0: 'support' } });
    const [closing, closed] = N.advance('2026-12-22T17:00');
    expect(one(closing ?? [], 'channel:announcements').text).toContain(
      'The Working Group Consultation on MP001 "Faster switching" closes Tue 22 Dec 2026, 17:00',
    );
    expect(audiences(closed ?? []).sort()).toEqual([
      'channel:announcements',
      'channel:announcements',
      'person:alice',
      'person:sam',
    ]);
    // R75: the card and the closing reminder posted with a Respond button both lose it, saying why.
    const shown = (closed ?? []).filter((n) => n.to.kind === 'channel');
    expect(shown.map((n) => n.card?.key.split(':')[0])).toEqual(['consult', 'consult-reminder']);
    for (const n of shown) {
      expect(n.card?.buttons).toEqual([]);
      expect(n.card?.text).toContain('Closed with 1 response');
    }
    expect(one(closed ?? [], 'person:sam').text).toContain('Closed with 1 response');
    expect(one(closed ?? [], 'person:sam').text).toContain('Next for SECAS');
  });
});

describe('Working Groups and meetings (R39–R41, R57)', () => {
  it('R39 Working Group formed: each member by DM, once', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Slow' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    const N = new Notify(s);
    const ns = N.run('sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    const wg = ns.filter((n) => n.text.startsWith('You are a member'));
    expect(audiences(wg)).toEqual(MEMBERS);
    expect(wg[0]?.text).toContain('Members (5): Bob, Cb1, Cb2, Cb3, Alice.');
    expect(one(ns, 'person:alice', /Refinement step/).text).toContain(
      'Refinement step done: Form the Working Group',
    );
    expect(audiences(N.run('sam', { type: 'wg-add', ref: 1, person: 'cb4' }))).toEqual(['person:cb4']);
  });

  it('R40 proposed: each member a poll with a pair of buttons per slot; confirmed: the London time, .ics and Attending', () => {
    const N = new Notify(toRefinement());
    const poll = N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    expect(audiences(poll)).toEqual(MEMBERS);
    for (const n of poll) {
      expect(n.card?.buttons).toHaveLength(4);
      n.card?.buttons.forEach((b) => expectTwinMatches(N.s.mod(1), b));
    }
    expect(poll[0]?.text).toContain('1) Mon 14 Dec 2026, 14:00; 2) Tue 15 Dec 2026, 10:00');
    // R74: an answer refreshes the answerer's own poll DM (the counts so far, their own answers), nobody else's.
    const answered = N.run('cb1', { type: 'available', ref: 1, slot: 2, yes: true });
    expect(audiences(answered)).toEqual(['person:cb1']);
    expect(answered[0]?.card?.key).toBe(poll[0]?.card?.key);
    expect(answered[0]?.card?.fields.map((f) => f.value)).toEqual([
      'Mon 14 Dec 2026, 14:00: 0 can attend (your answer: not given yet)',
      'Tue 15 Dec 2026, 10:00: 1 can attend (your answer: can attend)',
    ]);
    const all = N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    const confirmed = all.filter((n) => n.card?.key.startsWith('meeting:'));
    expect(audiences(confirmed)).toEqual(MEMBERS);
    // R75: each member's poll DM is re-rendered (same card) without its buttons, saying what SECAS chose.
    const polls = all.filter((n) => n.card?.key.startsWith('meeting-poll:'));
    expect(audiences(polls)).toEqual(MEMBERS);
    expect(polls.map((n) => n.card?.key)).toEqual(poll.map((n) => n.card?.key));
    for (const n of polls) {
      expect(n.card?.buttons).toEqual([]);
      expect(n.card?.text).toBe('SECAS confirmed Tue 15 Dec 2026, 10:00.');
    }
    const card = confirmed[0]?.card;
    expect(confirmed[0]?.text).toContain('confirmed for Tue 15 Dec 2026, 10:00');
    // R78: the invite is a message of its own to each member, carrying the .ics; nothing says "attached".
    const invites = all.filter((n) => n.file);
    expect(audiences(invites)).toEqual(MEMBERS);
    expect(all).toHaveLength(3 * MEMBERS.length);
    expect(invites[0]?.text).toBe(
      'Calendar invite: the MP001 "Faster switching" Working Group meeting, Tue 15 Dec 2026, 10:00 (London time, 60 minutes).',
    );
    expect(invites[0]?.file?.text).toContain('DTSTART:20261215T100000Z');
    for (const n of all) expect(`${n.text} ${n.card?.text ?? ''}`).not.toMatch(/attached/i);
    expect(card?.buttons.map((b) => b.label)).toEqual(['Attending', "Can't attend"]);
    expect(card?.fields).toContainEqual({ label: 'Your answer', value: 'not given yet' });
    // R74: an attendance answer refreshes that member's meeting card with it; the buttons stay.
    const att = N.run('cb1', { type: 'attend', ref: 1, yes: false });
    expect(audiences(att)).toEqual(['person:cb1']);
    expect(att[0]?.card?.key).toBe(card?.key);
    expect(att[0]?.card?.fields).toContainEqual({ label: 'Your answer', value: "can't attend" });
    expect(att[0]?.card?.buttons).toHaveLength(2);
    expect(card?.attachments?.[0]?.text).toContain('DTSTART:20261215T100000Z');
    // R64: the reminder at 09:00 on the Working Day before, to each member.
    const [reminder] = N.advance('2026-12-14T09:30');
    expect(audiences(reminder ?? [])).toEqual(MEMBERS);
    expect(reminder?.[0]?.text).toContain('Tue 15 Dec 2026, 10:00');
  });

  it('R41 held: members who neither attended nor sent comments are told they are deemed', () => {
    const N = new Notify(toRefinement());
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    N.advance('2026-12-14T16:00');
    const ns = N.run('sam', { type: 'meeting-held', ref: 1, attended: ['alice', 'cb1'], comments: ['bob'] });
    const deemed = ns.filter((n) => !n.card);
    expect(audiences(deemed)).toEqual(['person:cb2', 'person:cb3']);
    // R75: every member's meeting card loses its Attending / Can't attend buttons, saying it was held.
    const held = ns.filter((n) => n.card);
    expect(audiences(held)).toEqual(MEMBERS);
    for (const n of held) {
      expect(n.card?.key).toBe('meeting:1:mtg-1');
      expect(n.card?.buttons).toEqual([]);
      expect(n.card?.text).toBe('Held on Mon 14 Dec 2026, 14:00.');
    }
    expect(deemed[0]?.text).toContain(
      'Cb2 is deemed to have read the papers and to have nothing further to add.',
    );
  });

  it('R57 withdrawn: members are told the confirmed meeting is cancelled, with a CANCEL invite', () => {
    const N = new Notify(toRefinement());
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'Solved elsewhere' });
    const cancelled = ns.filter((n) => n.card && n.text.includes('is cancelled'));
    expect(audiences(cancelled)).toEqual(MEMBERS);
    expect(cancelled[0]?.card?.buttons).toEqual([]);
    expect(cancelled[0]?.card?.attachments?.[0]?.contentType).toBe('text/calendar; method=CANCEL');
    expect(one(ns, 'person:alice', /Status:/).text).toContain(
      'Status: Refinement → Withdrawn (Solved elsewhere)',
    );
  });

  it('R60 merge: the absorbed DP’s proposer and the survivor’s proposer are told', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'One', problem: 'P1' });
    N.run('bob', { type: 'raise', title: 'Two', problem: 'P2' });
    N.run('chair', { type: 'panel-route', ref: 1, route: 'development' });
    const ns = N.run('sam', { type: 'merge', ref: 2, into: 1 });
    expect(one(ns, 'person:bob').text).toContain('Status: Draft Proposal → Merged (merged into DP001)');
    expect(one(ns, 'person:alice').text).toContain('DP002 was merged into it.');
  });
});

describe('calendar invites (R78)', () => {
  const inviteTo = (ns: Notification[], who: string) => {
    const n = ns.find((x) => x.file && audiences([x])[0] === who);
    if (!n) throw new Error(`no invite to ${who}`);
    return n;
  };

  it('R78 moved: an update with the same UID and a higher SEQUENCE; cancelled: METHOD:CANCEL, same UID, higher again', () => {
    const N = new Notify(toRefinement());
    N.run('sam', { type: 'meeting-propose', ref: 1, slots: SLOTS });
    const first = vevent(
      inviteTo(N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 1 }), 'person:cb1').file?.text,
    );
    expect(first).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED', start: '2026-12-14T14:00:00Z' });
    const movedNs = N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    const moved = inviteTo(movedNs, 'person:cb1');
    expect(moved.text).toContain(
      'Tue 15 Dec 2026, 10:00 (London time, 60 minutes), replacing Mon 14 Dec 2026, 14:00',
    );
    const second = vevent(moved.file?.text);
    expect(second).toMatchObject({ method: 'PUBLISH', uid: first.uid, start: '2026-12-15T10:00:00Z' });
    expect(second.sequence).toBeGreaterThan(first.sequence);
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'Solved elsewhere' });
    const cancel = inviteTo(ns, 'person:cb1');
    expect(cancel.file?.contentType).toBe('text/calendar; method=CANCEL');
    expect(cancel.text).toContain('is cancelled; this update removes it from your calendar');
    const third = vevent(cancel.file?.text);
    expect(third).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: first.uid });
    expect(third.sequence).toBeGreaterThan(second.sequence);
    expect(audiences(ns.filter((n) => n.file))).toEqual(MEMBERS);
  });
});

describe('cancelled and amended cards (R6, R14, R57)', () => {
  it('R57 withdrawn during views or a consultation: the card loses its button and those who took part are told once', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    N.run('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
    N.run('sam', { type: 'views-open', ref: 1 });
    N.run('cb1', { type: 'view', ref: 1, stance: 'support' });
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'Not needed' });
    expect(audiences(ns).sort()).toEqual(['channel:change-board', 'person:alice', 'person:cb1']);
    expect(one(ns, 'channel:change-board').card).toMatchObject({ key: 'views:1', buttons: [] });
    expect(one(ns, 'person:cb1').text).toContain('Change Board views on DP001 "T" were cancelled');

    const C = toConsultation();
    C.run('sam', { type: 'consult-open', ref: 1 });
    C.run('bob', { type: 'respond', ref: 1, org: 'Acme', positions: { S0: 'oppose' } });
    C.run('bob', { type: 'respond', ref: 1, org: 'Acme', positions: { S0: 'support' } });
    const cs = C.run('alice', { type: 'withdraw', ref: 1, reason: 'Not needed' });
    expect(one(cs, 'channel:announcements').card?.buttons).toEqual([]);
    expect(one(cs, 'person:bob').text).toContain('Working Group Consultation on MP001');
  });

  it('R6 an amendment re-renders the DP card in place; R14 split parts are posted as new DPs', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'Old', problem: 'P' });
    const amended = N.run('alice', { type: 'amend', ref: 1, title: 'New' });
    expect(audiences(amended)).toEqual(['channel:change-board']);
    expect(amended[0]?.card).toMatchObject({ key: 'dp:1', title: 'DP001: New' });
    N.run('chair', { type: 'panel-route', ref: 1, route: 'development' });
    const split = N.run('alice', {
      type: 'split',
      ref: 1,
      parts: [
        { title: 'A', problem: 'pa' },
        { title: 'B', problem: 'pb' },
      ],
    });
    expect(split.filter((n) => n.card?.key === 'dp:2')).toHaveLength(1);
    expect(one(split, 'person:alice', /Split:/).text).toContain('DP002 is a new DP');
    expect(one(split, 'person:alice', /split from/).text).toContain('DP002 "B" was split from DP001');
  });
});

describe('the Panel (R13, R28, R29, R58)', () => {
  it('R13 anything awaiting the Panel is posted to the Panel channel', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    N.run('chair', { type: 'panel-route', ref: 1, route: 'development' });
    N.run('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dr' });
    const ns = N.run('alice', { type: 'proceed', ref: 1 });
    expect(one(ns, 'channel:panel').text).toContain('DP001 "T" awaits the Panel');
    expect(one(ns, 'channel:panel').text).toContain('panel route DP001');
  });

  it('R29 the stall notice reaches the proposer with the criteria met; the plan reaches the chair', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    N.advance('2027-04-01T10:00');
    const ns = N.run('chair', { type: 'panel-stall-notice', ref: 1 });
    expect(audiences(ns)).toEqual(['person:alice']);
    expect(ns[0]?.text).toMatch(/No progress for \d+ Working Days/);
    expect(ns[0]?.text).toContain('plan DP001 <your plan>');
    expect(audiences(N.run('alice', { type: 'plan', ref: 1, text: 'Finish by May' }))).toEqual([
      'person:chair',
    ]);
    expect(panelDigest(N.s.world, N.s.ctx('system'), 'digest').map((n) => n.to)).toEqual([
      { kind: 'person', person: 'chair' },
    ]);
  });

  it('R58 the digest is not sent when nothing is stalled or awaiting the Panel', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    expect(panelDigest(s.world, s.ctx('system'), 'digest')).toEqual([]);
  });
});

describe('R46 over a whole life', () => {
  /** Every command here is one §7 lists; each must notify someone. */
  const LIFE: [string, Cmd][] = [
    ['alice', { type: 'raise', title: 'Faster <!channel>', problem: '@everyone [x](http://y)' }],
    ['sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement', dcc: true }],
    ['sam', { type: 'views-open', ref: 1 }],
    ['sam', { type: 'views-close', ref: 1 }],
    ['chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'authority' }],
    ['sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] }],
    ['sam', { type: 'meeting-propose', ref: 1, slots: SLOTS }],
    ['sam', { type: 'meeting-confirm', ref: 1, slot: 1 }],
    ['sam', { type: 'step', ref: 1, step: 'requirements', state: 'done' }],
    ['sam', { type: 'step', ref: 1, step: 'dcc-pa', state: 'done' }],
    ['sam', { type: 'step', ref: 1, step: 'legal-text', state: 'done' }],
    ['sam', { type: 'step', ref: 1, step: 'benefits', state: 'done' }],
    ['sam', { type: 'consult-open', ref: 1 }],
    ['sam', { type: 'consult-close', ref: 1 }],
    ['sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr' }],
    ['sam', { type: 'step', ref: 1, step: 'draft-report', state: 'done' }],
    ['sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }],
    ...BOARD.map((cb): [string, Cmd] => [cb, { type: 'vote', ref: 1, option: 'sufficient' }]),
    ['sam', { type: 'ballot-open', ref: 1, kind: 'ia' }],
    ...BOARD.map((cb): [string, Cmd] => [cb, { type: 'vote', ref: 1, option: 'proceed' }]),
    ['alice', { type: 'proceed', ref: 1 }],
    ['alice', { type: 'withdraw', ref: 1, reason: 'done' }],
  ];

  it('R46 each command yields its notifications; keys are unique, deterministic and every twin parses (R43)', () => {
    const s = new Scenario('2026-12-01T10:00');
    const N = new Notify(s);
    const seen = new Set<string>();
    const check = (ns: Notification[], what: string) => {
      expect(ns.length, `${what} notifies`).toBeGreaterThan(0);
      for (const n of ns) {
        expect(seen.has(n.key), `duplicate key ${n.key}`).toBe(false);
        seen.add(n.key);
        expect(n.text.trim()).not.toBe('');
        n.card?.buttons.forEach((b) => expectTwinMatches(s.mod(1), b));
      }
    };
    for (const [actor, cmd] of LIFE) {
      const before = s.world;
      const ns = N.run(actor, cmd);
      check(ns, cmd.type);
      // Deterministic: the same command's events give the same notifications (a retry writes nothing new).
      const again = notificationsFor({
        events: s.history.at(-1)?.events ?? [],
        before,
        after: s.world,
        ctx: s.ctx(actor),
        keyBase: `c${N.count}`,
      });
      expect(again).toEqual(ns);
    }
    // `${keyBase}:<channel>:…` or `${keyBase}:dm:<person>:…`: one per channel or person, never per platform.
    expect(
      [...seen].filter((k) => !/^c\d+:(change-board|panel|announcements|dm:[a-z0-9]+):/.test(k)),
    ).toEqual([]);
    expect(s.mod(1).status).toBe('withdrawn');
  });
});
