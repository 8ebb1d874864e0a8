// R84, R55, R43: a feed entry's command does what `mine` says: on a decision ballot with Alternative
// Solutions a vote names each solution ("vote MP001 approve|reject|abstain S0|A1"); followed as it
// was ("vote MP001 approve|reject|abstain"), it voted on the Proposed Solution only.
import { describe, expect, it } from 'vitest';
import { personalItems } from '../../src/views/calendar.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { toDecision, toReport } from '../support/formal.ts';

describe('R84 the feed names the solutions of a decision ballot', () => {
  it('with an Alternative Solution the vote command lists S0|A1; with none it is unchanged', () => {
    const two = toReport({ determination: 'authority', alternatives: ['Longer notice'] });
    toDecision(two);
    const cb1 = { id: 'cb1', roles: ['change_board' as const] };
    const [ballot] = personalItems([two.mod(1)], cb1, two.now).filter((i) => /closes/.test(i.title));
    expect(commandsAs(ballot?.description ?? '', undefined)).toContain(
      'Vote before it closes: vote MP001 approve|reject|abstain S0|A1.',
    );
    const one = toReport({ determination: 'authority' });
    toDecision(one);
    const [single] = personalItems([one.mod(1)], cb1, one.now).filter((i) => /closes/.test(i.title));
    expect(commandsAs(single?.description ?? '', undefined)).toContain(
      'Vote before it closes: vote MP001 approve|reject|abstain.',
    );
  });
});
