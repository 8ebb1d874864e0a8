// R55 R18: when the Authority sends an MP back to the Refinement Stage the reply says which steps are
// really open (an MP routed straight to the Report Stage has done none of them), and status's route
// line says it was sent back rather than only "Route: Report Stage".
import { describe, expect, it } from 'vitest';
import { status } from '../../src/domain/query-status.ts';
import { fullReport, toDecision, toDraftReport, toRefinement, toReport, vote } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

const sendBack = (s: Scenario) =>
  s.ok('sam', {
    type: 'authority',
    ref: 1,
    decision: 'sent-back',
    stage: 'refinement',
    note: 'More analysis',
  });

describe('R55 sent back to the Refinement Stage', () => {
  it('an MP that skipped steps: the reply says every step from the first undone one is open', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'reject']);
    const d = sendBack(s);
    expect(d.reply).toBe(
      'The Authority sent MP001 back to the Refinement Stage: every Refinement step from "Working Group formed" on is open, since 6 steps before the Draft Modification Report had never been done (it was routed to the Report Stage).',
    );
    expect(d.reply).not.toContain('the draft Modification Report step and every later step reopen');
    expect(status(s.world, 1, s.ctx('sam'))).toContain(
      'Route: Report Stage; the Authority sent it back to the Refinement Stage.',
    );
  });

  it('an MP that did every step: the draft report step and every later one are open again', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-determine', ref: 1, determination: 'authority' });
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    fullReport(s);
    s.ok('chair', { type: 'panel-approve-report', ref: 1 });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'reject']);
    const d = sendBack(s);
    expect(d.reply).toBe(
      'The Authority sent MP001 back to the Refinement Stage: the Draft Modification Report step and every later step are open again.',
    );
    expect(status(s.world, 1, s.ctx('sam'))).toContain('Route: Refinement.');
  });
});
