// R81 "what do I owe": the `mine` view lays out owedBy's account (domain/owed.ts) soonest due first, each
// item with the very buttons of the card that carries it (so a click does the same), its due date in words
// (London) and its twin; nothing owed is a friendly line; a long list ends with "and n more". The personal
// Monday digest lists the week's dues of those who have not switched it off.
import { describe, expect, it } from 'vitest';
import { HOME_MAX_ITEMS, weekDigests } from '../../src/app/mine.ts';
import { owedBy } from '../../src/domain/owed.ts';
import type { Meeting } from '../../src/domain/modification.ts';
import {
  ballotCard,
  consultationCard,
  fastTrackCard,
  meetingCard,
  slotPollCard,
  viewsCard,
} from '../../src/views/cards.ts';
import { NOTHING_OWED, mineView } from '../../src/views/mine.ts';
import { iso, toConsultation, toDecision, toRefinement, toReport } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { cardWithPrefix, commandsAs } from '../../src/views/hints.ts';

/** DP001 and DP002 with Change Board views open, DP001's a day later (so due a day later). */
function twoViews(): Scenario {
  const s = new Scenario('2026-12-01T10:00');
  for (const [n, title] of [
    [1, 'Faster switching'],
    [2, 'Clearer receipts'],
  ] as const) {
    s.ok('alice', { type: 'raise', title, problem: 'Too slow' });
    s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'refinement' });
  }
  // Opened the later one first: the list must still be by due time, not by number or opening.
  s.at('2026-12-02T10:00');
  s.ok('sam', { type: 'views-open', ref: 2 });
  s.at('2026-12-03T10:00');
  s.ok('sam', { type: 'views-open', ref: 1 });
  return s;
}

const READ_FORBIDDEN = [
  /\bR\d{1,2}\b/,
  /§\d/,
  /\b(?:wg|mtg|fasttrack|decision|sufficiency|ia)-\d/,
  /\[[a-z-]+\]/,
];

