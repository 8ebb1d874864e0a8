// R27 R28 R81: a date already past and still owed reads as overdue also before its deadline row has
// fired (a scheduler running behind, after downtime): SECAS's Monday digest said "due Mon 8 Feb 2027"
// on 26 April. `help`, `mine` and the digest all read the owed items from one place (owed.ts).
import { describe, expect, it } from 'vitest';
import { weekDigests } from '../../src/app/mine.ts';
import { help } from '../../src/domain/help.ts';
import { owedBy } from '../../src/domain/owed.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

function raisedLongAgo() {
  const s = new Scenario('2027-02-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
  // Months later, and the critical-friend deadline has not fired (nothing ran the scheduler): the clock
  // moves without `at`, which would fire it.
  s.now = londonTime('2027-04-26T09:00');
  expect(s.pendingDeadlines(1).length).toBeGreaterThan(0);
  return s;
}

describe('R27 an owed date already past reads as overdue before its deadline fires', () => {
  it('owedBy marks it overdue; help says "overdue since"', () => {
    const s = raisedLongAgo();
    const item = owedBy(s.world, 'sam', s.ctx('sam')).find((o) => o.due !== undefined);
    expect(item?.overdue).toBe(true);
    expect(commandsAs(help(s.ctx('sam'), s.world), undefined)).toMatch(/overdue since Mon 8 Feb 2027/);
  });

  it('the Monday digest says overdue, never "due" a date long gone', () => {
    const s = raisedLongAgo();
    const notes = weekDigests(s.world, s.ctx('system'), [], londonTime('2027-04-26T09:00'));
    const sam = notes.find((n) => n.to.kind === 'person' && n.to.person === 'sam');
    expect(sam?.text).toContain('overdue since Mon 8 Feb 2027');
    expect(sam?.text).not.toMatch(/, due Mon 8 Feb/);
  });

  it('a date still to come is not overdue', () => {
    const s = new Scenario('2027-02-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    const item = owedBy(s.world, 'sam', s.ctx('sam')).find((o) => o.due !== undefined);
    expect(item?.due).toBeDefined();
    expect(item?.overdue).toBeUndefined();
  });
});
