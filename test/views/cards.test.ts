// The neutral cards as pure functions of state: buttons with their twins (R43), ballot
// progress and the closed ballot (R34, R35), cancelled cards (R57), meeting invites (R40), plain text (R44).
import { describe, expect, it } from 'vitest';
import type { Modification } from '../../src/domain/modification.ts';
import { ballotReminderCard } from '../../src/views/ballot-card.ts';
import type { Card } from '../../src/views/card.ts';
import {
  ballotCard,
  consultationCard,
  dpCard,
  fastTrackCard,
  meetingCard,
  slotPollCard,
  statusDm,
  viewsCard,
  viewsSummaryCard,
} from '../../src/views/cards.ts';
import {
  BOARD,
  toConsultation,
  toDecision,
  toDraftReport,
  toRefinement,
  toReport,
} from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { expectTwinMatches } from '../app/notify-harness.ts';
import { commandsAs } from '../../src/views/hints.ts';

const expectTwins = (m: Modification, card: Card) => card.buttons.forEach((b) => expectTwinMatches(m, b));
const field = (card: Card, label: string) => card.fields.find((f) => f.label === label)?.value;

const INJECTION = 'Fix <!channel> @everyone [x](http://y) *now*';

function viewsScenario(title = 'Faster switching') {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title, problem: `Problem: ${INJECTION}`, solution: 'Do it' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement', dcc: true });
  s.ok('sam', { type: 'views-open', ref: 1 });
  return s;
}

describe('DP and views cards (R9, R12, R51)', () => {
  it('R9 the DP card carries the DP and no "Give your view" button (§9)', () => {
    const s = viewsScenario();
    const card = dpCard(s.mod(1), s.ctx('alice'));
    expect(card.key).toBe('dp:1');
    expect(card.title).toBe('DP001: Faster switching');
    expect(field(card, 'Proposer')).toBe('Alice');
    expect(field(card, 'Proposed solution')).toBe('Do it');
    expect(card.buttons).toEqual([]);
  });

  it('R12 the views card has a "Give your view" form button whose twin parses; closed, it has none', () => {
    const s = viewsScenario();
    const open = viewsCard(s.mod(1), s.ctx('sam'));
    expect(open.buttons).toHaveLength(1);
    expect(open.buttons[0]).toMatchObject({ action: 'view', label: 'Give your view', opensForm: true });
    expectTwins(s.mod(1), open);
    expect(field(open, 'Impacts')).toBe('Suppliers');
    expect(field(open, 'Views close')).toBe('Tue 8 Dec 2026, 17:00');
    s.ok('cb1', { type: 'view', ref: 1, stance: 'concerns', rationale: 'costly' });
    s.ok('sam', { type: 'views-close', ref: 1 });
    expect(viewsCard(s.mod(1), s.ctx('sam')).buttons).toEqual([]);
    const summary = viewsSummaryCard(s.mod(1), s.ctx('sam'));
    expect(summary.text).toContain('1 view: 0 support, 1 concerns, 0 oppose');
    expect(summary.fields).toEqual([{ label: 'Cb1', value: 'concerns; Rationale and merits: costly' }]);
  });

  it('R71 the views summary names each field as the view form does, never by its command key', () => {
    const s = viewsScenario();
    s.ok('cb1', {
      type: 'view',
      ref: 1,
      stance: 'support',
      rationale: 'good',
      fit: 'fits',
      parallel: 'none',
    });
    s.ok('sam', { type: 'views-close', ref: 1 });
    const summary = viewsSummaryCard(s.mod(1), s.ctx('sam'));
    expect(field(summary, 'Cb1')).toBe(
      'support; Rationale and merits: good; Fit to be raised, or needs more scope work? fits; Changes to progress in parallel: none',
    );
    expect(field(summary, 'Cb1')).not.toMatch(/(^|; )(rationale|fit|parallel):/);
  });

  it('R44 user text stays verbatim plain text in the model (escaping is the renderers’ job)', () => {
    const s = viewsScenario(INJECTION);
    const card = dpCard(s.mod(1), s.ctx('alice'));
    expect(card.title).toBe(`DP001: ${INJECTION}`);
    expect(card.text).toBe(`Problem: ${INJECTION}`);
    expect(viewsCard(s.mod(1), s.ctx('sam')).title).toContain(INJECTION);
  });
});

