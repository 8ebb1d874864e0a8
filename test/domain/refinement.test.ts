// Given/when/then specs for the Refinement stage (R5, R16, R52, R56, §9.5): the checklist table,
// prerequisites, the sufficiency and Impact Assessment ballots, the proposer's decision and the Panel
// chair's return of the Modification Report.
import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../src/domain/evolve.ts';
import { stepOrder } from '../../src/domain/modification.ts';
import { REFINEMENT_STEPS, checklist, checklistLines } from '../../src/domain/stages/refinement-steps.ts';
import { Scenario, londonTime } from '../support/scenario.ts';
import { fullReport, refuseExtension, step, toDraftReport, toRefinement, vote } from '../support/formal.ts';

const stateOf = (s: Scenario, id: string) => checklist(s.mod(1)).find((x) => x.id === id);

describe('R16 R56 the checklist table', () => {
  it('R56 R16 stepOrder reads the table: ids in order, one step per IAR Sub-Committee', () => {
    const s = toRefinement({ subcommittees: ['TABASC', 'SSC'] });
    expect(stepOrder(s.mod(1))).toEqual([
      'wg',
      'requirements',
      'dcc-pa',
      'subcommittee:TABASC',
      'subcommittee:SSC',
      'legal-text',
      'benefits',
      'wg-consultation',
      'draft-report',
      'sufficiency',
      'ia-vote',
      'proposer-decision',
      'dcc-ia',
      'appendix-legal-text',
      'final-wg',
      'panel-approval',
    ]);
    expect(REFINEMENT_STEPS.every((d) => d.clause.startsWith('R16'))).toBe(true);
  });

  it('R16 R66 R71 the checklist keeps each clause, shows the owner and what is available now', () => {
    const s = toRefinement({ subcommittees: ['TABASC'] });
    step(s, 'requirements');
    const list = checklist(s.mod(1));
    expect(list.find((x) => x.id === 'requirements')).toMatchObject({ state: 'done', owner: 'proposer' });
    // R16.3: the three tracks run in parallel after the requirements.
    expect(list.filter((x) => x.available).map((x) => x.id)).toEqual([
      'dcc-pa',
      'subcommittee:TABASC',
      'legal-text',
    ]);
    expect(list.find((x) => x.id === 'benefits')).toMatchObject({
      available: false,
      owner: 'Working Group',
      clause: 'R16.4',
      after: ['dcc-pa', 'subcommittee:TABASC', 'legal-text'],
    });
    // R71: the clause stays in the table (for the code and its docs); what a person reads has no rule number.
    expect(checklistLines(s.mod(1))[1]).toBe(
      '[x] Business requirements for each solution (owner: the proposer)',
    );
  });
});

