// R18, R55: what the Change Board decision ballot means when it closes, and the Decision Summary the bot
// drafts from it. The ballot is per solution; any solution passing approves the modification.
import type { Ballot, Tally } from '../ballots.ts';
import { tallyAll } from '../ballots.ts';
import type { ModificationEvent } from '../events.ts';
import type { Modification } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { OutcomeHandler } from './common.ts';
import { changeStatus, nowIso } from './common.ts';
import { when } from '../words.ts';

const margin = (t: Tally): number => t.for - t.against;

/**
 * R55: among the solutions that passed, the largest for − against wins; a tie goes to S0 (the Proposed
 * Solution), and between Alternatives to the one added first. Tallies are in solution order, S0 first.
 */
export function winningSolution(tallies: readonly Tally[]): Tally | undefined {
  let best: Tally | undefined;
  for (const t of tallies) if (t.passed && (!best || margin(t) > margin(best))) best = t;
  return best;
}

const RULE_NAMES: Record<Ballot['rule'], string> = {
  simple_majority: 'simple majority',
  voting_groups: 'voting groups',
  unanimous: 'unanimity',
};

/** The drafted Decision Summary: each solution's tally and explanation, the outcome and the rule (R35, R55). */
export function draftDecisionSummary(
  m: Modification,
  b: Ballot,
  tallies: readonly Tally[],
  closedAt: string,
): string {
  const ref = refOf(m);
  const title = (id: string): string => m.solutions.find((s) => s.id === id)?.title ?? id;
  const winner = winningSolution(tallies);
  const passed = tallies.filter((t) => t.passed);
  const lines = [
    `Decision Summary for ${ref}: ${m.title}.`,
    `Change Board decision ballot (${RULE_NAMES[b.rule]}), closed ${when(closedAt)}:`,
    ...tallies.map((t) => {
      const sign = margin(t) >= 0 ? '+' : '−';
      return `- ${t.solution} ${title(t.solution)}: ${t.explanation} (${t.voted} of ${t.eligible} voted; margin ${sign}${Math.abs(margin(t))})`;
    }),
  ];
  if (!winner) lines.push('Outcome: rejected, because no solution passed.');
  else if (passed.length === 1)
    lines.push(`Outcome: approved, ${winner.solution} ${title(winner.solution)}.`);
  else {
    lines.push(
      `Outcome: approved, ${winner.solution} ${title(winner.solution)}: ${passed.map((t) => t.solution).join(', ')} passed; ` +
        'the largest for − against wins and a tie goes to S0.',
    );
  }
  lines.push(
    m.determination === 'self-governance'
      ? "Self-Governance: the Change Board's decision is final."
      : "Authority decision: this is the Change Board's recommendation; the Authority decides.",
  );
  return lines.join('\n');
}

export const decisionOutcome: OutcomeHandler = (_world, m, closed, ctx) => {
  if (m.status !== 'report') return [];
  const tallies = closed.tallies ?? tallyAll(closed);
  const winner = winningSolution(tallies);
  const events: ModificationEvent[] = [
    {
      type: 'DecisionSummaryDrafted',
      n: m.number,
      text: draftDecisionSummary(m, closed, tallies, nowIso(ctx)),
    },
  ];
  const verdict = winner ? `approved (${winner.solution})` : 'rejected';
  if (m.determination === 'self-governance') {
    events.push(...changeStatus(m, winner ? 'approved' : 'rejected', `Change Board decision: ${verdict}`));
  } else {
    events.push(...changeStatus(m, 'awaiting_authority', `Change Board recommendation: ${verdict}`));
  }
  return events;
};
