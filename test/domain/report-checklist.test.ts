// Given/when/then specs for the Modification Report checklist (R17, R65) and the Panel chair's approval
// (R16.12): missing items are listed, and only the chair's reasons let one be left out.
import { describe, expect, it } from 'vitest';
import { REPORT_ITEM_IDS } from '../../src/domain/report-checklist.ts';
import type { Scenario } from '../support/scenario.ts';
import { fullReport, toDraftReport, toRefinement, vote } from '../support/formal.ts';

describe('R17 the Modification Report checklist', () => {
  function ready(): Scenario {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    vote(s, ['sufficient', 'sufficient', 'sufficient', 'sufficient', 'sufficient']);
    return s;
  }

  it('R17 R65 approval is refused with report_incomplete listing the missing items', () => {
    const s = ready();
    const none = s.refused('chair', { type: 'panel-approve-report', ref: 1 }, 'report_incomplete');
    expect(none.message).toContain('background (Background and the issue)');
    fullReport(
      s,
      REPORT_ITEM_IDS.filter((i) => i !== 'dcc-assessment' && i !== 'views'),
    );
    const r = s.refused('chair', { type: 'panel-approve-report', ref: 1 }, 'report_incomplete');
    expect(r.message).toMatch(/missing: views \(.*\), dcc-assessment \(The latest DCC assessment\)\./);
    s.refused(
      'chair',
      { type: 'panel-approve-report', ref: 1, na: { views: 'x', nonsense: 'y' } },
      'bad_input',
    );
  });

  it('R17 na reasons from the chair let the Panel approve; the latest report version counts', () => {
    const s = ready();
    fullReport(s);
    fullReport(s, [
      'background',
      'solutions',
      'requirements',
      'legal-text',
      'impacts-costs',
      'implementation',
      'benefits',
      'wg-conclusions',
    ]);
    expect(s.mod(1).documents.modification?.map((v) => v.version)).toEqual([1, 2, 3]);
    s.refused(
      'chair',
      { type: 'panel-approve-report', ref: 1, na: { views: 'see annex' } },
      'report_incomplete',
    );
    const na = { views: 'No industry responses were received', 'dcc-assessment': 'No DCC involvement' };
    const d = s.ok('chair', { type: 'panel-approve-report', ref: 1, na });
    expect(d.events[0]).toEqual({ type: 'ReportApproved', n: 1, na });
    expect(s.mod(1)).toMatchObject({ status: 'report', reportApproved: { na } });
  });

  it('R17 report items must be checklist ids', () => {
    const s = ready();
    s.refused(
      'sam',
      { type: 'report', ref: 1, doc: 'modification', link: 'l', items: ['background', 'colour'] },
      'bad_input',
    );
    s.refused(
      'sam',
      { type: 'report', ref: 1, doc: 'development', link: 'l', items: ['background'] },
      'bad_input',
    );
  });
});