describe('R16 the Refinement route', () => {
  it('R16 R56 every step in order with DCC impacts, each refused out of order', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    s.ok('sam', {
      type: 'iar',
      ref: 1,
      impacts: 'Suppliers',
      route: 'refinement',
      dcc: true,
      subcommittees: ['TABASC'],
    });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'authority' });
    // R16.1: nothing before the Working Group is formed.
    s.refused('sam', { type: 'step', ref: 1, step: 'requirements', state: 'done' }, 'prerequisites');
    s.ok('sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    expect(s.mod(1).steps.wg?.state).toBe('done');

    step(s, 'requirements');
    const early = s.refused(
      'sam',
      { type: 'step', ref: 1, step: 'benefits', state: 'done' },
      'prerequisites',
    );
    expect(early.message).toContain(
      'DCC Preliminary Assessment (dcc-pa), Sub-Committee TABASC consulted (subcommittee:TABASC), Legal text drafted (legal-text)',
    );
    step(s, 'dcc-pa', 'requested');
    expect(stateOf(s, 'dcc-pa')?.state).toBe('requested');
    step(s, 'dcc-pa', 'done', 'returned');
    step(s, 'subcommittee:TABASC');
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites');
    step(s, 'legal-text');
    step(s, 'benefits');

    // R16.5: the Working Group Consultation completes only through consult close.
    s.refused('sam', { type: 'step', ref: 1, step: 'wg-consultation', state: 'done' }, 'bad_input');
    s.refused('sam', { type: 'step', ref: 1, step: 'draft-report', state: 'done' }, 'prerequisites');
    s.ok('sam', { type: 'consult-open', ref: 1 });
    expect(s.mod(1).steps['wg-consultation']?.state).toBe('requested');
    s.ok('sam', { type: 'consult-close', ref: 1 });
    expect(s.mod(1).steps['wg-consultation']).toEqual({ state: 'done', note: '0 responses' });

    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }, 'prerequisites');
    s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr-draft' });
    step(s, 'draft-report');
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'ia' }, 'prerequisites');
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }, 'ballot_open');
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    expect(s.mod(1).steps.sufficiency?.state).toBe('done');

    s.refused('alice', { type: 'proceed', ref: 1 }, 'prerequisites');
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'ia' });
    vote(s, ['proceed', 'proceed', 'proceed', 'do-not-proceed', 'proceed']);
    expect(s.mod(1).steps['ia-vote']?.state).toBe('done');

    s.refused('sam', { type: 'step', ref: 1, step: 'dcc-ia', state: 'requested' }, 'prerequisites');
    const d = s.ok('alice', { type: 'proceed', ref: 1 });
    expect(d.events).toContainEqual({
      type: 'ProposerDecided',
      n: 1,
      decision: 'proceed',
      againstRecommendation: false,
    });
    s.refused('alice', { type: 'proceed', ref: 1 }, 'already_done');

    s.refused('sam', { type: 'step', ref: 1, step: 'appendix-legal-text', state: 'done' }, 'prerequisites');
    step(s, 'dcc-ia', 'requested');
    step(s, 'dcc-ia');
    step(s, 'appendix-legal-text');
    fullReport(s);
    s.refused('chair', { type: 'panel-approve-report', ref: 1 }, 'prerequisites');
    step(s, 'final-wg');
    expect(
      checklist(s.mod(1))
        .filter((x) => x.available)
        .map((x) => x.id),
    ).toEqual(['panel-approval']);

    const approved = s.ok('chair', { type: 'panel-approve-report', ref: 1 });
    expect(s.eventTypes(approved)).toEqual(['ReportApproved', 'StepChanged', 'StatusChanged']);
    expect(s.mod(1)).toMatchObject({ status: 'report', isMP: true, reportApproved: { na: {} } });
    expect(s.mod(1).steps['panel-approval']?.state).toBe('done');
    s.refused('sam', { type: 'step', ref: 1, step: 'final-wg', state: 'done' }, 'wrong_status');
  });

  it('R56 step refuses ids completed by their own command, unknown ids and repeats', () => {
    const s = toRefinement();
    const wg = s.refused('sam', { type: 'step', ref: 1, step: 'wg', state: 'done' }, 'bad_input');
    expect(wg.message).toContain('wg form');
    for (const [id, cmd] of [
      ['sufficiency', 'ballot close'],
      ['ia-vote', 'ballot close'],
      ['proposer-decision', 'proceed'],
      ['panel-approval', 'panel approve-report'],
    ]) {
      const r = s.refused('sam', { type: 'step', ref: 1, step: id as string, state: 'done' }, 'bad_input');
      expect(r.message).toContain(cmd);
    }
    s.refused('sam', { type: 'step', ref: 1, step: 'subcommittee:NOPE', state: 'done' }, 'bad_input');
    step(s, 'requirements');
    s.refused('sam', { type: 'step', ref: 1, step: 'requirements', state: 'na' }, 'already_done');
    s.refused('alice', { type: 'step', ref: 1, step: 'legal-text', state: 'done' }, 'forbidden');
  });

  it('R16.8 without DCC system impacts steps 8–11 are not applicable and it goes to step 12', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'more-work', 'sufficient']);
    for (const id of ['ia-vote', 'proposer-decision', 'dcc-ia', 'appendix-legal-text', 'final-wg']) {
      expect(stateOf(s, id)).toMatchObject({ state: 'na', auto: true });
    }
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'ia' }, 'bad_input');
    s.refused('alice', { type: 'proceed', ref: 1 }, 'bad_input');
    expect(
      checklist(s.mod(1))
        .filter((x) => x.available)
        .map((x) => x.id),
    ).toEqual(['panel-approval']);
    fullReport(s);
    s.ok('chair', { type: 'panel-approve-report', ref: 1 });
    expect(s.mod(1).status).toBe('report');
  });

  it('R16.8 R16.9 a do-not-proceed recommendation makes the rationale mandatory and shows it to the Panel', () => {
    const s = toRefinement({ dcc: true });
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'ia', days: 3 });
    s.ok('cb1', { type: 'vote', ref: 1, option: 'do-not-proceed' });
    s.ok('cb2', { type: 'vote', ref: 1, option: 'do-not-proceed' });
    s.ok('cb3', { type: 'vote', ref: 1, option: 'proceed' });
    s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).steps['ia-vote']?.note).toMatch(/^the Change Board recommends not proceeding; /);

    const r = s.refused('alice', { type: 'proceed', ref: 1 }, 'bad_input');
    expect(r.message).toContain('rationale');
    s.refused('bob', { type: 'proceed', ref: 1, rationale: 'not mine' }, 'forbidden');
    const d = s.ok('alice', {
      type: 'proceed',
      ref: 1,
      rationale: 'The cost is justified by faster switching',
    });
    expect(d.events[0]).toEqual({
      type: 'ProposerDecided',
      n: 1,
      decision: 'proceed',
      againstRecommendation: true,
      rationale: 'The cost is justified by faster switching',
    });
    expect(s.mod(1).proposerDecision).toEqual({
      againstRecommendation: true,
      rationale: 'The cost is justified by faster switching',
    });
    expect(stateOf(s, 'dcc-ia')?.available).toBe(true);
  });

  it('R56 a failed Impact Assessment ballot (a tie) counts as do-not-proceed', () => {
    const s = toRefinement({ dcc: true });
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'ia' });
    vote(s, ['proceed', 'proceed', 'do-not-proceed', 'do-not-proceed']);
    s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).ballots[1]?.passed).toBe(false);
    s.refused('alice', { type: 'proceed', ref: 1 }, 'bad_input');
  });
});

