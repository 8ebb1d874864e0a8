// R40 in words: the poll summary's counts agree with their numbers (R71).
import { describe, expect, it } from 'vitest';
import { pollSummary } from '../../src/domain/meeting-poll.ts';

const m = { number: 1, isMP: true };
const slots = ['2027-01-26T10:00:00.000Z', '2027-01-27T14:00:00.000Z'];

describe('R40 R71 the poll summary', () => {
  it('says "1 of 1 member answered" for a Working Group of one, "2 of 3 members" for three', () => {
    const one = pollSummary(m, { slots, availability: { a: { '1': true } } }, ['a']);
    expect(one.recommendation).toContain('(1 of 1 member answered)');
    const three = pollSummary(m, { slots, availability: { a: { '1': true }, b: { '2': true } } }, [
      'a',
      'b',
      'c',
    ]);
    expect(three.recommendation).toContain('(2 of 3 members answered)');
  });
});
