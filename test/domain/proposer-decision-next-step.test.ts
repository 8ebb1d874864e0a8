// R16.9, §7: after the Change Board's DCC Impact Assessment vote, the proposer's status DM says what
// happens next as `mine` does: the commands that decide (proceed, withdraw) and, after a "do not proceed"
// recommendation, that proceeding needs a written rationale, shown to the Panel (`proceed <ref>` alone is
// refused then). It read "Decide to proceed or to withdraw, owed by you, the proposer." with neither.
import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { Command } from '../../src/domain/commands.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { BOARD, toIaBallot } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

/** The Impact Assessment ballot closes on the last of these votes; returns alice's status DM of that close. */
function iaVoteDm(options: string[]): { s: Scenario; dm: string } {
  const s = toIaBallot();
  options.slice(0, -1).forEach((option, i) => s.ok(BOARD[i] as string, { type: 'vote', ref: 1, option }));
  const before = s.world;
  const last = s.ok(BOARD[options.length - 1] as string, {
    type: 'vote',
    ref: 1,
    option: options[options.length - 1] as string,
  });
  const dm = notificationsFor({
    events: last.events,
    before,
    after: s.world,
    ctx: s.ctx('cb5'),
    keyBase: 'k',
  })
    .filter((n) => n.to.kind === 'person' && n.to.person === 'alice')
    .map((n) => commandsAs(n.text, undefined))
    .join('\n');
  return { s, dm };
}

const typed = (line: string): Command => {
  const p = parse(line);
  if (!p.ok || p.input.kind !== 'command') throw new Error(`did not parse: ${line}`);
  return p.input.command;
};

describe('R16.9 §7 the proposer is told how to decide after the Impact Assessment vote', () => {
  it('R16.9 after "do not proceed": the DM says a written rationale is needed and gives both commands', () => {
    const { s, dm } = iaVoteDm(['do-not-proceed', 'do-not-proceed', 'do-not-proceed', 'proceed', 'proceed']);
    expect(dm).toContain(
      'Next: Refinement steps now: Decide to proceed to the DCC Impact Assessment or to withdraw, owed by you, the proposer: the Change Board recommended not proceeding, so to proceed give your written rationale, which is shown to the Panel (proceed MP001 <rationale>), or withdraw (withdraw MP001 <reason>).',
    );
    // What the DM leaves out is refused; what it offers, filled in, is accepted.
    s.refused('alice', typed('proceed MP001'), 'bad_input');
    s.ok('alice', typed('proceed MP001 We need the change this year'));
  });

  it('R16.9 after "proceed": the DM gives the commands, with no rationale asked for', () => {
    const { s, dm } = iaVoteDm(BOARD.map(() => 'proceed'));
    expect(dm).toContain(
      'Next: Refinement steps now: Decide to proceed to the DCC Impact Assessment (proceed MP001) or to withdraw (withdraw MP001 <reason>), owed by you, the proposer.',
    );
    s.ok('alice', typed('proceed MP001'));
  });
});
