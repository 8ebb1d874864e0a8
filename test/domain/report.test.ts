// Given/when/then specs for the Report Stage and after (R7, R18, R19, R52, R55, R65): the decision ballot
// per solution, the Decision Summary, the Authority and implementation.
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';
import { iso, toDecision, toReport, vote } from '../support/formal.ts';

describe('R18 R55 the decision', () => {
  it('R18 Self-Governance: the Change Board decision is final and the summary is drafted from the ballot', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'ballot_open');
    vote(s, ['approve', 'approve', 'reject', 'abstain', 'approve'], 'S0');
    const m = s.mod(1);
    expect(m.status).toBe('approved');
    expect(m.ballots[0]?.tallies?.[0]).toMatchObject({ for: 3, against: 1, passed: true });
    // R71: the counts and the solution in words, never an option's or a solution's id.
    expect(m.decisionSummaryDraft).toContain(
      '- The Proposed Solution: simple majority: 3 votes to approve, 1 vote to reject, 1 abstention — passed (5 of 5 voted; margin +2)',
    );
    expect(m.decisionSummaryDraft).toContain('Outcome: approved, with the Proposed Solution.');
    expect(m.decisionSummaryDraft).not.toMatch(/\bS0\b/);
    expect(m.decisionSummaryDraft).toContain("Self-Governance: the Change Board's decision is final.");
  });

  it('R18 Self-Governance: no solution passing rejects it', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    vote(s, ['approve', 'reject', 'reject', 'abstain', 'approve'], 'S0');
    expect(s.mod(1).status).toBe('rejected');
    expect(s.mod(1).decisionSummaryDraft).toContain('Outcome: rejected, because no solution passed.');
  });

  it('R18 Authority: the vote is a recommendation; SECAS records the Authority decision', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'reject'], 'S0');
    expect(s.mod(1).status).toBe('awaiting_authority');
    s.refused('chair', { type: 'authority', ref: 1, decision: 'approved' }, 'forbidden');
    s.ok('sam', { type: 'authority', ref: 1, decision: 'approved', note: 'Ofgem letter' });
    expect(s.mod(1)).toMatchObject({
      status: 'approved',
      authority: { decision: 'approved', note: 'Ofgem letter' },
    });
    s.refused('sam', { type: 'authority', ref: 1, decision: 'rejected' }, 'wrong_status');

    const r = toReport({ determination: 'authority' });
    toDecision(r);
    vote(r, ['approve', 'approve', 'approve', 'approve', 'reject'], 'S0');
    r.ok('sam', { type: 'authority', ref: 1, decision: 'rejected' });
    expect(r.mod(1).status).toBe('rejected');
  });

  it('R55 the decision vote needs the closed Modification Report Consultation and a determination', () => {
    const s = toReport();
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    s.ok('sam', { type: 'consult-close', ref: 1 });
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'no_determination');
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }, 'wrong_status');
    s.ok('chair', { type: 'panel-determine', ref: 1, determination: 'self-governance' });
    const d = s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
    expect(d.events[0]).toMatchObject({
      type: 'BallotOpened',
      ballot: { kind: 'decision', solutions: ['S0'] },
    });
  });

  it('R55 several solutions pass: the largest for − against wins', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Phase it in'] });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'reject', 'reject'], 'S0');
    vote(s, ['approve', 'approve', 'approve', 'approve', 'approve'], 'A1');
    const m = s.mod(1);
    expect(m.ballots[0]?.tallies?.map((t) => [t.solution, t.for, t.against, t.passed])).toEqual([
      ['S0', 3, 2, true],
      ['A1', 5, 0, true],
    ]);
    expect(m.status).toBe('approved');
    // R18 R55 R71: a faithful record (each solution's counts, margin and outcome, the rule, who
    // decides), each solution named in words.
    expect(m.decisionSummaryDraft?.split('\n').slice(2)).toEqual([
      '- The Proposed Solution: simple majority: 3 votes to approve, 2 votes to reject — passed (5 of 5 voted; margin +1)',
      '- Alternative Solution A1 "Phase it in": simple majority: 5 votes to approve, 0 votes to reject — passed (5 of 5 voted; margin +5)',
      'Outcome: approved, with Alternative Solution A1 "Phase it in": the Proposed Solution and Alternative Solution A1 "Phase it in" passed; the largest margin (votes to approve minus votes to reject) wins and a tie goes to the Proposed Solution.',
      "Self-Governance: the Change Board's decision is final.",
    ]);
  });

  it('R55 a tie between passing solutions goes to S0; between Alternatives to the first added', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Phase it in'] });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'reject'], 'S0');
    vote(s, ['reject', 'approve', 'approve', 'approve', 'approve'], 'A1');
    expect(s.mod(1).decisionSummaryDraft).toContain(
      'Outcome: approved, with the Proposed Solution: the Proposed Solution and Alternative Solution A1 "Phase it in" passed; the largest margin (votes to approve minus votes to reject) wins and a tie goes to the Proposed Solution.',
    );

    const t = toReport({ determination: 'authority', alternatives: ['Phase it in', 'Do it later'] });
    toDecision(t);
    vote(t, ['reject', 'reject', 'reject'], 'S0');
    vote(t, ['approve', 'approve', 'approve', 'reject'], 'A1');
    vote(t, ['approve', 'approve', 'approve', 'reject'], 'A2');
    t.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(t.mod(1).status).toBe('awaiting_authority');
    expect(t.mod(1).decisionSummaryDraft).toContain(
      'Outcome: approved, with Alternative Solution A1 "Phase it in": Alternative Solution A1 "Phase it in" and Alternative Solution A2 "Do it later" passed; the largest margin (votes to approve minus votes to reject) wins and a tie goes to the Alternative Solution added first.',
    );
  });

  it('R34 R55 the decision ballot closes at its deadline and applies the outcome', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    vote(s, ['approve', 'approve'], 'S0');
    expect(s.mod(1).ballots[0]?.due).toBe(iso('2026-12-08T17:00'));
    s.at('2026-12-08T17:00');
    expect(s.mod(1).status).toBe('approved');
    expect(s.mod(1).deadlines.find((d) => d.what === 'ballot-close:decision')?.status).toBe('fired');
    expect(s.pendingDeadlines(1)).toEqual([]);
  });
});

