// SPEC §7 notifications from accepted events (R46): who hears what for each command, with keys unique per
// logical message, the ballot card re-rendered under one card key, reminders only to those who owe
// something, cancelled cards (R57) and plain user text (R44).
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { BOARD, toDraftReport, toRefinement, toReport } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { Notify, audiences, expectTwinMatches, one, to } from './notify-harness.ts';

const PANEL = ['pm1', 'pm2', 'pm3', 'pm4', 'chair'];
const field = (n: Notification, label: string) => n.card?.fields.find((f) => f.label === label)?.value;

describe('Assessment (R9–R12)', () => {
  it('R9 R10 DP raised: a Change Board card with the DP and no view button, and the proposer’s DM with what happens next', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    const ns = N.run('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
    expect(audiences(ns)).toEqual(['channel:change-board', 'person:alice']);
    const card = one(ns, 'channel:change-board').card;
    expect(card).toMatchObject({
      key: 'dp:1',
      title: 'DP001: Faster switching',
      text: 'Too slow',
      buttons: [],
    });
    const dm = one(ns, 'person:alice').text;
    expect(dm).toContain('DP001 "Faster switching" is raised.');
    expect(dm).toContain(
      'SECAS reviews it as a critical friend and aims to send comments within 5 Working Days',
    );
    expect(dm).toContain('by Tue 8 Dec 2026, 17:00');
    expect(ns.map((n) => n.key)).toEqual(['c1:change-board:dp:1', 'c1:dm:alice:status:1']);
  });

  it('R10 SECAS comments reach the proposer by DM; the 4th-Working-Day reminder goes to SECAS', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    const [reminder] = N.advance('2026-12-07T18:00');
    expect(audiences(reminder ?? [])).toEqual(['person:sam']);
    expect(reminder?.[0]?.text).toContain('due by Tue 8 Dec 2026, 17:00');
    const ns = N.run('sam', { type: 'comment', ref: 1, text: 'Add a benefits case' });
    expect(audiences(ns)).toEqual(['person:alice']);
    expect(ns[0]?.text).toContain('SECAS comments on DP001 "T": Add a benefits case');
  });

  it('R12 R51 views opened: the IAR card with "Give your view"; views closed: the summary to the Panel', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    N.run('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
    const opened = N.run('sam', { type: 'views-open', ref: 1 });
    expect(audiences(opened).sort()).toEqual(['channel:change-board', 'person:alice']);
    const card = one(opened, 'channel:change-board').card;
    expect(card?.buttons.map((b) => [b.action, b.label, b.opensForm, b.twin])).toEqual([
      ['view', 'Give your view', true, 'view DP001 support'],
    ]);
    expect(one(opened, 'person:alice').text).toContain(
      'Change Board gives its views, by Tue 8 Dec 2026, 17:00',
    );
    expect(N.run('cb1', { type: 'view', ref: 1, stance: 'oppose', rationale: 'Too costly' })).toEqual([]);
    const closed = N.run('sam', { type: 'views-close', ref: 1 });
    expect(audiences(closed)).toEqual(['channel:change-board', 'channel:panel', 'person:alice']);
    expect(one(closed, 'channel:change-board').card).toMatchObject({ key: 'views:1', buttons: [] });
    const panel = one(closed, 'channel:panel');
    expect(panel.text).toContain('1 view: 0 support, 0 concerns, 1 oppose');
    expect(panel.card?.fields).toEqual([{ label: 'Cb1', value: 'oppose; Rationale and merits: Too costly' }]);
    expect(one(closed, 'person:alice').text).toContain('Status: Change Board views → Awaiting the Panel');
  });

  it('R44 user text passes through verbatim as plain text: no mention or link is built from it', () => {
    const evil = 'Hi <!channel> @everyone [x](http://y)';
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    const ns = N.run('alice', { type: 'raise', title: evil, problem: evil });
    expect(one(ns, 'channel:change-board').card?.title).toBe(`DP001: ${evil}`);
    expect(one(ns, 'channel:change-board').text).toContain(`DP001 "${evil}"`);
    expect(one(ns, 'person:alice').text).toContain(`DP001 "${evil}" is raised.`);
    const withdrawn = N.run('alice', { type: 'withdraw', ref: 1, reason: evil });
    expect(one(withdrawn, 'person:alice').text).toContain(`(${evil})`);
  });
});

