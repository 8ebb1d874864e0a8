// R76 and what a Change Board member reads on Teams: a field of a few thousand characters (a problem
// statement) is shown whole when the card has room. It was cut at 2,000 characters, mid-word, on a
// card of under 5 KB. Only a card that would pass Teams' size limit is shortened.
import { describe, expect, it } from 'vitest';
import { TEAMS_LIMITS, cardBytes, renderCard } from '../../adapters/teams/render/card.ts';
import type { Card } from '../../src/views/card.ts';

const problem = `${'The switching process takes too long for prepayment customers. '.repeat(70)}The end.`;
const card = (fields: Card['fields']): Card => ({
  key: 'views:1',
  title: 'Change Board views',
  fields,
  buttons: [],
});
const values = (c: ReturnType<typeof renderCard>): string => JSON.stringify(c.body);

describe('a long field on a Teams card', () => {
  it('is whole when the card has room', () => {
    expect(problem.length).toBeGreaterThan(4000);
    const rendered = renderCard(card([{ label: 'Problem', value: problem }]));
    expect(values(rendered)).toContain('The end.');
    expect(cardBytes(rendered)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
  });

  it('is shortened only when the whole card would be too big', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ label: `Field ${i + 1}`, value: problem }));
    const rendered = renderCard(card(many));
    expect(cardBytes(rendered)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(values(rendered)).not.toContain('The end.');
  });
});
