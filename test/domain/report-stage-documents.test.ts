// R7 §9.5: an MP routed straight to the Report Stage has no Modification Report yet. Its first version is
// recorded as usual; later versions are final, so only a non-material change with a note is accepted, and
// the history shows that note (R73).
import { describe, expect, it } from 'vitest';
import { historyLines } from '../../src/domain/history.ts';
import { Scenario } from '../support/scenario.ts';

function routedToReport(): Scenario {
  const s = new Scenario('2027-01-11T09:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'report', determination: 'authority' });
  expect(s.mod(1).status).toBe('report');
  return s;
}

describe('R7 the Modification Report of an MP routed straight to the Report Stage', () => {
  it('R7 its first version is recorded as a normal report; later ones only as a non-material change', () => {
    const s = routedToReport();
    const first = s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/v1' });
    expect(first.events[0]).toMatchObject({ type: 'DocumentRecorded', version: 1 });
    expect(first.events[0]).not.toHaveProperty('nonMaterial');
    s.refused('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/v2' }, 'report_final');
    s.refused(
      'sam',
      { type: 'report', ref: 1, doc: 'modification', link: 'https://x/v2', nonMaterial: true },
      'report_final',
    );
    s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link: 'https://x/v2',
      nonMaterial: true,
      note: 'Typo fixed',
    });
    expect(s.mod(1).documents.modification?.map((d) => d.version)).toEqual([1, 2]);
  });

  it("R7 R73 history shows a non-material change's note", () => {
    const lines = historyLines(
      [
        {
          type: 'DocumentRecorded',
          at: '2027-01-12T10:02:00.000Z',
          actor: 'sam',
          payload: {
            doc: 'modification',
            version: 2,
            link: 'https://x/v2',
            by: 'sam',
            at: '2027-01-12T10:02:00.000Z',
            nonMaterial: true,
            note: 'Typo fixed',
          },
        },
      ],
      { people: [] },
      1,
    );
    expect(lines[0]).toMatch(/Modification Report version 2 recorded \(a non-material change: Typo fixed\)$/);
  });
});
