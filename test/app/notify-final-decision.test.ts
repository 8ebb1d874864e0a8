// R18 and SPEC §7: a final decision is news for everyone, not only the proposer. Under Self-Governance the
// Change Board's decision ballot decides, and its close is posted to the announcements channel as final;
// otherwise the Authority decides, and its decision is posted there and to the Change Board channel whose
// decision ballot made the recommendation. A decision that is not final (awaiting the Authority, sent back)
// is not announced.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { BOARD, toDecision, toReport } from '../support/formal.ts';
import { Notify, to } from './notify-harness.ts';

/** MP001 "Faster switching" with its decision ballot open; each Change Board member votes `option`. */
function decided(determination: 'self-governance' | 'authority', option: 'approve' | 'reject') {
  const s = toReport({ determination });
  toDecision(s);
  const N = new Notify(s);
  let last: Notification[] = [];
  for (const cb of BOARD) last = N.run(cb, { type: 'vote', ref: 1, option });
  return { N, last };
}
const posts = (ns: Notification[], channel: string) =>
  to(ns, `channel:${channel}`)
    .filter((n) => !n.card)
    .map((n) => n.text);

describe('R18 a Self-Governance decision is announced as final', () => {
  it('approved: what was decided, with which solution, that it is final and what the date hangs on', () => {
    const { N, last } = decided('self-governance', 'approve');
    expect(N.s.mod(1).status).toBe('approved');
    expect(posts(last, 'announcements')).toEqual([
      'Final decision: MP001 "Faster switching" is approved, with the Proposed Solution. Under Self-Governance the Change Board decides, and its decision ballot passed. SECAS sets its implementation date.',
    ]);
  });

  it('rejected: the same, with no solution passed', () => {
    const { N, last } = decided('self-governance', 'reject');
    expect(N.s.mod(1).status).toBe('rejected');
    expect(posts(last, 'announcements')).toEqual([
      'Final decision: MP001 "Faster switching" is rejected. Under Self-Governance the Change Board decides, and no solution passed its decision ballot.',
    ]);
  });
});

describe('R18 the Authority’s decision is announced as final and told to the Change Board', () => {
  it('a recommendation awaiting the Authority is not final, so it is not announced', () => {
    const { N, last } = decided('authority', 'approve');
    expect(N.s.mod(1).status).toBe('awaiting_authority');
    expect(posts(last, 'announcements')).toEqual([]);
  });

  it('rejected against the recommendation: both channels hear it, with the Authority’s reason', () => {
    const { N } = decided('authority', 'approve');
    const ns = N.run('sam', { type: 'authority', ref: 1, decision: 'rejected', note: 'Not efficient' });
    const text =
      'Final decision: the Authority rejected MP001 "Faster switching": Not efficient. The Change Board had recommended approving it, with the Proposed Solution.';
    expect(posts(ns, 'announcements')).toEqual([text]);
    expect(posts(ns, 'change-board')).toEqual([text]);
  });

  it('approved: the implementation date is for SECAS to set', () => {
    const { N } = decided('authority', 'approve');
    const ns = N.run('sam', { type: 'authority', ref: 1, decision: 'approved' });
    expect(posts(ns, 'announcements')).toEqual([
      'Final decision: the Authority approved MP001 "Faster switching". The Change Board had recommended approving it, with the Proposed Solution. SECAS sets its implementation date.',
    ]);
  });

  it('sent back is not final: no announcement', () => {
    const { N } = decided('authority', 'approve');
    const ns = N.run('sam', {
      type: 'authority',
      ref: 1,
      decision: 'sent-back',
      stage: 'report',
      note: 'Costs unclear',
    });
    expect(posts(ns, 'announcements')).toEqual([]);
    expect(posts(ns, 'change-board')).toEqual([]);
  });
});
