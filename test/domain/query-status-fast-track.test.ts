// R24–R26, R57, R66, R71: `status` names the Fast Track objection window's end only while the window
// runs; once it has ended it says how (withdrawn during it, an objection, or approval at its cut-off).
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import { status } from '../../src/domain/query-status.ts';
import { Scenario } from '../support/scenario.ts';

/** Runs a typed line as `actor` (the grammar gives the command, the decider must accept it). */
function run(s: Scenario, actor: string, text: string): void {
  const p = parse(text);
  if (!p.ok || p.input.kind !== 'command') throw new Error(`${text}: ${p.ok ? 'a query' : p.message}`);
  s.ok(actor, p.input.command);
}

/** DP001 with a unanimous Panel Fast Track decision on Thu 4 Mar 2027: the window ends Thu 25 Mar, 17:00. */
function inWindow(): Scenario {
  const s = new Scenario('2027-03-01T09:00');
  run(s, 'chair', 'panel raise-fasttrack title="Rename" problem="The Sub-Committee was renamed"');
  s.at('2027-03-04T10:00');
  for (const who of ['chair', 'pm1', 'pm2', 'pm3', 'pm4']) run(s, who, 'vote DP001 approve');
  s.at('2027-03-04T10:30');
  run(s, 'chair', 'ballot close DP001');
  return s;
}

const fastTrackLines = (s: Scenario): string[] =>
  status(s.world, 1, s.ctx('alice'))
    .split('\n')
    .filter((l) => /^(The )?Fast Track/.test(l));

describe('R66 R71 status says how the Fast Track objection window ended', () => {
  it('R24 while the window runs, status gives its end', () => {
    const s = inWindow();
    s.at('2027-03-10T12:00');
    expect(fastTrackLines(s)).toEqual(['Fast Track approved; objection window ends Thu 25 Mar 2027, 17:00.']);
  });

  it('R57 after a withdrawal during the window, status says it ended early and why, not when it would have ended', () => {
    const s = inWindow();
    s.at('2027-03-10T12:00');
    run(s, 'chair', 'withdraw DP001 No longer needed');
    expect(fastTrackLines(s)).toEqual([
      'The Fast Track objection window on DP001 ended early on Wed 10 Mar 2027, 12:00: it was withdrawn (No longer needed), so there is nothing left to object to.',
    ]);
  });

  it('R26 after the window closed with no objection (approved, then implemented), status says so', () => {
    const s = inWindow();
    s.at('2027-03-31T09:00');
    expect(s.mod(1).status).toBe('approved');
    const approved = [
      'Fast Track approved; the objection window closed with no objection on Thu 25 Mar 2027, 17:00.',
    ];
    expect(fastTrackLines(s)).toEqual(approved);
    run(s, 'sam', 'implement MP001 2027-04-01');
    s.at('2027-04-02T09:00');
    expect(s.mod(1).status).toBe('implemented');
    expect(fastTrackLines(s)).toEqual(approved);
  });
});
