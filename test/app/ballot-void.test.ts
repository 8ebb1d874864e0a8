// R55 R75: when the Authority sends a modification back, its decision ballot is void. The card re-posted
// in the Change Board channel must not read as a standing "Passed": its title says it is void and its
// text says why and what the vote had decided.
import { describe, expect, it } from 'vitest';
import { BOARD, toDecision, toReport, vote } from '../support/formal.ts';
import { Notify, one } from './notify-harness.ts';

const field = (fields: { label: string; value: string }[] | undefined, label: string) =>
  fields?.find((f) => f.label === label)?.value;

describe('R55 a decision ballot voided by the Authority’s send-back', () => {
  it('the Change Board card and its text say it is void, because the Authority sent it back, and why', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    // The last vote closes it (R34).
    vote(
      s,
      BOARD.map(() => 'approve'),
    );
    expect(s.mod(1).ballots.at(-1)?.status).toBe('closed');
    const N = new Notify(s);
    const ns = N.run('sam', {
      type: 'authority',
      ref: 1,
      decision: 'sent-back',
      stage: 'report',
      note: 'Needs cost data',
    });
    const post = one(ns, 'channel:change-board');
    expect(post.text).toBe(
      'Change Board decision ballot: MP001 "Faster switching" (void): the Authority sent it back (Needs cost data), so it no longer decides anything; it had passed under simple majority.',
    );
    expect(post.text).not.toContain('closed; Passed');
    const card = post.card;
    expect(card?.key).toBe('ballot:1:decision-1');
    expect(card?.title).toBe('Change Board decision ballot: MP001 "Faster switching" (void)');
    expect(card?.text).toContain(
      'The ballot is void: the Authority sent it back (Needs cost data), so it no longer decides anything; it had passed under simple majority.',
    );
    expect(field(card?.fields, 'Outcome')).toBe(
      'Void: the Authority sent it back (Needs cost data), so it no longer decides anything; it had passed under simple majority',
    );
    expect(field(card?.fields, 'Void')).toBeUndefined();
    expect(card?.buttons).toEqual([]);
  });

  it('a ballot that stands still reads as closed with its outcome', () => {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve']);
    const N = new Notify(s);
    const ns = N.run('sam', { type: 'ballot-close', ref: 1 });
    const post = one(ns, 'channel:change-board');
    expect(post.text).toBe(
      'Change Board decision ballot: MP001 "Faster switching": closed; Passed under simple majority.',
    );
    expect(post.card?.title).toBe('Change Board decision ballot: MP001 "Faster switching"');
  });
});
