// R7, R16.6, R17, R18: there is a Modification Report before anyone is consulted or votes on it. Routed
// straight to the Report Stage, an MP has none until SECAS records it: the Modification Report
// Consultation and the decision ballot wait for it, and that first version is a normal one (R7). In
// Refinement, the Draft Modification Report step is done only once a version is recorded. R71: ballot
// replies count their members and name the options in words.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../support/scenario.ts';
import { Scenario as S, demoPeople } from '../support/scenario.ts';
import { toConsultation, toRefinement, step } from '../support/formal.ts';

const RECORD = 'report MP001 modification <link> items=<id,…>';

/** Raised, assessed for the Report Stage, the Change Board's views closed, routed straight to report. */
function routedToReport(people = demoPeople()): Scenario {
  const s = new S('2027-01-11T09:00', { people });
  s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'report' });
  s.ok('sam', { type: 'views-open', ref: 1 });
  s.ok('sam', { type: 'views-close', ref: 1 });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'report', determination: 'self-governance' });
  expect(s.mod(1).status).toBe('report');
  return s;
}

describe('R18 the Report Stage waits for a Modification Report', () => {
  it('routed straight to report: the consultation and the decision ballot are refused until SECAS records one', () => {
    const s = routedToReport();
    const consult = s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites');
    expect(consult.message).toBe(
      `MP001 has no Modification Report yet, and the Modification Report Consultation is on it: record it first (${RECORD}), then open the consultation.`,
    );
    const ballot = s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    expect(ballot.message).toBe(
      `The decision vote on MP001 needs its Modification Report, and there is none yet: record it first (${RECORD}), then open and close the Modification Report Consultation on it (consult open MP001).`,
    );

    // R7: the first version is a normal one, not a non-material change; the command named is accepted.
    const v1 = s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link: 'https://x/r1',
      items: ['background'],
    });
    expect(v1.reply).toBe('Recorded the Modification Report v1 for MP001, covering background.');
    expect(s.mod(1).documents.modification?.[0]).not.toHaveProperty('nonMaterial');
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
    // After it, the report is final: only a non-material change with a note (R7).
    s.refused('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/r2' }, 'report_final');
    s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link: 'https://x/r2',
      nonMaterial: true,
      note: 'typo',
    });
    expect(s.mod(1).documents.modification?.map((v) => [v.version, v.nonMaterial ?? false])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('the decision cannot be reached with no Modification Report at all', () => {
    const s = routedToReport();
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites');
    s.refused('sam', { type: 'consult-close', ref: 1 }, 'consultation_closed');
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'prerequisites');
    s.refused('cb1', { type: 'vote', ref: 1, option: 'approve' }, 'no_open_ballot');
    expect(s.mod(1).status).toBe('report');
  });

  it('once decided, the refusal to record a report names every status where one is recorded', () => {
    const s = routedToReport();
    s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/r1' });
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
    for (const cb of ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'])
      s.ok(cb, { type: 'vote', ref: 1, option: 'approve' });
    expect(s.mod(1).status).toBe('approved');
    const r = s.refused(
      'sam',
      { type: 'report', ref: 1, doc: 'modification', link: 'https://x/r3' },
      'wrong_status',
    );
    expect(r.message).toBe(
      "MP001 is approved: the Modification Report is recorded when it is in the Refinement Stage or in the Report Stage or awaiting the Authority's decision.",
    );
  });

  it('R71 the ballot reply counts its members and names the options in words', () => {
    const one = demoPeople().filter((p) => !['cb2', 'cb3', 'cb4', 'cb5'].includes(p.id));
    const s = routedToReport(one);
    s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/r1' });
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    expect(s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }).reply).toMatch(
      /^Opened the decision ballot on MP001 for 1 Change Board member \(approve \/ reject \/ abstain\); it closes /,
    );
  });
});

describe('R16.6 the Draft Modification Report step is a recorded version', () => {
  function consulted(): Scenario {
    const s = toRefinement({ dcc: true });
    toConsultation(s);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    return s;
  }

  it('marking it done (or not applicable) is refused until a version is recorded, saying how to record one', () => {
    const s = consulted();
    const r = s.refused(
      'sam',
      { type: 'step', ref: 1, step: 'draft-report', state: 'done' },
      'prerequisites',
    );
    expect(r.message).toBe(
      `MP001 has no Modification Report yet, so the Draft Modification Report step cannot be marked done: record it (${RECORD}), then mark the draft done (step MP001 draft-report done).`,
    );
    s.refused('sam', { type: 'step', ref: 1, step: 'draft-report', state: 'na' }, 'prerequisites');
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }, 'prerequisites');
    s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr' });
    step(s, 'draft-report');
    // R71: the options in words, the members counted.
    expect(s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' }).reply).toMatch(
      /^Opened the sufficiency ballot on MP001 for 5 Change Board members \(sufficient to vote \/ more work needed\); /,
    );
  });

  it('the Working Group Consultation closing tells SECAS to record the report before marking the draft done', () => {
    const s = toRefinement();
    toConsultation(s);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    expect(s.ok('sam', { type: 'consult-close', ref: 1 }).reply).toContain(
      `Next: the Working Group considers them and SECAS drafts the Modification Report: record it (${RECORD}), then mark the draft done (step MP001 draft-report done).`,
    );
  });

  it('the chair asks SECAS for a version covering the missing items; the chair cannot record one', () => {
    const s = consulted();
    s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr', items: ['background'] });
    step(s, 'draft-report');
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    for (const cb of ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'])
      s.ok(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'ia' });
    for (const cb of ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'])
      s.ok(cb, { type: 'vote', ref: 1, option: 'proceed' });
    s.ok('alice', { type: 'proceed', ref: 1 });
    for (const id of ['dcc-ia', 'appendix-legal-text', 'final-wg']) step(s, id);
    const r = s.refused('chair', { type: 'panel-approve-report', ref: 1 }, 'report_incomplete');
    expect(r.message).toMatch(
      /^The Modification Report of MP001 is missing: solutions \(Each solution\), .*\. Ask SECAS to record a version that covers them, or say why each does not apply \(panel approve-report MP001 na:<item>="why"\)\.$/,
    );
    s.refused('chair', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr2' }, 'forbidden');
  });
});