describe('ballot card (R33–R35, R54, R57)', () => {
  function sufficiency(settings = {}) {
    const s = toRefinement();
    if (Object.keys(settings).length) s.settings = { ...s.settings, ...settings };
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    return s;
  }
  const ballot = (s: Scenario) =>
    s.mod(1).ballots.at(-1) as NonNullable<ReturnType<Scenario['mod']>['ballots'][0]>;

  it('R33 R34 one button per option; "0 of N voted; waiting for …" without the running split', () => {
    const s = sufficiency();
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(card.key).toBe('ballot:1:sufficiency-1');
    expect(card.buttons.map((b) => b.twin)).toEqual(['vote MP001 sufficient', 'vote MP001 more-work']);
    expect(card.buttons[0]?.value).toEqual({
      ref: 'MP001',
      ballot: 'sufficiency-1',
      option: 'sufficient',
    });
    expectTwins(s.mod(1), card);
    expect(field(card, 'Progress')).toBe('0 of 5 voted; waiting for Cb1, Cb2, Cb3, Cb4, Cb5');
    s.ok('cb1', { type: 'vote', ref: 1, option: 'more-work' });
    const after = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(after.key).toBe(card.key);
    expect(field(after, 'Progress')).toBe('1 of 5 voted; waiting for Cb2, Cb3, Cb4, Cb5');
    expect(after.fields.some((f) => f.label === 'So far')).toBe(false);
    // No running split: nothing on the card counts the options.
    expect(after.fields.map((f) => f.value).join('\n')).not.toMatch(
      /\d+ (sufficient|more-work|Sufficient to vote|More work needed)/,
    );
  });

  it('R34 SEC_SHOW_RUNNING_SPLIT shows the split while open', () => {
    const s = sufficiency({ SEC_SHOW_RUNNING_SPLIT: true });
    s.ok('cb1', { type: 'vote', ref: 1, option: 'more-work' });
    expect(field(ballotCard(s.mod(1), ballot(s), s.ctx('sam')), 'So far')).toBe(
      '0 Sufficient to vote, 1 More work needed',
    );
  });

  it('R35 closed: no buttons, each person’s vote (alternates named), the tally and the outcome with the rule', () => {
    const s = sufficiency();
    s.ok('alt1', { type: 'vote', ref: 1, option: 'sufficient' });
    s.ok('cb2', { type: 'vote', ref: 1, option: 'sufficient' });
    s.ok('cb3', { type: 'vote', ref: 1, option: 'more-work' });
    s.ok('sam', { type: 'ballot-close', ref: 1 });
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(card.buttons).toEqual([]);
    expect(field(card, 'Votes')).toBe(
      'Cb1: Sufficient to vote (by alternate Alt1)\nCb2: Sufficient to vote\nCb3: More work needed\nCb4: did not vote\nCb5: did not vote',
    );
    // R71: each vote as its button reads, never the option's code (`more-work`).
    expect(field(card, 'Votes')).not.toMatch(/more-work|: sufficient/);
    // R35 R71: the counts in words, each option as what the vote says, never its id ("2 sufficient").
    expect(field(card, 'Tally')).toBe(
      'simple majority: 2 votes that the report is sufficient, 1 vote that more work is needed — passed (3 of 5 voted)',
    );
    expect(field(card, 'Outcome')).toBe('Passed under simple majority');
  });

  it('R55 a decision ballot has a button per option per solution, each twin parsing back', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
    toDecision(s);
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(card.buttons.map((b) => b.twin)).toEqual([
      'vote MP001 approve S0',
      'vote MP001 reject S0',
      'vote MP001 abstain S0',
      'vote MP001 approve A1',
      'vote MP001 reject A1',
      'vote MP001 abstain A1',
    ]);
    expect(field(card, 'Solutions')).toBe('S0 Proposed Solution; A1 Cheaper');
    expectTwins(s.mod(1), card);
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'approve', solution: 'S0' });
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'reject', solution: 'A1' });
    const closed = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(closed.buttons).toEqual([]);
    // R71: each solution's tally under its name in words, not its id ("Tally S0").
    expect(field(closed, 'Tally for the Proposed Solution')).toBe(
      'simple majority: 5 votes to approve, 0 votes to reject — passed (5 of 5 voted)',
    );
    expect(field(closed, 'Tally for Alternative Solution A1 "Cheaper"')).toBe(
      'simple majority: 0 votes to approve, 5 votes to reject — failed (5 of 5 voted)',
    );
    expect(field(closed, 'Votes')?.split('\n')[0]).toBe(
      'Cb1: Approve on the Proposed Solution, Reject on Alternative Solution A1 "Cheaper"',
    );
  });

  it('R34 R43 the reminder DM of a decision ballot with alternatives names the solution in its typed twin, as its buttons do', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
    toDecision(s);
    const reminder = ballotReminderCard(s.mod(1), ballot(s));
    expect(reminder.buttons.map((b) => b.label)).toContain('A1: Approve');
    // A vote typed without a solution counts for S0: the A1 buttons need the solution in their twin.
    expect(commandsAs(reminder.context ?? '', undefined)).toBe(
      'Or type: vote MP001 approve|reject|abstain S0|A1',
    );
    // One solution (a sufficiency ballot): no solution to name.
    const one = sufficiency();
    expect(commandsAs(ballotReminderCard(one.mod(1), ballot(one)).context ?? '', undefined)).toBe(
      'Or type: vote MP001 sufficient|more-work',
    );
  });

  it('R57 a cancelled ballot loses its buttons and says so', () => {
    const s = sufficiency();
    s.ok('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('sam'));
    expect(card.buttons).toEqual([]);
    expect(card.text).toContain('cancelled: MP001 is now withdrawn');
  });

  it('R54 a Panel ballot has no deadline: the chair closes it', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo in D1' });
    const card = ballotCard(s.mod(1), ballot(s), s.ctx('chair'));
    expect(field(card, 'Closes')).toBe('when the Panel chair closes it');
    // R77: the chair's command is a hint, which each platform shows as typed there.
    expect(commandsAs(card.context ?? '', undefined).split('\n')).toContain(
      'Panel chair, to close it, type: ballot close DP001',
    );
    // R71: the rule in plain English ("every vote cast is in favour", not "every vote is approve").
    expect(field(card, 'Rule')).toBe(
      'unanimity (at least the quorum votes and every vote cast is in favour); quorum 5',
    );
    expectTwins(s.mod(1), card);
  });
});

