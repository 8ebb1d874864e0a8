// R18 R55 R71: once the Authority sends a modification back, the next step is a new Modification Report
// Consultation (the earlier one no longer counts, as the core says), and the proposer reads where it
// went back to in words.
import { describe, expect, it } from 'vitest';
import { changeLine } from '../../src/app/notify/lines.ts';
import { historyLines } from '../../src/domain/history.ts';
import { nextStep } from '../../src/domain/next-step.ts';
import { fullReport, step, toDecision, toDraftReport, toReport, vote } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { commandsAs } from '../../src/views/hints.ts';

function awaiting(): Scenario {
  const s = toReport({ determination: 'authority' });
  toDecision(s);
  vote(s, ['approve', 'approve', 'approve', 'approve', 'approve'], 'S0');
  return s;
}

const consultFirst = (s: Scenario) => {
  const next = nextStep(s.mod(1), s.ctx('sam'));
  expect(commandsAs(next.sentence, undefined)).toBe(
    'SECAS opens the Modification Report Consultation (consult open MP001). Owed by: SECAS.',
  );
  expect(next.owed.map((o) => o.what)).toEqual(['Open the Modification Report Consultation']);
  // The core agrees: the decision ballot is refused until the new consultation has closed.
  s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
};

describe('R55 after a send-back the next step is a new Modification Report Consultation', () => {
  it('R55 sent back to the Report Stage: owed is opening the consultation, not the decision ballot', () => {
    const s = awaiting();
    s.ok('sam', { type: 'authority', ref: 1, decision: 'sent-back', stage: 'report', note: 'More analysis' });
    consultFirst(s);
  });

  it('R55 sent back to refinement, then the report approved again: the consultation is owed first', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement', dcc: false });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'authority' });
    s.ok('sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    fullReport(s);
    s.ok('chair', { type: 'panel-approve-report', ref: 1 });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'approve'], 'S0');
    s.ok('sam', {
      type: 'authority',
      ref: 1,
      decision: 'sent-back',
      stage: 'refinement',
      note: 'More analysis',
    });
    step(s, 'draft-report');
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    s.ok('chair', { type: 'panel-approve-report', ref: 1 });
    expect(s.mod(1).status).toBe('report');
    consultFirst(s);
  });
});

describe("R71 the Authority's send-back in words", () => {
  const sent = {
    type: 'AuthorityDecided' as const,
    n: 1,
    decision: 'sent-back' as const,
    stage: 'report',
    note: 'needs more analysis',
  };

  it("R71 the proposer's status DM says where it went back to, without the codes", () => {
    const s = awaiting();
    expect(changeLine(sent, s.mod(1), s.ctx('sam'))).toBe(
      'The Authority sent it back to the Report Stage: needs more analysis.',
    );
    expect(changeLine({ ...sent, stage: 'refinement' }, s.mod(1), s.ctx('sam'))).toBe(
      'The Authority sent it back to the Refinement Stage: needs more analysis.',
    );
  });

  it('R71 R73 history says the same', () => {
    const { type, ...payload } = sent;
    const lines = historyLines(
      [{ type, at: '2027-03-20T10:00:00.000Z', actor: 'sam', payload }],
      { people: [] },
      1,
    );
    expect(lines[0]).toMatch(/The Authority sent it back to the Report Stage: needs more analysis$/);
  });
});
