// R19 R24 R25 R82: an implementation date agreed in the Fast Track is not settled until the objection
// window closes with no objection. The page showed it as a plain fact ("Implementation: Mon 1 Mar
// 2027") while the ballot was open, through the window, and even after an objection had ended the
// Fast Track, where chat said "if Fast Track passes".
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { StoredEntry } from '../../src/views/register.ts';
import { modificationRecord } from '../../src/views/register-record.ts';
import { Scenario } from '../support/scenario.ts';

function run(s: Scenario, actor: string, text: string): void {
  const p = parse(text);
  if (!p.ok || p.input.kind !== 'command') throw new Error(`${text}: ${p.ok ? 'a query' : p.message}`);
  s.ok(actor, p.input.command);
}

const implementationOf = (s: Scenario): string | undefined => {
  const entry: StoredEntry = { state: s.mod(1), proposerName: 'Pat Chair', lastChange: s.now };
  return modificationRecord(entry, [], { showVotes: false, people: [], calendar: s.calendar, now: s.now })
    .implementation;
};

describe('R24 the Fast Track implementation date on the register', () => {
  it('says what it hangs on while the ballot is open and the window runs; an objection ends it; approval settles it', () => {
    const s = new Scenario('2027-01-11T09:00');
    run(s, 'alice', 'raise title="Cross-references" problem="D3.4 points nowhere" fasttrack');
    s.at('2027-01-14T10:00');
    run(s, 'chair', 'panel fasttrack DP001 implement=2027-03-01');
    expect(implementationOf(s)).toBe(
      "Mon 1 Mar 2027, if the Panel's Fast Track ballot passes and no party objects",
    );
    for (const who of ['chair', 'pm1', 'pm2', 'pm3', 'pm4']) run(s, who, 'vote DP001 approve');
    run(s, 'chair', 'ballot close DP001');
    expect(implementationOf(s)).toBe('Mon 1 Mar 2027, if no party objects by Thu 4 Feb 2027, 17:00');
    s.at('2027-01-25T15:00');
    run(s, 'bob', 'object DP001 We rely on the wording');
    expect(implementationOf(s)).toBe('Mon 1 Mar 2027 no longer holds: an objection ended the Fast Track');

    // With no objection the window closes, the modification is approved, and the date is settled.
    const t = new Scenario('2027-01-11T09:00');
    run(t, 'alice', 'raise title="Cross-references" problem="D3.4 points nowhere" fasttrack');
    t.at('2027-01-14T10:00');
    run(t, 'chair', 'panel fasttrack DP001 implement=2027-03-01');
    for (const who of ['chair', 'pm1', 'pm2', 'pm3', 'pm4']) run(t, who, 'vote DP001 approve');
    run(t, 'chair', 'ballot close DP001');
    t.at('2027-02-05T09:00');
    expect(t.mod(1).status).toBe('approved');
    expect(implementationOf(t)).toBe('Mon 1 Mar 2027');
  });
});
