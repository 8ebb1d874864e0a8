// What is owed, and by whom (SPEC §7, R16, R34, R58, R66): one account, read from the state and the
// Refinement checklist table, that the status DM's next-step line, the chair's digest and `list mine`
// all use. Each item names the modification, what is owed, its twin (R43), its button, when it is due
// and who owes it.
import { describe, expect, it } from 'vitest';
import { nextStep } from '../../src/domain/next-step.ts';
import type { Owed } from '../../src/domain/owed.ts';
import { owedAll, owedBy, owedOn, ownerWords } from '../../src/domain/owed.ts';
import { step, toConsultation, toDraftReport, toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

const brief = (o: Owed) => [o.ref, o.what, o.owner, o.twin, o.due];

function views() {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
  s.ok('sam', { type: 'views-open', ref: 1 });
  return s;
}

describe('owed: the next step, item by item', () => {
  it('§7 R10 a draft: SECAS owes critical-friend comments by the deadline, then the IAR; the sentence says the same', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    const due = s.mod(1).deadlines.find((d) => d.what === 'secas-comments')?.due;
    expect(due).toBeDefined();
    const next = nextStep(s.mod(1), s.ctx('sam'));
    expect(next.sentence).toBe(
      'SECAS reviews it as a critical friend and aims to send comments within 5 Working Days, by Tue 8 Dec 2026, 17:00; then SECAS records the Initial Assessment Report. Owed by: SECAS.',
    );
    expect(next.owed.map(brief)).toEqual([
      [
        'DP001',
        'Send critical-friend comments',
        { kind: 'role', role: 'secas' },
        'comment DP001 <text>',
        due,
      ],
      [
        'DP001',
        'Record the Initial Assessment Report',
        { kind: 'role', role: 'secas' },
        expect.stringMatching(/^iar DP001 impacts=/),
        undefined,
      ],
    ]);
    expect(owedBy(s.world, 'sam', s.ctx('sam')).map((o) => o.what)).toEqual([
      'Send critical-friend comments',
      'Record the Initial Assessment Report',
    ]);
    expect(owedBy(s.world, 'alice', s.ctx('alice'))).toEqual([]);
  });

  it('R12 R51 views: each Change Board member without a view owes one, with its button and the close; a view given settles theirs', () => {
    const s = views();
    const close = s.mod(1).views.due;
    const cb2 = owedBy(s.world, 'cb2', s.ctx('cb2'));
    expect(cb2).toEqual([
      {
        number: 1,
        ref: 'DP001',
        owner: { kind: 'person', person: 'cb2' },
        what: 'Give your view',
        twin: expect.stringMatching(/^view DP001 support\|concerns\|oppose/),
        button: { action: 'view', ref: 'DP001' },
        due: close,
      },
    ]);
    s.ok('cb2', { type: 'view', ref: 1, stance: 'support' });
    expect(owedBy(s.world, 'cb2', s.ctx('cb2'))).toEqual([]);
    const owners = owedOn(s.mod(1), s.ctx('sam')).map((o) =>
      o.owner.kind === 'person' ? o.owner.person : '?',
    );
    expect(owners).toEqual(['cb1', 'cb3', 'cb4', 'cb5']);
  });

  it('R33 R34 R62 a ballot: each seat still waiting owes a vote, the member or their alternate; a vote settles the seat', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    const seat = owedOn(s.mod(1), s.ctx('sam')).find(
      (o) => o.owner.kind === 'person' && o.owner.person === 'cb1',
    );
    expect(seat).toMatchObject({
      what: 'Vote on the Change Board sufficiency ballot',
      owner: { kind: 'person', person: 'cb1', alternate: 'alt1' },
      twin: 'vote MP001 sufficient|more-work',
      button: { action: 'vote', ref: 'MP001', options: ['sufficient', 'more-work'], solutions: ['S0'] },
    });
    expect(seat?.due).toBe(s.mod(1).ballots[0]?.due);
    expect(ownerWords(seat?.owner ?? { kind: 'outside', name: 'missing' }, s.ctx('sam'))).toBe(
      'Cb1 (or Alt1)',
    );
    // The alternate owes the seat's vote too (R62); once the alternate votes, neither does.
    expect(owedBy(s.world, 'alt1', s.ctx('alt1')).map((o) => o.what)).toContain(
      'Vote on the Change Board sufficiency ballot',
    );
    s.ok('alt1', { type: 'vote', ref: 1, option: 'sufficient' });
    for (const who of ['cb1', 'alt1'])
      expect(owedBy(s.world, who, s.ctx(who)).filter((o) => o.button?.action === 'vote')).toEqual([]);
  });

  it('R16 R56 refinement: the steps available now, with the owners of the checklist table; only SECAS is given the step command', () => {
    const s = toRefinement();
    const next = nextStep(s.mod(1), s.ctx('sam'));
    expect(next.sentence).toBe(
      'Refinement steps now: Write the business requirements for each solution, owed by you, the proposer.',
    );
    // The proposer owes the requirements but cannot record a step (only SECAS can): no command for
    // them; SECAS owes recording it, with the command.
    expect(next.owed.map(brief)).toEqual([
      [
        'MP001',
        'Write the business requirements for each solution',
        { kind: 'person', person: 'alice' },
        undefined,
        undefined,
      ],
      [
        'MP001',
        'Record when done: Business requirements for each solution',
        { kind: 'role', role: 'secas' },
        'step MP001 requirements done',
        undefined,
      ],
    ]);
    expect(owedBy(s.world, 'alice', s.ctx('alice')).map((o) => [o.what, o.twin])).toEqual([
      ['Write the business requirements for each solution', undefined],
    ]);
    step(s, 'requirements');
    expect(
      nextStep(s.mod(1), s.ctx('sam')).owed.map((o) => [o.what, ownerWords(o.owner, s.ctx('sam')), o.twin]),
    ).toEqual([
      ['Give the DCC Preliminary Assessment', 'the DCC', undefined],
      ['Record when done: DCC Preliminary Assessment', 'SECAS', 'step MP001 dcc-pa done'],
      ['Draft the legal text', 'SECAS', 'step MP001 legal-text done'],
    ]);
    // What the DCC owes is nobody's in the bot; recording it is SECAS's.
    expect(owedBy(s.world, 'sam', s.ctx('sam')).map((o) => o.what)).toEqual([
      'Record when done: DCC Preliminary Assessment',
      'Draft the legal text',
    ]);
  });

  it('R16.5 R37 the Working Group Consultation step: SECAS owes opening it, nobody owes its close; R59 a step carries its timetable date', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'requirements', date: '2027-01-15' });
    expect(owedBy(s.world, 'alice', s.ctx('alice')).map((o) => [o.what, o.due])).toEqual([
      ['Write the business requirements for each solution', '2027-01-15T17:00:00.000Z'],
    ]);
    toConsultation(s);
    expect(owedBy(s.world, 'sam', s.ctx('sam')).map((o) => [o.what, o.twin])).toEqual([
      ['Open the Working Group Consultation', 'consult open MP001 [days]'],
    ]);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    expect(owedBy(s.world, 'sam', s.ctx('sam')).some((o) => o.twin?.startsWith('consult close'))).toBe(false);
  });

  it('R34 R16.7 a Change Board ballot step: SECAS owes opening it; once open the members owe only their votes, never the close', () => {
    const s = toRefinement();
    toDraftReport(s);
    expect(owedBy(s.world, 'sam', s.ctx('sam')).map((o) => [o.what, o.twin])).toEqual([
      ['Open the Change Board sufficiency ballot', 'ballot open MP001 sufficiency'],
    ]);
    expect(owedBy(s.world, 'cb1', s.ctx('cb1'))).toEqual([]);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    s.ok('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    expect(owedBy(s.world, 'cb1', s.ctx('cb1'))).toEqual([]);
    expect(owedBy(s.world, 'cb2', s.ctx('cb2')).map((o) => o.twin)).toEqual([
      'vote MP001 sufficient|more-work',
    ]);
    expect(owedOn(s.mod(1), s.ctx('sam')).some((o) => o.twin?.startsWith('ballot close'))).toBe(false);
  });

  it('R40 R63 a proposed meeting: each Working Group member owes their availability until they give it', () => {
    const s = toRefinement();
    s.ok('sam', { type: 'meeting-propose', ref: 1, slots: ['2027-01-11T14:00:00Z', '2027-01-12T14:00:00Z'] });
    expect(owedBy(s.world, 'bob', s.ctx('bob')).filter((o) => o.button?.action === 'available')).toEqual([
      expect.objectContaining({
        twin: 'available MP001 <slot n> yes|no',
        button: { action: 'available', ref: 'MP001', meeting: expect.any(String), slots: 2 },
      }),
    ]);
    s.ok('bob', { type: 'available', ref: 1, slot: 1, yes: true });
    expect(owedBy(s.world, 'bob', s.ctx('bob')).filter((o) => o.button?.action === 'available')).toEqual([]);
  });

  it('R24 R26 the Fast Track window: any party may object (optional, so not listed unless asked); a final status owes nothing', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo' });
    for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).status).toBe('fast_track_window');
    expect(owedBy(s.world, 'bob', s.ctx('bob'))).toEqual([]);
    expect(owedBy(s.world, 'bob', s.ctx('bob'), { optional: true })).toEqual([
      expect.objectContaining({
        what: 'Object to Fast Track, with a reason',
        twin: 'object DP001 <reason>',
        button: { action: 'object', ref: 'DP001' },
        due: s.mod(1).fastTrack?.due,
        optional: true,
      }),
    ]);
    s.at('2027-01-20T10:00');
    expect(s.mod(1).status).toBe('approved');
    s.ok('sam', { type: 'implement', ref: 1, date: '2027-02-01' });
    s.at('2027-02-02T10:00');
    expect(s.mod(1).status).toBe('implemented');
    expect(owedOn(s.mod(1), s.ctx('sam'))).toEqual([]);
    expect(nextStep(s.mod(1), s.ctx('sam')).sentence).toBe(
      'Nothing more happens: MP001 is implemented, which is final.',
    );
  });

  it('R29 R58 the proposer owes a plan only while the stall notice counts and its answer period runs', () => {
    const plan = (s: Scenario) => owedOn(s.mod(1), s.ctx('alice')).filter((o) => o.twin?.startsWith('plan'));
    const s = new Scenario('2026-12-01T10:00');
    s.settings = { ...s.settings, SEC_STALL_IDLE_WD: 3 };
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.at('2026-12-07T10:00').ok('chair', { type: 'panel-stall-notice', ref: 1 });
    expect(plan(s).map((o) => o.what)).toEqual(['Answer the stall notice with a plan']);
    s.at('2026-12-22T10:00'); // the 10 Working Days are over
    expect(plan(s)).toEqual([]);
    const t = new Scenario('2026-12-01T10:00');
    t.settings = { ...t.settings, SEC_STALL_IDLE_WD: 3 };
    t.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    t.at('2026-12-07T10:00').ok('chair', { type: 'panel-stall-notice', ref: 1 });
    t.at('2026-12-08T10:00').ok('sam', { type: 'iar', ref: 1, impacts: 'None', route: 'report' });
    expect(plan(t)).toEqual([]); // progress voided the notice
  });

  it('owedAll lists every open modification soonest due first, undated last, then by number', () => {
    const s = views();
    s.ok('bob', { type: 'raise', title: 'Second', problem: 'P' });
    const all = owedAll(s.world, s.ctx('sam'));
    const dues = all.map((o) => o.due ?? 'none');
    const dated = dues.filter((d) => d !== 'none');
    expect(dated).toEqual([...dated].sort());
    expect(dues.slice(dated.length).every((d) => d === 'none')).toBe(true);
    expect(new Set(all.map((o) => o.ref))).toEqual(new Set(['DP001', 'DP002']));
    // SECAS owes DP002's comments (dated) before DP002's IAR (undated).
    const sam = owedBy(s.world, 'sam', s.ctx('sam')).map((o) => `${o.ref} ${o.what}`);
    expect(sam).toEqual([
      'DP002 Send critical-friend comments',
      'DP002 Record the Initial Assessment Report',
    ]);
  });
});
