// R18 R72 R45: while the Modification Report Consultation runs, the decision ballot cannot open, so
// SECAS's help does not list it as owed now, and the refusal says when the consultation closes and how
// SECAS may close it early (not "open it", which is refused as already open).
import { describe, expect, it } from 'vitest';
import { nextStep } from '../../src/domain/next-step.ts';
import { owedBy } from '../../src/domain/owed.ts';
import { toReport } from '../support/formal.ts';

describe('R18 the decision ballot while the Modification Report Consultation is open', () => {
  it('is not owed now; the sentence names the exact command for after the close', () => {
    const s = toReport({ determination: 'self-governance' });
    s.ok('sam', { type: 'consult-open', ref: 1 });
    const ref = 'MP001';
    expect(owedBy(s.world, 'sam', s.ctx('sam')).filter((o) => o.ref === ref)).toEqual([]);
    const next = nextStep(s.mod(1), s.ctx('sam'));
    expect(next.sentence).toContain('ballot open MP001 decision');
    expect(next.sentence).not.toContain('sufficiency|ia|decision');
  });

  it('the refusal says when it closes and names consult close, which SECAS may run', () => {
    const s = toReport({ determination: 'self-governance' });
    s.ok('sam', { type: 'consult-open', ref: 1 });
    const r = s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    expect(r.message).toMatch(/which is open until \w{3} \d+ \w{3} \d{4}, 17:00/);
    expect(r.message).toContain('consult close MP001');
    expect(r.message).not.toContain('consult open MP001');
    // the way out it names works, and then the ballot opens
    s.ok('sam', { type: 'consult-close', ref: 1 });
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
  });

  it('before any consultation the refusal still says to open it', () => {
    const s = toReport({ determination: 'self-governance' });
    const r = s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    expect(r.message).toContain('consult open MP001');
  });
});