describe('R18 R55 sent back by the Authority', () => {
  function awaiting(): Scenario {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'approve'], 'S0');
    return s;
  }

  it('R55 sent back to report voids the decision ballot and needs a new Modification Report Consultation', () => {
    const s = awaiting();
    s.refused('sam', { type: 'authority', ref: 1, decision: 'sent-back', stage: 'report' }, 'bad_input');
    s.refused('sam', { type: 'authority', ref: 1, decision: 'sent-back', note: 'why' }, 'bad_input');
    const d = s.ok('sam', {
      type: 'authority',
      ref: 1,
      decision: 'sent-back',
      stage: 'report',
      note: 'Costs unclear',
    });
    expect(d.events).toContainEqual({
      type: 'BallotVoided',
      n: 1,
      ballotId: 'decision-1',
      reason: 'sent back by the Authority: Costs unclear',
    });
    expect(s.mod(1).status).toBe('report');
    expect(s.mod(1).ballots[0]).toMatchObject({
      status: 'closed',
      voided: 'sent back by the Authority: Costs unclear',
    });
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    toDecision(s);
    expect(s.mod(1).consultations.map((c) => c.id)).toEqual([
      'report-consultation-1',
      'report-consultation-2',
    ]);
    expect(s.mod(1).ballots.map((b) => b.id)).toEqual(['decision-1', 'decision-2']);
  });

  it('R55 sent back to refinement reopens the draft Modification Report step', () => {
    const s = awaiting();
    const d = s.ok('sam', {
      type: 'authority',
      ref: 1,
      decision: 'sent-back',
      stage: 'refinement',
      note: 'More analysis',
    });
    expect(d.events.at(-1)).toEqual({
      type: 'StepsReopened',
      n: 1,
      from: 'draft-report',
      reason: 'sent back by the Authority: More analysis',
    });
    expect(s.mod(1)).toMatchObject({
      status: 'refinement',
      authority: { decision: 'sent-back', stage: 'refinement' },
    });
    expect(s.mod(1).ballots[0]?.voided).toBeDefined();
  });
});

