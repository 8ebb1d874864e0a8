// R56, R71: a sufficiency or Impact Assessment ballot that closes with no votes counts as more work needed
// (or as a recommendation not to proceed) by the rule, and the proposer is told that, not that "The Change
// Board found more work is needed (… 0 votes … 0 votes …)": the Change Board found nothing. When more of
// its votes did say so, it is still the Change Board's finding.
import { describe, expect, it } from 'vitest';
import { toDraftReport, toIaBallot, toRefinement } from '../support/formal.ts';

describe('R56 R71 a failed Change Board ballot in words', () => {
  it('R56 a sufficiency ballot closed with no votes counts as more work, without a finding', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    const d = s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(d.events).toContainEqual(
      expect.objectContaining({
        type: 'StepsReopened',
        reason: 'The sufficiency ballot closed with no votes cast, so it counts as more work needed',
      }),
    );
  });

  it('R56 a tie does not read as the Change Board finding more work', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    s.ok('cb1', { type: 'vote', ref: 1, option: 'sufficient' });
    s.ok('cb2', { type: 'vote', ref: 1, option: 'more-work' });
    const d = s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(d.events).toContainEqual(
      expect.objectContaining({
        type: 'StepsReopened',
        reason:
          'The sufficiency ballot did not pass (simple majority: 1 vote that the report is sufficient, 1 vote that more work is needed — failed), so it counts as more work needed',
      }),
    );
  });

  it('R16.7 more votes for more work is still the Change Board finding it', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    s.ok('cb1', { type: 'vote', ref: 1, option: 'more-work' });
    const d = s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(d.events).toContainEqual(
      expect.objectContaining({
        type: 'StepsReopened',
        reason:
          'The Change Board found more work is needed (simple majority: 0 votes that the report is sufficient, 1 vote that more work is needed — failed)',
      }),
    );
  });

  it('R56 an Impact Assessment ballot closed with no votes counts as not proceeding, without a recommendation', () => {
    const s = toIaBallot();
    s.ok('sam', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).steps['ia-vote']?.note).toBe(
      'the ballot closed with no votes cast, so it counts as a recommendation not to proceed',
    );
  });
});
