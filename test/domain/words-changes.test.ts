// R71 R73: a change as a person reads it, in the history and in the proposer's status DM (§7): a
// Refinement step by its task in words ("Refinement step done: Draft the legal text"), not its checklist
// title with "is done" after it nor its id (`subcommittee:TABASC`); a planned date by its step's name,
// not the `timetable:` deadline name (R59); the Change Board's decision with the solution in words
// (R5: "the Proposed Solution", not "approved (S0)").
import { describe, expect, it } from 'vitest';
import type { ModificationEvent } from '../../src/domain/events.ts';
import type { HistoryEntry } from '../../src/domain/history.ts';
import { historyLines } from '../../src/domain/history.ts';
import { deadlineLabel } from '../../src/domain/words.ts';
import { changeLine } from '../../src/app/notify/lines.ts';
import { BOARD, step, toDecision, toRefinement, toReport, vote } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';

/** The scenario's events as the store reads them back, each as SECAS's (who did it is not the point). */
const entries = (s: Scenario): HistoryEntry[] =>
  s.history.flatMap((h) =>
    h.events.map((ev) => ({ type: ev.type, at: h.at, actor: 'sam', payload: { ...ev } })),
  );
const historyOf = (s: Scenario): string[] =>
  historyLines(entries(s), s.ctx('alice'), 1).map((l) => l.split(' · ').slice(2).join(' · '));
const events = (s: Scenario): ModificationEvent[] =>
  s.history.flatMap((h) => h.events as ModificationEvent[]);
const dmLine = (s: Scenario, e: ModificationEvent): string | undefined =>
  changeLine(e, s.mod(1), s.ctx('alice'));

/** An MP with DCC impacts and a Sub-Committee, its first steps recorded. */
function stepsRecorded(): Scenario {
  const s = toRefinement({ dcc: true, subcommittees: ['TABASC'] });
  step(s, 'requirements');
  step(s, 'dcc-pa', 'na', 'no DCC system change');
  step(s, 'subcommittee:TABASC');
  step(s, 'legal-text');
  return s;
}

describe('R71 R73 a Refinement step change in words', () => {
  it('the history names each step by its task, a Sub-Committee by its name, never an id', () => {
    const lines = historyOf(stepsRecorded());
    const steps = lines.filter((l) => l.startsWith('Refinement step'));
    expect(steps).toEqual([
      'Refinement step done: Form the Working Group (formed with 5 members)',
      'Refinement step done: Write the business requirements for each solution',
      'Refinement step not applicable: Give the DCC Preliminary Assessment (no DCC system change)',
      'Refinement step done: Consult the Sub-Committee TABASC',
      'Refinement step done: Draft the legal text',
    ]);
    expect(lines.join('\n')).not.toMatch(/subcommittee:|is done/);
  });

  it("the proposer's status DM says the same, and a step whose task is a choice as the choice made", () => {
    const s = stepsRecorded();
    const lines = events(s)
      .filter((e) => e.type === 'StepChanged')
      .map((e) => dmLine(s, e));
    expect(lines.slice(3)).toEqual([
      'Refinement step done: Consult the Sub-Committee TABASC.',
      'Refinement step done: Draft the legal text.',
    ]);
    const done = (id: string) => dmLine(s, { type: 'StepChanged', n: 1, step: id, state: 'done' });
    expect(done('final-wg')).toBe(
      'Refinement step done: Hold the final Working Group meeting and update the Modification Report.',
    );
    expect(done('panel-approval')).toBe('Refinement step done: Approve the Modification Report as final.');
    expect(done('proposer-decision')).toBe('Refinement step done: Decide to proceed.');
    expect(dmLine(s, { type: 'StepChanged', n: 1, step: 'dcc-ia', state: 'requested' })).toBe(
      'Refinement step requested: Give the DCC Impact Assessment.',
    );
  });
});

describe('R59 R71 a planned date by its step, not the deadline name', () => {
  it('a planned Sub-Committee consultation reads as its Sub-Committee, once, with no code name', () => {
    expect(deadlineLabel('timetable:draft-report')).toBe('planned date for Draft Modification Report');
    expect(deadlineLabel('timetable:subcommittee:TABASC')).toBe(
      'planned date for Sub-Committee TABASC consulted',
    );
    const s = toRefinement({ subcommittees: ['TABASC'] });
    s.at('2026-12-02T10:00');
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'subcommittee:TABASC', date: '2027-03-01' });
    const lines = historyOf(s).filter((l) => /planned/i.test(l));
    expect(lines).toEqual([
      'Planned date for Sub-Committee TABASC consulted: Mon 1 Mar 2027',
      'Planned date for Sub-Committee TABASC consulted: Mon 1 Mar 2027, 17:00 (set when Sam planned Sub-Committee TABASC consulted)',
    ]);
  });
});

describe('R5 R18 R71 the Change Board decision names the solution in words', () => {
  const reasonOf = (s: Scenario): string | undefined =>
    events(s)
      .filter((e) => e.type === 'StatusChanged')
      .map((e) => (e.type === 'StatusChanged' ? e.reason : undefined))
      .pop();

  it('an Authority recommendation of an Alternative Solution: its id and title, not "(A1)"', () => {
    const s = toReport({ determination: 'authority', alternatives: ['Phase it in'] });
    toDecision(s);
    vote(
      s,
      BOARD.map(() => 'reject'),
      'S0',
    );
    vote(
      s,
      BOARD.map(() => 'approve'),
      'A1',
    );
    expect(s.mod(1).status).toBe('awaiting_authority');
    const changed = events(s)
      .filter((e) => e.type === 'StatusChanged')
      .pop() as ModificationEvent;
    expect(dmLine(s, changed)).toBe(
      'Status: Report Stage → Awaiting the Authority (the Change Board recommended approving it, with Alternative Solution A1 "Phase it in").',
    );
  });

  it('a Self-Governance decision: the Proposed Solution, or that no solution passed', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'reject', 'abstain'], 'S0');
    expect(reasonOf(s)).toBe('the Change Board approved it, with the Proposed Solution');
    const r = toReport({ determination: 'self-governance' });
    toDecision(r);
    vote(r, ['reject', 'reject', 'reject', 'approve', 'abstain'], 'S0');
    expect(reasonOf(r)).toBe('the Change Board rejected it: no solution passed');
  });
});