describe('R7 R55 R65 documents', () => {
  it('R7 R65 in the Report Stage a non-material change with a note is accepted and a material one refused', () => {
    const s = toReport({ determination: 'self-governance' });
    const link = 'https://x/mr-2';
    s.refused('sam', { type: 'report', ref: 1, doc: 'modification', link }, 'report_final');
    s.refused(
      'sam',
      { type: 'report', ref: 1, doc: 'modification', link, nonMaterial: true },
      'report_final',
    );
    const d = s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link,
      nonMaterial: true,
      note: 'Typo in 3.2',
    });
    expect(d.events[0]).toMatchObject({
      type: 'DocumentRecorded',
      doc: 'modification',
      version: 2,
      nonMaterial: true,
      note: 'Typo in 3.2',
      by: 'sam',
    });
    expect(d.reply).toContain('non-material');
    expect(s.mod(1).documents.modification?.[1]).toMatchObject({
      version: 2,
      nonMaterial: true,
      note: 'Typo in 3.2',
    });
  });

  it('R55 the Decision Summary is published after the decision without changing the status', () => {
    const s = toReport({ determination: 'self-governance' });
    s.refused('sam', { type: 'report', ref: 1, doc: 'summary', link: 'https://x/ds' }, 'prerequisites');
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'approve'], 'S0');
    const d = s.ok('sam', { type: 'report', ref: 1, doc: 'summary', link: 'https://x/ds' });
    expect(s.eventTypes(d)).toEqual(['DocumentRecorded']);
    expect(s.mod(1).status).toBe('approved');
    expect(s.mod(1).documents.summary?.[0]).toMatchObject({ version: 1, link: 'https://x/ds' });
  });
});

describe('R19 implementation', () => {
  function approved(): Scenario {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'approve'], 'S0');
    return s;
  }

  it('R19 an approved MP becomes implemented at 00:00 London on its implementation date', () => {
    const s = approved();
    s.refused('sam', { type: 'implement', ref: 1, date: '2026-12-01' }, 'bad_input');
    s.refused('sam', { type: 'implement', ref: 1, date: '2026-11-30' }, 'bad_input');
    s.ok('sam', { type: 'implement', ref: 1, date: '2027-01-15' });
    // A new date replaces the old one; in summer 00:00 London is 23:00 UTC the day before.
    s.ok('sam', { type: 'implement', ref: 1, date: '2027-07-01' });
    expect(s.pendingDeadlines(1).map((d) => [d.what, d.due])).toEqual([
      ['implementation', '2027-06-30T23:00:00.000Z'],
    ]);
    expect(s.mod(1).implementAt).toBe('2027-07-01');
    s.at('2027-06-30T23:59');
    expect(s.mod(1).status).toBe('approved');
    s.at('2027-07-01T00:00');
    expect(s.mod(1).status).toBe('implemented');
    expect(
      s.mod(1).deadlines.find((d) => d.what === 'implementation' && d.status !== 'cancelled')?.status,
    ).toBe('fired');
    s.refused('sam', { type: 'implement', ref: 1, date: '2027-08-01' }, 'wrong_status');
  });

  it('R19 a winter implementation date is 00:00 GMT', () => {
    const s = approved();
    s.ok('sam', { type: 'implement', ref: 1, date: '2027-01-15' });
    expect(s.pendingDeadlines(1)[0]?.due).toBe('2027-01-15T00:00:00.000Z');
  });
});

describe('R52 proceed', () => {
  it('R52 in development, proceed needs the Development Report and moves the DP to awaiting_panel', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    s.refused('alice', { type: 'proceed', ref: 1 }, 'prerequisites');
    s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dr' });
    s.refused('sam', { type: 'proceed', ref: 1 }, 'forbidden');
    const d = s.ok('alice', { type: 'proceed', ref: 1 });
    expect(d.events.at(-1)).toMatchObject({
      type: 'StatusChanged',
      from: 'development',
      to: 'awaiting_panel',
    });
    expect(s.mod(1)).toMatchObject({ status: 'awaiting_panel', isMP: false });
    s.refused('alice', { type: 'proceed', ref: 1 }, 'wrong_status');
  });
});
