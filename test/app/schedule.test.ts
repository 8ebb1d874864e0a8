// The weekly jobs declared once (src/app/schedule.ts): node-cron's expression for the service, and the
// same instants, in London time, for scripted mode (R58, §8.1).
import { describe, expect, it } from 'vitest';
import { WEEKLY_JOBS, cronOf, occurrences } from '../../src/app/schedule.ts';

const digest = WEEKLY_JOBS.find((j) => j.name === 'secbot-digest');

describe('weekly jobs (R58)', () => {
  it('R58 the chair’s digest runs Mondays at 09:00 London', () => {
    expect(digest).toBeDefined();
    expect(cronOf(digest!)).toBe('0 9 * * 1');
  });

  it('R58 its instants are Mondays 09:00 London across the clock change, in (after, upTo]', () => {
    const at = occurrences(digest!, new Date('2027-03-15T09:00:00Z'), new Date('2027-04-05T08:00:00Z'));
    // 15 Mar at 09:00 is excluded (after); 29 Mar is in British Summer Time; 5 Apr 08:00Z is 09:00 BST.
    expect(at.map((d) => d.toISOString())).toEqual([
      '2027-03-22T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
      '2027-04-05T08:00:00.000Z',
    ]);
    expect(occurrences(digest!, new Date('2027-04-05T08:00:00Z'), new Date('2027-04-11T23:00:00Z'))).toEqual(
      [],
    );
    expect(occurrences(digest!, new Date('2027-04-12T09:00:00Z'), new Date('2027-04-12T08:00:00Z'))).toEqual(
      [],
    );
  });
});