describe('Fast Track and consultation cards (R24–R26, R37)', () => {
  it('R24 the Fast Track card has an Object form button until the window closes (R25: none after an objection)', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo in D1' });
    for (const p of ['pm1', 'pm2', 'pm3', 'pm4', 'chair'])
      s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    const card = fastTrackCard(s.mod(1), s.ctx('bob'));
    expect(field(card, 'Objection window closes')).toBe('Tue 22 Dec 2026, 17:00');
    expect(card.buttons).toEqual([
      {
        action: 'object',
        label: 'Object',
        value: { ref: 'DP001' },
        twin: 'object DP001 <reason>',
        style: 'danger',
        opensForm: true,
      },
    ]);
    expectTwins(s.mod(1), card);
    s.ok('bob', { type: 'object', ref: 1, reason: 'Not housekeeping' });
    const after = fastTrackCard(s.mod(1), s.ctx('bob'));
    expect(after.buttons).toEqual([]);
    expect(after.text).toBe('The window ended with an objection by Bob, so DP001 returns to the Panel.');
    expect(field(after, 'Objection')).toBe('Not housekeeping');
  });

  it('R37 the consultation card has a Respond form button while open, none once closed', () => {
    const s = toRefinement();
    toConsultation(s);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    const c = s.mod(1).consultations[0] as Modification['consultations'][0];
    const card = consultationCard(s.mod(1), c, s.ctx('sam'));
    expect(card.buttons[0]).toMatchObject({ action: 'respond', label: 'Respond', opensForm: true });
    expect(card.buttons[0]?.twin).toBe('respond MP001 org="…" S0=support');
    expectTwins(s.mod(1), card);
    expect(field(card, 'Closes')).toBe('Tue 22 Dec 2026, 17:00');
    s.ok('sam', { type: 'consult-close', ref: 1 });
    const closed = consultationCard(s.mod(1), s.mod(1).consultations[0] as typeof c, s.ctx('sam'));
    expect(closed.buttons).toEqual([]);
    expect(closed.text).toBe('Closed with 0 responses, collated into the record.');
  });

  it('R71 a cancelled consultation counts its responses in agreement: "The 1 response received is kept."', () => {
    const cancelled = (responses: number) => {
      const s = toRefinement();
      toConsultation(s);
      s.ok('sam', { type: 'consult-open', ref: 1 });
      for (const p of ['bob', 'cb1'].slice(0, responses))
        s.ok(p, { type: 'respond', ref: 1, org: `${p} Ltd`, positions: { S0: 'support' } });
      s.ok('alice', { type: 'withdraw', ref: 1, reason: 'Not needed' });
      const c = s.mod(1).consultations[0] as Modification['consultations'][0];
      return consultationCard(s.mod(1), c, s.ctx('sam')).text;
    };
    expect(cancelled(1)).toBe('Cancelled: MP001 is now withdrawn. The 1 response received is kept.');
    expect(cancelled(2)).toBe('Cancelled: MP001 is now withdrawn. The 2 responses received are kept.');
    expect(cancelled(0)).toBe('Cancelled: MP001 is now withdrawn. No response had been received.');
  });
});