describe('R81 mine', () => {
  it('lists what the person owes, soonest due first, with the due date in words and the twin', () => {
    const s = twoViews();
    s.refused('sam', { type: 'views-open', ref: 1 }, 'wrong_status');
    const v = mineView(s.world, 'cb1', s.ctx('cb1'));
    expect(v.count).toBe(2);
    expect(v.card.title).toBe('What you owe (2)');
    // It promises no button an item does not have (critical-friend comments: their command is typed).
    expect(v.card.text).toBe(
      'Soonest due first. A button here does what typing the command beside it does; where an item has no button, type its command.',
    );
    // Read bare, as in a Teams 1:1 chat (R77).
    const sections = cardWithPrefix(v.card, undefined).sections ?? [];
    expect(sections.map((x) => x.title)).toEqual(['DP002 "Clearer receipts"', 'DP001 "Faster switching"']);
    expect(sections[0]?.text?.split('\n')).toEqual([
      'Give your view',
      'Due Wed 9 Dec 2026, 17:00',
      expect.stringMatching(/^Or type: view DP002 support\|concerns\|oppose/),
    ]);
    expect(v.text.split('\n')[1]).toMatch(
      /^- DP002 "Clearer receipts": Give your view\. Due Wed 9 Dec 2026, 17:00\./,
    );
    // The same items as owedBy, in the same order: one account of who owes what.
    const owed = owedBy(s.world, 'cb1', s.ctx('cb1'), { optional: true });
    expect(sections.map((x) => x.title.slice(0, 5))).toEqual(owed.map((o) => o.ref));
  });

  it('each item carries the buttons of the card it comes from: views, ballot, consultation', () => {
    const s = twoViews();
    const v = mineView(s.world, 'cb1', s.ctx('cb1'));
    expect(v.card.sections?.[1]?.buttons).toEqual(viewsCard(s.mod(1), s.ctx('cb1')).buttons);
    expect(v.card.sections?.[1]?.buttons[0]).toMatchObject({ action: 'view', opensForm: true });

    const d = toReport({ determination: 'self-governance' });
    toDecision(d);
    const ballot = d.mod(1).ballots.find((b) => b.status === 'open');
    if (!ballot) throw new Error('no open ballot');
    const mine = mineView(d.world, 'cb2', d.ctx('cb2'));
    const vote = mine.card.sections?.find((x) => x.text?.startsWith('Vote on'));
    expect(vote?.buttons).toEqual(ballotCard(d.mod(1), ballot, d.ctx('cb2')).buttons);
    expect(vote?.buttons.map((b) => b.action)).toEqual(['vote', 'vote', 'vote']);

    const c = toRefinement();
    toConsultation(c);
    c.ok('sam', { type: 'consult-open', ref: 1 });
    const consult = c.mod(1).consultations[0];
    if (!consult) throw new Error('no consultation');
    const respond = mineView(c.world, 'alice', c.ctx('alice')).card.sections?.find((x) =>
      x.buttons.some((b) => b.action === 'respond'),
    );
    expect(respond?.buttons).toEqual(consultationCard(c.mod(1), consult).buttons);
    expect(respond?.text).toMatch(/\(if you wish\)/);
    // Once they have responded, it is no longer theirs to do.
    c.ok('alice', { type: 'respond', ref: 1, org: 'Alice Energy', positions: { S0: 'support' } });
    const after = mineView(c.world, 'alice', c.ctx('alice')).card.sections ?? [];
    expect(after.filter((x) => x.buttons.some((b) => b.action === 'respond'))).toEqual([]);
  });

  it('a party in a Fast Track objection window gets the Object button of the announcement', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Fix a typo', problem: 'D4.2 cites D3.9', fastTrack: true });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    for (const who of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      s.ok(who, { type: 'vote', ref: 1, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).status).toBe('fast_track_window');
    const object = mineView(s.world, 'bob', s.ctx('bob')).card.sections?.find((x) =>
      x.text?.startsWith('Object'),
    );
    expect(object?.buttons).toEqual(fastTrackCard(s.mod(1), s.ctx('bob')).buttons);
    expect(object?.buttons[0]).toMatchObject({ action: 'object', opensForm: true });
  });

  it('a Working Group member gets the slot poll buttons, then the attendance buttons', () => {
    const s = toRefinement();
    s.ok('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: [iso('2026-12-07T14:00'), iso('2026-12-08T10:00')],
    });
    const poll = mineView(s.world, 'cb1', s.ctx('cb1')).card.sections?.find((x) =>
      x.buttons.some((b) => b.action === 'available'),
    );
    const mt = s.mod(1).meetings[0] as Meeting;
    expect(poll?.buttons).toEqual(slotPollCard(s.mod(1), mt).buttons);
    expect(poll?.buttons).toHaveLength(4);
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
    const attend = mineView(s.world, 'cb1', s.ctx('cb1')).card.sections?.find((x) =>
      x.buttons.some((b) => b.action === 'attend'),
    );
    const confirmed = s.mod(1).meetings[0] as Meeting;
    expect(attend?.buttons).toEqual(meetingCard(s.mod(1), confirmed, s.ctx('cb1')).buttons);
    expect(attend?.text).toContain('Due Mon 7 Dec 2026, 14:00');
  });

  it('SECAS steps with no form have no button, the twin shown instead; the IAR opens its form (and keeps its twin)', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
    const secas = mineView(s.world, 'sam', s.ctx('sam'));
    expect(secas.count).toBeGreaterThan(0);
    for (const x of secas.card.sections ?? []) {
      expect(x.text).toMatch(/Or type: /);
      const what = x.text?.split('\n')[0];
      expect(
        x.buttons.map((b) => [b.action, b.value.form]),
        what,
      ).toEqual(what === 'Record the Initial Assessment Report' ? [['form', 'iar']] : []);
    }
  });

  it('nothing owed: a friendly line and no buttons', () => {
    const s = new Scenario('2026-12-01T10:00');
    const v = mineView(s.world, 'cb1', s.ctx('cb1'));
    expect(v.text).toBe(NOTHING_OWED);
    expect(v.card).toMatchObject({ title: 'What you owe', text: NOTHING_OWED, buttons: [] });
    expect(v.card.sections).toBeUndefined();
  });

  it('a long list shows the first ones and says how many more, and how to see them', () => {
    const s = new Scenario('2026-12-01T10:00');
    for (let n = 1; n <= HOME_MAX_ITEMS + 5; n++) {
      s.ok('alice', { type: 'raise', title: `Change ${n}`, problem: 'P' });
      s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'refinement' });
      s.ok('sam', { type: 'views-open', ref: n });
    }
    const v = mineView(s.world, 'cb3', s.ctx('cb3'), { max: HOME_MAX_ITEMS });
    expect(v.count).toBe(HOME_MAX_ITEMS + 5);
    expect(v.card.sections).toHaveLength(HOME_MAX_ITEMS);
    // Each platform shows the command as typed there (R42): "/sec mine" on Slack, bare in a Teams chat.
    expect(commandsAs(v.card.context ?? '', '/sec')).toBe('…and 5 more — type /sec mine');
    expect(commandsAs(v.text.split('\n').at(-1) ?? '', undefined)).toBe('…and 5 more — type mine');
  });

  it('what people read has no rule number or internal id', () => {
    const d = toReport({ determination: 'self-governance' });
    toDecision(d);
    for (const who of ['cb1', 'sam', 'chair', 'alice']) {
      const v = mineView(d.world, who, d.ctx(who));
      const read = [
        v.text,
        v.card.title,
        v.card.text ?? '',
        v.card.context ?? '',
        ...(v.card.sections ?? []).flatMap((x) => [x.title, x.text ?? '', ...x.buttons.map((b) => b.label)]),
      ];
      for (const text of read) for (const re of READ_FORBIDDEN) expect(text, who).not.toMatch(re);
    }
  });
});

