// R18, R55: what the Change Board decision ballot means when it closes, and the Decision Summary the bot
// drafts from it. The ballot is per solution; any solution passing approves the modification.
import type { Ballot, Tally } from '../ballots.ts';
import { tallyAll } from '../ballots.ts';
import type { ModificationEvent } from '../events.ts';
import type { Modification } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { OutcomeHandler } from './common.ts';
import { changeStatus, nowIso } from './common.ts';
import { capitalised, listWords, solutionWords, when } from '../words.ts';

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

/** The drafted Decision Summary's last line: who decides (R18). */
const SELF_GOVERNANCE_LINE = "Self-Governance: the Change Board's decision is final.";
const AUTHORITY_DECIDES_LINE =
  "Authority decision: this is the Change Board's recommendation; the Authority decides.";

/**
 * The drafted Decision Summary: each solution's tally and explanation, the outcome and the rule (R35,
 * R55). R71: each solution by its name ("the Proposed Solution"), never by its id alone.
 */
export function draftDecisionSummary(
  m: Modification,
  b: Ballot,
  tallies: readonly Tally[],
  closedAt: string,
): string {
  const ref = refOf(m);
  const name = (id: string): string => solutionWords(m, id);
  const winner = winningSolution(tallies);
  const passed = tallies.filter((t) => t.passed);
  const lines = [
    `Decision Summary for ${ref}: ${m.title}.`,
    `Change Board decision ballot (${RULE_NAMES[b.rule]}), closed ${when(closedAt)}:`,
    ...tallies.map((t) => {
      const sign = margin(t) >= 0 ? '+' : '−';
      return `- ${capitalised(name(t.solution))}: ${t.explanation} (${t.voted} of ${t.eligible} voted; margin ${sign}${Math.abs(margin(t))})`;
    }),
  ];
  if (!winner) lines.push('Outcome: rejected, because no solution passed.');
  else if (passed.length === 1) lines.push(`Outcome: approved, with ${name(winner.solution)}.`);
  else {
    // R55: a tie goes to the Proposed Solution, and between Alternatives to the one added first.
    const tie = passed.some((t) => t.solution === 'S0')
      ? 'a tie goes to the Proposed Solution'
      : 'a tie goes to the Alternative Solution added first';
    lines.push(
      `Outcome: approved, with ${name(winner.solution)}: ${listWords(
        passed.map((t) => name(t.solution)),
        'and',
      )} passed; ` + `the largest margin (votes to approve minus votes to reject) wins and ${tie}.`,
    );
  }
  lines.push(m.determination === 'self-governance' ? SELF_GOVERNANCE_LINE : AUTHORITY_DECIDES_LINE);
  return lines.join('\n');
}

/**
 * R18 R55: the drafted Decision Summary as it reads now. It is drafted when the decision ballot closes,
 * while the Authority still has to decide; once the Authority has approved or rejected the modification,
 * the draft says so rather than that the Authority decides.
 */
export function decisionSummaryNow(
  m: Pick<Modification, 'decisionSummaryDraft' | 'authority'>,
): string | undefined {
  const text = m.decisionSummaryDraft;
  const decided = m.authority?.decision;
  if (text === undefined || (decided !== 'approved' && decided !== 'rejected')) return text;
  return text.replace(
    AUTHORITY_DECIDES_LINE,
    `Authority decision: this was the Change Board's recommendation; the Authority ${decided} it.`,
  );
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
  // R5 R71: the solution by its name ("the Proposed Solution"), not its id in brackets ("approved (S0)").
  const which = winner ? `, with ${solutionWords(m, winner.solution)}` : ': no solution passed';
  if (m.determination === 'self-governance') {
    const verdict = winner ? 'approved it' : 'rejected it';
    events.push(...changeStatus(m, winner ? 'approved' : 'rejected', `the Change Board ${verdict}${which}`));
  } else {
    const verdict = winner ? 'recommended approving it' : 'recommended rejecting it';
    events.push(...changeStatus(m, 'awaiting_authority', `the Change Board ${verdict}${which}`));
  }
  return events;
};
