// cloneState (src/domain/clone.ts) stands in for structuredClone in evolve: for every value process
// state can hold it must give what structuredClone gives, share nothing with the original, and hand
// anything else to structuredClone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState } from '../../src/domain/clone.ts';

/** Values of the kinds process state holds, undefined and Dates included. */
const stateLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value')),
    fc.dictionary(fc.string(), tie('value')),
  ),
})).value;

/** Every object and array inside a value. */
function containers(v: unknown, out: object[] = []): object[] {
  if (typeof v !== 'object' || v === null) return out;
  out.push(v);
  for (const x of Object.values(v)) containers(x, out);
  return out;
}

describe('cloneState', () => {
  it('gives what structuredClone gives, sharing no object with the original', () => {
    fc.assert(
      fc.property(stateLike, (v) => {
        const c = cloneState(v);
        expect(c).toStrictEqual(structuredClone(v));
        const originals = new Set(containers(v));
        for (const inner of containers(c)) expect(originals.has(inner)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves the original as it was when the copy is changed', () => {
    const original = {
      ballots: [{ id: 'b1', votes: [{ voter: 'p1', option: 'approve' }] }],
      at: new Date(0),
    };
    const copy = cloneState(original);
    copy.ballots[0]?.votes.push({ voter: 'p2', option: 'reject' });
    copy.at.setTime(5);
    expect(original.ballots[0]?.votes).toHaveLength(1);
    expect(original.at.getTime()).toBe(0);
  });

  it('hands what process state never holds to structuredClone (a Map stays a Map)', () => {
    const m = new Map([['a', { n: 1 }]]);
    const c = cloneState({ m });
    expect(c.m).toBeInstanceOf(Map);
    expect(c.m).not.toBe(m);
    expect(c.m.get('a')).toEqual({ n: 1 });
  });
});