describe('R14 R60 a batch shares the DCC Impact Assessment', () => {
  /** MP001 and MP002 (each with DCC impacts) in Refinement, batched, sharing one Working Group. */
  function batched(): Scenario {
    const s = new Scenario('2026-12-01T10:00');
    for (const n of [1, 2]) {
      s.ok('alice', { type: 'raise', title: `T${n}`, problem: `P${n}` });
      s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'refinement', dcc: true });
      s.ok('chair', { type: 'panel-route', ref: n, route: 'refinement', determination: 'self-governance' });
    }
    s.ok('sam', { type: 'wg-form', refs: [1, 2], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    const at = s.now.toISOString();
    s.world = evolveAll(
      s.world,
      [
        { type: 'Batched', n: 1, with: [2] },
        { type: 'Batched', n: 2, with: [1] },
      ],
      at,
    );
    return s;
  }
  /** Steps 2–9 on one modification: the Working Group's work, both ballots and the proposer's decision. */
  function toDccIa(s: Scenario, ref: number, decided = true): void {
    const st = (id: string) => s.ok('sam', { type: 'step', ref, step: id, state: 'done' });
    for (const id of ['requirements', 'dcc-pa', 'legal-text', 'benefits']) st(id);
    s.ok('sam', { type: 'consult-open', ref });
    s.ok('sam', { type: 'consult-close', ref });
    s.ok('sam', { type: 'report', ref, doc: 'modification', link: 'https://x/mr-draft' });
    st('draft-report');
    for (const [kind, option] of [
      ['sufficiency', 'sufficient'],
      ['ia', 'proceed'],
    ] as const) {
      s.ok('sam', { type: 'ballot-open', ref, kind });
      s.ok('cb1', { type: 'vote', ref, option });
      s.ok('sam', { type: 'ballot-close', ref });
    }
    if (decided) s.ok('alice', { type: 'proceed', ref });
  }

  it('R14 R60 recording the DCC Impact Assessment on one batched MP records it on the other, and says so', () => {
    const s = batched();
    toDccIa(s, 1);
    toDccIa(s, 2);
    const d = s.ok('sam', { type: 'step', ref: 1, step: 'dcc-ia', state: 'done', note: 'DCC IA v1' });
    // R71: the step as its task, with its note; then what is next, each with its owner in words.
    expect(d.reply).toBe(
      'MP001: Refinement step done: Give the DCC Impact Assessment (DCC IA v1). The batch shares it, so it is done for MP002 too. Next: Prepare the appendix legal text, owed by SECAS.',
    );
    for (const n of [1, 2]) expect(s.mod(n).steps['dcc-ia']).toEqual({ state: 'done', note: 'DCC IA v1' });
  });

  it('R14 R60 R16.9 a batched MP whose checklist is not ready for it is left as it is', () => {
    const s = batched();
    toDccIa(s, 1);
    toDccIa(s, 2, false); // MP002's proposer has not decided yet
    const d = s.ok('sam', { type: 'step', ref: 1, step: 'dcc-ia', state: 'done' });
    expect(d.reply).not.toContain('MP002');
    expect(s.mod(2).steps['dcc-ia']).toBeUndefined();
  });
});