describe('ballots (R33–R35, R57)', () => {
  function sufficiency(settings = {}) {
    const s = toRefinement();
    s.settings = { ...s.settings, ...settings };
    toDraftReport(s);
    const N = new Notify(s);
    return { s, N, opened: N.run('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }) };
  }

  it('R33 R34 opened: the Change Board card with one button per option and "0 of N voted", no running split', () => {
    const { s, opened } = sufficiency();
    const n = one(opened, 'channel:change-board');
    expect(n.card?.key).toBe('ballot:1:sufficiency-1');
    expect(n.card?.buttons.map((b) => b.twin)).toEqual(['vote MP001 sufficient', 'vote MP001 more-work']);
    n.card?.buttons.forEach((b) => expectTwinMatches(s.mod(1), b));
    expect(n.text).toContain('0 of 5 voted; waiting for Cb1, Cb2, Cb3, Cb4, Cb5');
    expect(field(n, 'So far')).toBeUndefined();
  });

  it('R34 a vote re-renders the same card key: "k of N voted; waiting for …"', () => {
    const { N, opened } = sufficiency();
    const ns = N.run('cb2', { type: 'vote', ref: 1, option: 'sufficient' });
    expect(audiences(ns)).toEqual(['channel:change-board']);
    expect(ns[0]?.card?.key).toBe(opened.find((x) => x.card)?.card?.key);
    expect(ns[0]?.key).not.toBe(one(opened, 'channel:change-board').key);
    expect(field(ns[0] as Notification, 'Progress')).toBe('1 of 5 voted; waiting for Cb1, Cb3, Cb4, Cb5');
  });

  it('R34 SEC_SHOW_RUNNING_SPLIT=true shows the split on the open card', () => {
    const { N } = sufficiency({ SEC_SHOW_RUNNING_SPLIT: true });
    const ns = N.run('cb2', { type: 'vote', ref: 1, option: 'more-work' });
    expect(field(ns[0] as Notification, 'So far')).toBe('0 Sufficient to vote, 1 More work needed');
  });

  it('R34 the reminder goes by DM only to seats that have not voted, with the vote buttons', () => {
    const { s, N } = sufficiency();
    N.run('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    N.run('cb2', { type: 'vote', ref: 1, option: 'sufficient' });
    const [reminder] = N.advance('2026-12-07T18:00');
    expect(audiences(reminder ?? [])).toEqual(['person:cb3', 'person:cb4', 'person:cb5']);
    const dm = reminder?.[0] as Notification;
    expect(dm.text).toContain('You have not voted on the Change Board sufficiency ballot on MP001');
    expect(dm.text).toContain('it closes Tue 8 Dec 2026, 17:00');
    dm.card?.buttons.forEach((b) => expectTwinMatches(s.mod(1), b));
  });

  it('R35 closed: the same card key without buttons, with each person’s vote, the tally and the outcome with the rule', () => {
    const { N } = sufficiency();
    for (const cb of ['cb1', 'cb2', 'cb3', 'cb4']) N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    const ns = N.run('cb5', { type: 'vote', ref: 1, option: 'more-work' });
    const card = one(ns, 'channel:change-board').card;
    expect(card?.key).toBe('ballot:1:sufficiency-1');
    expect(card?.buttons).toEqual([]);
    expect(field(one(ns, 'channel:change-board'), 'Votes')).toBe(
      'Cb1: Sufficient to vote\nCb2: Sufficient to vote\nCb3: Sufficient to vote\nCb4: Sufficient to vote\nCb5: More work needed',
    );
    expect(field(one(ns, 'channel:change-board'), 'Tally')).toContain(
      'simple majority: 4 votes that the report is sufficient, 1 vote that more work is needed — passed',
    );
    expect(field(one(ns, 'channel:change-board'), 'Outcome')).toBe('Passed under simple majority');
    // The step it completes is a change the proposer hears about (§7).
    expect(one(ns, 'person:alice').text).toContain(
      'Refinement step done: Give a view on whether the Modification Report is sufficient to vote on',
    );
  });

  it('R57 a cancelled ballot: the card loses its buttons, and each voter is told once', () => {
    const { N } = sufficiency();
    // The alternate votes first (R33: only while the member has not); the member's votes replace it.
    N.run('alt1', { type: 'vote', ref: 1, option: 'more-work' });
    N.run('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    N.run('cb1', { type: 'vote', ref: 1, option: 'more-work' });
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    const card = one(ns, 'channel:change-board').card;
    expect(card?.buttons).toEqual([]);
    expect(card?.text).toContain('cancelled');
    expect(to(ns, 'person:cb1')).toHaveLength(1);
    expect(to(ns, 'person:alt1')).toHaveLength(1);
    // cb2 did not vote: as a Working Group member it is told the work ends, and nothing of the ballot.
    expect(one(ns, 'person:cb2').text).not.toContain('ballot');
    expect(one(ns, 'person:cb1').text).toContain("The Working Group's work on it ends.");
    expect(one(ns, 'person:alice').text).toContain('Status: Refinement → Withdrawn (no longer needed)');
  });

  it('R55 the decision card has a button per option per solution; closing tells the proposer the outcome', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
    const N = new Notify(s);
    N.run('sam', { type: 'consult-open', ref: 1 });
    N.run('sam', { type: 'consult-close', ref: 1 });
    const opened = N.run('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
    const card = one(opened, 'channel:change-board').card;
    expect(card?.buttons).toHaveLength(6);
    card?.buttons.forEach((b) => expectTwinMatches(s.mod(1), b));
    for (const cb of BOARD) N.run(cb, { type: 'vote', ref: 1, option: 'approve', solution: 'A1' });
    let last: Notification[] = [];
    for (const cb of BOARD) last = N.run(cb, { type: 'vote', ref: 1, option: 'reject', solution: 'S0' });
    expect(one(last, 'channel:change-board').card?.buttons).toEqual([]);
    expect(one(last, 'person:alice').text).toContain(
      'Status: Report Stage → Approved (the Change Board approved it, with Alternative Solution A1 "Cheaper")',
    );
  });
});

describe('Fast Track (R22–R26)', () => {
  function approved() {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
    const opened = N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-06-24' });
    for (const p of PANEL) N.run(p, { type: 'vote', ref: 1, option: 'approve' });
    return { N, opened, closed: N.run('chair', { type: 'ballot-close', ref: 1 }) };
  }

  it('R22 the Panel ballot goes to the Panel channel; R24 approval is announced with the window end and an Object button', () => {
    const { N, opened, closed } = approved();
    // The Panel's vote, and the implementation date agreed if it passes, are news for the proposer (§7).
    expect(audiences(opened)).toEqual(['channel:panel', 'person:alice']);
    expect(one(opened, 'person:alice').text).toContain('The Panel is voting on Fast Track for it');
    expect(one(opened, 'person:alice').text).toContain(
      'If Fast Track passes, it is implemented on Thu 24 Jun 2027, the date agreed.',
    );
    expect(audiences(closed).sort()).toEqual(['channel:announcements', 'channel:panel', 'person:alice']);
    const a = one(closed, 'channel:announcements');
    expect(a.text).toContain('until Tue 22 Dec 2026, 17:00');
    expect(a.card?.buttons.map((b) => [b.action, b.label, b.opensForm, b.twin])).toEqual([
      ['object', 'Object', true, 'object DP001 <reason>'],
    ]);
    a.card?.buttons.forEach((b) => expectTwinMatches(N.s.mod(1), b));
    // R24: reminders 5 and 1 Working Days before the close, in the announcements channel.
    const fired = N.advance('2026-12-21T18:00');
    expect(fired.map(audiences)).toEqual([
      ['channel:announcements', 'person:alice'],
      ['channel:announcements', 'person:alice'],
    ]);
  });

  it('R25 an objection: the chair, the proposer and the objector are told; the card loses its button', () => {
    const { N } = approved();
    const ns = N.run('bob', { type: 'object', ref: 1, reason: 'Not housekeeping' });
    expect(audiences(ns).sort()).toEqual(
      ['channel:announcements', 'channel:panel', 'person:alice', 'person:bob', 'person:chair'].sort(),
    );
    expect(one(ns, 'channel:announcements').card?.buttons).toEqual([]);
    expect(one(ns, 'person:chair').text).toContain(
      'Bob objected to Fast Track for DP001 "Typo": Not housekeeping',
    );
    expect(one(ns, 'person:alice').text).toContain('Bob objected to Fast Track: Not housekeeping');
    expect(one(ns, 'person:bob').text).toContain('Your objection to Fast Track for DP001');
  });

  it('R57 R75 a withdrawal during the window: the announcement and its reminder lose the Object button saying why; the chair is told', () => {
    const { N } = approved();
    expect(N.advance('2026-12-16T10:00')).toHaveLength(1); // the reminder 5 Working Days before
    N.s.at('2026-12-16T11:00');
    const ns = N.run('alice', { type: 'withdraw', ref: 1, reason: 'No longer needed' });
    const shown = to(ns, 'channel:announcements');
    expect(shown.map((n) => n.card?.key.split(':')[0])).toEqual(['fasttrack', 'fasttrack-reminder']);
    for (const n of shown) {
      expect(n.card?.buttons).toEqual([]);
      expect(n.text).toContain(
        'The Fast Track objection window on DP001 ended early on Wed 16 Dec 2026, 11:00: it was withdrawn (No longer needed)',
      );
    }
    // The announcement's card itself says why, not only the message's fallback text.
    expect(shown[0]?.card?.text).toContain(
      'ended early on Wed 16 Dec 2026, 11:00: it was withdrawn (No longer needed)',
    );
    expect(shown[0]?.card?.text).not.toContain('The objection window is closed.');
    expect(one(ns, 'person:chair').text).toContain('it was withdrawn (No longer needed)');
    // R25: an objection now says what ended the window, not a cut-off still in the future.
    const r = N.s.refused('bob', { type: 'object', ref: 1, reason: 'late' }, 'window_closed');
    expect(r.message).toContain('it was withdrawn');
    expect(r.message).not.toContain('cut-off');
  });

  it('R26 no objection: the final approval to the announcements channel and the proposer', () => {
    const { N } = approved();
    const fired = N.advance('2026-12-22T17:00');
    const last = fired.at(-1) ?? [];
    // R75: the announcement and the two reminders posted with an Object button are updated in place,
    // without it; R26: editing notifies nobody, so a new post says it is final, and the chair is told.
    expect(audiences(last)).toEqual([
      'channel:announcements',
      'channel:announcements',
      'channel:announcements',
      'channel:announcements',
      'person:chair',
      'person:alice',
    ]);
    const shown = last.filter((n) => n.to.kind === 'channel' && n.card);
    expect(shown.map((n) => n.card?.key.split(':')[0])).toEqual([
      'fasttrack',
      'fasttrack-reminder',
      'fasttrack-reminder',
    ]);
    for (const n of shown) expect(n.card?.buttons).toEqual([]);
    expect(last[0]?.text).toContain(
      'The objection window closed with no objection: MP001 is approved. It is implemented on Thu 24 Jun 2027.',
    );
    expect(one(last, 'person:alice').text).toContain('Status: Fast Track objection window → Approved');
  });

  it('R23 a failed Fast Track ballot: the chair is told by DM to route it; the Panel channel hears it awaits', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P', fastTrack: true });
    N.run('chair', { type: 'panel-fasttrack', ref: 1 });
    N.run('pm1', { type: 'vote', ref: 1, option: 'abstain' });
    const ns = N.run('chair', { type: 'ballot-close', ref: 1 });
    expect(one(ns, 'person:chair').text).toContain('not unanimous');
    expect(one(ns, 'person:chair').text).toContain('panel route DP001 development|refinement|report');
    expect(one(ns, 'channel:panel', /awaits the Panel/).text).toContain('DP001 "T" awaits the Panel');
  });
});
