// R28 R29: the Panel chair closing a modification that is not stalled is told it is not stalled and
// cannot be closed (was: told to send a stall notice first, which was then refused as not stalled).
import { describe, expect, it } from 'vitest';
import { givenDp } from '../support/scenario.ts';

describe('R29 panel close on a modification that is not stalled', () => {
  it('says it is not stalled and cannot be closed, with when it last progressed and the criteria', () => {
    const s = givenDp({ start: '2027-01-04T10:00', status: 'development' });
    const r = s.refused('chair', { type: 'panel-close', ref: 1, reason: 'stalled' }, 'not_stalled');
    expect(r.message).toMatch(
      /^DP001 is not stalled, so it cannot be closed: it last progressed on Mon 4 Jan 2027, 10:00/,
    );
    expect(r.message).toContain('60 Working Days without progress');
    expect(r.message).not.toContain('stall-notice');
    // and the notice it would have pointed to is indeed refused
    s.refused('chair', { type: 'panel-stall-notice', ref: 1 }, 'not_stalled');
  });
});