describe('R81 the personal Monday digest', () => {
  it('goes to those with dues in the coming week, lists them, and skips those who switched it off', () => {
    const s = twoViews();
    const monday = new Date(iso('2026-12-07T09:00'));
    const ctx = s.ctx('system');
    const notes = weekDigests(s.world, ctx, [{ person: 'cb2', digest: false, slackHomeAt: null }], monday);
    const to = notes.map((n) => (n.to.kind === 'person' ? n.to.person : ''));
    expect(to).toEqual(['cb1', 'cb3', 'cb4', 'cb5']);
    expect(notes[0]?.key).toBe('week-digest:2026-12-07:cb1');
    expect(commandsAs(notes[0]?.text ?? '', undefined).split('\n')).toEqual([
      'Your week: 2 things fall due by Mon 14 Dec 2026, 09:00.',
      expect.stringMatching(
        /^- DP002 "Clearer receipts": Give your view, due Wed 9 Dec 2026, 17:00\. Type: view DP002/,
      ),
      expect.stringMatching(
        /^- DP001 "Faster switching": Give your view, due Thu 10 Dec 2026, 17:00\. Type: view DP001/,
      ),
      'mine shows them all with their buttons; notify digest off stops this Monday message.',
    ]);
    // A week later nothing of it falls due (the views closed): nobody on the Board hears anything.
    s.at('2026-12-14T09:00');
    const later = weekDigests(s.world, s.ctx('system'), [], new Date(iso('2026-12-14T09:00')));
    expect(later.filter((n) => n.to.kind === 'person' && n.to.person.startsWith('cb'))).toEqual([]);
  });
});

describe('R81 the personal Monday digest across a clock change', () => {
  /** DP001 with Change Board views due at `cutoff` London on the Monday after `friday` (6 Working Days). */
  function dueMonday(friday: string, cutoff: string): Scenario {
    const s = new Scenario(`${friday}T10:00`, { settings: { SEC_CUTOFF: cutoff, SEC_VIEWS_WD: 6 } });
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    return s;
  }
  const firstLine = (notes: { to: { kind: string; person?: string }; text: string }[]) =>
    notes.find((n) => n.to.kind === 'person' && n.to.person === 'cb1')?.text.split('\n')[0];

  it('R81 in October the week ends next Monday 09:00 London (GMT), not 08:00, and a due at 08:30 is in it', () => {
    const s = dueMonday('2027-10-22', '08:30');
    const monday = new Date(iso('2027-10-25T09:00')); // BST; the clocks go back on Sunday 31 October
    expect(firstLine(weekDigests(s.world, s.ctx('system'), [], monday))).toBe(
      'Your week: one thing falls due by Mon 1 Nov 2027, 09:00.',
    );
  });

  it('R81 in March the week ends next Monday 09:00 London (BST), not 10:00, and a due at 09:30 is not in it', () => {
    const s = dueMonday('2028-03-17', '09:30');
    const monday = new Date(iso('2028-03-20T09:00')); // GMT; the clocks go forward on Sunday 26 March
    expect(firstLine(weekDigests(s.world, s.ctx('system'), [], monday))).toBeUndefined();
  });
});
