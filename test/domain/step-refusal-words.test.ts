// R71, R16: a refusal about a Refinement step names each step by the title a person reads and the id
// `step` takes ("Working Group Consultation (wg-consultation)"), never the id alone, and names the way
// forward as a command rather than "(step draft-report)".
import { describe, expect, it } from 'vitest';
import { step, toRefinement } from '../support/formal.ts';

describe('R71 Refinement step refusals in words', () => {
  it('a step whose prerequisites are open names them by title and id', () => {
    const s = toRefinement();
    const r = s.refused(
      'sam',
      { type: 'step', ref: 1, step: 'draft-report', state: 'done' },
      'prerequisites',
    );
    expect(r.message).toMatch(
      /^On MP001, Draft Modification Report \(draft-report\) waits for: .*Working Group Consultation \(wg-consultation\)\.$/,
    );
  });

  it('a settled step says its state in words and how steps reopen, with the command', () => {
    const s = toRefinement();
    step(s, 'requirements', 'na', 'none needed');
    const r = s.refused('sam', { type: 'step', ref: 1, step: 'requirements', state: 'done' }, 'already_done');
    expect(r.message).toBe(
      'On MP001, Business requirements for each solution (requirements) is already not applicable; steps reopen when the Change Board finds more work is needed or the Panel chair returns the Modification Report (panel return MP001 <reason>).',
    );
  });

  it('the ballots, the consultation and the proposer decision name missing steps by title', () => {
    const s = toRefinement({ dcc: true });
    expect(
      s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }, 'prerequisites').message,
    ).toMatch(/^The .* vote on MP001 waits for: .*Draft Modification Report \(draft-report\)\.$/);
    expect(s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites').message).toMatch(
      /^The Working Group Consultation on MP001 waits for: [A-Z].* \([a-z-]+\)/,
    );
  });

  it('panel return before a draft report says who owes it, with no command the chair cannot run', () => {
    const s = toRefinement();
    const r = s.refused('chair', { type: 'panel-return', ref: 1, reason: 'Needs costs' }, 'prerequisites');
    expect(r.message).toBe(
      'MP001 has no draft Modification Report to return yet: the Working Group is still drafting it, and SECAS records it and marks the Draft Modification Report step done; ask SECAS when it will be ready.',
    );
  });
});