describe('meeting cards (R40, R63)', () => {
  function meeting() {
    const s = toRefinement();
    s.ok('sam', {
      type: 'meeting-propose',
      ref: 1,
      slots: ['2027-01-11T14:00:00.000Z', '2027-01-12T14:00:00.000Z'],
    });
    return s;
  }
  it('R40 the slot poll has a can / can’t pair per slot, each twin parsing back', () => {
    const s = meeting();
    const mt = s.mod(1).meetings[0] as Modification['meetings'][0];
    const card = slotPollCard(s.mod(1), mt);
    expect(card.buttons.map((b) => b.twin)).toEqual([
      'available MP001 1 yes',
      'available MP001 1 no',
      'available MP001 2 yes',
      'available MP001 2 no',
    ]);
    expect(card.buttons[0]?.value).toEqual({ ref: 'MP001', meeting: 'mtg-1', slot: 1, yes: true });
    expect(field(card, 'Slot 1')).toBe('Mon 11 Jan 2027, 14:00');
    expectTwins(s.mod(1), card);
  });

  it('R40 the confirmed meeting: London time, an .ics invite and Attending / Can’t attend', () => {
    const s = meeting();
    s.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 2 });
    const mt = s.mod(1).meetings[0] as Modification['meetings'][0];
    const card = meetingCard(s.mod(1), mt, s.ctx('sam'));
    expect(card.text).toContain('Tue 12 Jan 2027, 14:00');
    expect(card.buttons.map((b) => [b.label, b.twin])).toEqual([
      ['Attending', 'attend MP001 yes'],
      ["Can't attend", 'attend MP001 no'],
    ]);
    expectTwins(s.mod(1), card);
    const ics = card.attachments?.[0];
    expect(ics?.contentType).toBe('text/calendar; method=PUBLISH');
    expect(ics?.text).toContain('DTSTART:20270112T140000Z');
    expect(ics?.text).toContain('UID:mtg-1.001@secbot');
    // The same state renders the same bytes (DTSTAMP is the command's time, not the clock).
    expect(meetingCard(s.mod(1), mt, s.ctx('sam'))).toEqual(card);
  });
});

describe('status DM (§7)', () => {
  it('R16 says what changed, what happens next, who owes it and by when', () => {
    const s = toRefinement();
    const text = statusDm(s.mod(1), ['Refinement step Working Group formed: done.'], s.ctx('sam'));
    expect(text.split('\n')).toEqual([
      'MP001 "Faster switching": Refinement.',
      '- Refinement step Working Group formed: done.',
      'Next: Refinement steps now: Write the business requirements for each solution, owed by you, the proposer.',
    ]);
    const raised = new Scenario('2026-12-01T10:00');
    raised.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    const dm = statusDm(raised.mod(1), [], raised.ctx('alice'));
    expect(dm).toContain('within 5 Working Days, by Tue 8 Dec 2026, 17:00');
    expect(dm).toContain('Owed by: SECAS.');
  });
});