describe('R16.7 R56 sufficiency and more work', () => {
  it('R16.7 sufficiency closes at its deadline with the exact tally', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.at('2026-12-03T09:00');
    const d = s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    // R34: 5 Working Days after Thu 3 Dec at the cut-off: Thu 10 Dec 17:00; reminder Wed 9 Dec 17:00.
    const b = s.mod(1).ballots[0];
    expect(b?.due).toBe(londonTime('2026-12-10T17:00').toISOString());
    expect(s.pendingDeadlines(1).map((x) => [x.what, x.due])).toEqual([
      ['ballot-close:sufficiency', londonTime('2026-12-10T17:00').toISOString()],
      ['reminder:ballot-close:sufficiency', londonTime('2026-12-09T17:00').toISOString()],
    ]);
    expect(d.reply).toContain('Thu 10 Dec 2026, 17:00');
    vote(s, ['sufficient', 'sufficient', 'more-work', 'sufficient']);
    s.at('2026-12-10T16:59');
    expect(s.mod(1).ballots[0]?.status).toBe('open');
    s.at('2026-12-10T17:00');
    const closed = s.mod(1).ballots[0];
    expect(closed?.status).toBe('closed');
    expect(closed?.tallies?.[0]).toMatchObject({
      counts: { sufficient: 3, 'more-work': 1 },
      for: 3,
      against: 1,
      voted: 4,
      eligible: 5,
      passed: true,
    });
    expect(s.mod(1).steps.sufficiency).toEqual({
      state: 'done',
      note: 'simple majority: 3 votes that the report is sufficient, 1 vote that more work is needed — passed',
    });
    expect(s.mod(1).deadlines.find((x) => x.what === 'ballot-close:sufficiency')?.status).toBe('fired');
  });

  it('R16.7 R56 more work reopens the draft report and every later step; the Working Group redrafts', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'more-work', 'more-work', 'sufficient', 'more-work']);
    const b = s.mod(1).ballots[0];
    expect(b?.tallies?.[0]).toMatchObject({ for: 2, against: 3, passed: false });
    expect(s.history.at(-1)?.events.map((e) => e.type)).toEqual([
      'VoteCast',
      'BallotClosed',
      'DeadlineCancelled',
      'DeadlineCancelled',
      'StepsReopened',
    ]);
    expect(s.mod(1).steps['draft-report']).toBeUndefined();
    expect(s.mod(1).steps.sufficiency).toBeUndefined();
    expect(s.mod(1).steps['wg-consultation']?.state).toBe('done');
    expect(s.mod(1).status).toBe('refinement');
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }, 'prerequisites');
    step(s, 'draft-report', 'done', 'redrafted');
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    expect(s.mod(1).ballots.map((x) => x.id)).toEqual(['sufficiency-1', 'sufficiency-2']);
  });

  it('R56 a failed sufficiency ballot (a tie) counts as more-work', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'more-work']);
    s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).steps['draft-report']).toBeUndefined();
  });

  it('R16.12 R56 panel return reopens draft-report and stays in refinement', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    const d = s.ok('chair', { type: 'panel-return', ref: 1, reason: 'Costs are unclear' });
    expect(d.events).toEqual([
      { type: 'ReportReturned', n: 1, reason: 'Costs are unclear' },
      {
        type: 'StepsReopened',
        n: 1,
        from: 'draft-report',
        reason: 'returned by the Panel chair: Costs are unclear',
      },
    ]);
    expect(s.mod(1).status).toBe('refinement');
    expect(stateOf(s, 'draft-report')).toMatchObject({ state: 'pending', available: true });
    s.refused('sam', { type: 'panel-return', ref: 1, reason: 'x' }, 'forbidden');
    s.refused('chair', { type: 'panel-return', ref: 1, reason: 'again' }, 'prerequisites');
  });
});

describe('R5 R16.2 Alternative Solutions', () => {
  it('R5 R16.2 SECAS adds A1, A2 in refinement; none in the Report Stage (report_final)', () => {
    const s = toRefinement();
    s.ok('sam', { type: 'solution-add', ref: 1, title: 'Use the existing register' });
    s.ok('sam', { type: 'solution-add', ref: 1, title: 'Phase it in' });
    expect(s.mod(1).solutions.map((x) => x.id)).toEqual(['S0', 'A1', 'A2']);
    // §9.5: a refused extension lets the chair route it to the Report Stage.
    refuseExtension(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
    s.refused('sam', { type: 'solution-add', ref: 1, title: 'Too late' }, 'report_final');
  });
});
