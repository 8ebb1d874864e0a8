// SPEC §7: any change of step tells the proposer what changed, what is next, who owes it and by when.
// A Change Board ballot opening (R16.7, R16.8, R18) and the Modification Report Consultation opening
// and closing (R18) are such changes; a vote is not (the proposer hears the result with the step or
// status it settles).
import { describe, expect, it } from 'vitest';
import { BOARD, toDraftReport, toRefinement, toReport } from '../support/formal.ts';
import { Notify, audiences, one } from './notify-harness.ts';

describe('the proposer is told when a Change Board ballot or the Report-Stage consultation opens or closes (§7)', () => {
  it('R18 the Modification Report Consultation opening and closing, then the decision ballot with its close', () => {
    const N = new Notify(toReport({ determination: 'self-governance' }));
    const opened = N.run('sam', { type: 'consult-open', ref: 1 });
    expect(one(opened, 'person:alice').text).toMatch(
      /- The Modification Report Consultation is open until \w{3} \d+ \w{3} \d{4}, 17:00\.\n/,
    );
    const closed = N.run('sam', { type: 'consult-close', ref: 1 });
    expect(one(closed, 'person:alice').text).toContain(
      '- The Modification Report Consultation closed with 0 responses.',
    );
    const ballot = N.run('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
    expect(one(ballot, 'person:alice').text).toMatch(
      /- The Change Board's decision ballot is open; it closes early once every member has voted\.\nNext: [^\n]*by \w{3} \d+ \w{3} \d{4}, 17:00/,
    );
    // Not a DM per vote.
    expect(audiences(N.run(BOARD[0] as string, { type: 'vote', ref: 1, option: 'approve' }))).not.toContain(
      'person:alice',
    );
  });

  it('R16.7 R16.8 the sufficiency and Impact Assessment ballots opening in Refinement', () => {
    const s = toRefinement({ dcc: true });
    toDraftReport(s);
    const N = new Notify(s);
    const sufficiency = N.run('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    expect(one(sufficiency, 'person:alice').text).toContain(
      "- The Change Board's sufficiency ballot is open; it closes early",
    );
    for (const cb of BOARD) N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    const ia = N.run('sam', { type: 'ballot-open', ref: 1, kind: 'ia' });
    expect(one(ia, 'person:alice').text).toContain(
      "- The Change Board's Impact Assessment ballot is open; it closes early",
    );
  });
});
