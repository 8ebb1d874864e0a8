// Builds modifications through the formal process with real commands, for the Refinement and Report
// Stage specs (R16–R19, R37, R55): raise → iar → panel route → wg form → steps → consultations → ballots.
import { REPORT_ITEM_IDS } from '../../src/domain/report-checklist.ts';
import { Scenario, londonTime } from './scenario.ts';

export const BOARD = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'];
export const iso = (t: string) => londonTime(t).toISOString();

/** raise → iar → panel route refinement → wg form: an MP at step 2 of Refinement. */
export function toRefinement(opts: { dcc?: boolean; subcommittees?: string[] } = {}): Scenario {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
  s.ok('sam', {
    type: 'iar',
    ref: 1,
    impacts: 'Suppliers',
    route: 'refinement',
    dcc: opts.dcc ?? false,
    ...(opts.subcommittees ? { subcommittees: opts.subcommittees } : {}),
  });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'self-governance' });
  s.ok('sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] });
  return s;
}
export const step = (s: Scenario, id: string, state: 'requested' | 'done' | 'na' = 'done', note?: string) =>
  s.ok('sam', { type: 'step', ref: 1, step: id, state, ...(note ? { note } : {}) });

/** Steps 2–4: requirements, the parallel track, benefits; the Working Group Consultation is next. */
export function toConsultation(s: Scenario): void {
  step(s, 'requirements');
  step(s, 'dcc-pa', 'na', 'no DCC involvement');
  for (const sub of s.mod(1).iar?.subcommittees ?? []) step(s, `subcommittee:${sub}`);
  step(s, 'legal-text');
  step(s, 'benefits');
}

/**
 * Steps 2–6: requirements, the parallel track, benefits, the Working Group Consultation, the draft report:
 * a first version of the Modification Report (covering no checklist item yet) is recorded, then the step
 * is marked done (R16.6).
 */
export function toDraftReport(s: Scenario): void {
  toConsultation(s);
  s.ok('sam', { type: 'consult-open', ref: 1 });
  s.ok('sam', { type: 'consult-close', ref: 1 });
  s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr-draft' });
  step(s, 'draft-report');
}
/** Each Change Board member's vote on one solution, in BOARD order. */
export function vote(s: Scenario, options: string[], solution = 'S0') {
  options.forEach((option, i) => s.ok(BOARD[i] as string, { type: 'vote', ref: 1, option, solution }));
}
export const fullReport = (s: Scenario, items = REPORT_ITEM_IDS) =>
  s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr', items: [...items] });

/** An MP with DCC impacts, its report found sufficient, its Impact Assessment ballot just opened (R16.9). */
export function toIaBallot(): Scenario {
  const s = toRefinement({ dcc: true });
  toConsultation(s);
  s.ok('sam', { type: 'consult-open', ref: 1 });
  s.ok('sam', { type: 'consult-close', ref: 1 });
  fullReport(s);
  step(s, 'draft-report');
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  vote(
    s,
    BOARD.map(() => 'sufficient'),
  );
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'ia' });
  return s;
}

/** An MP with DCC impacts whose Impact Assessment ballot has just closed with these votes (R16.9). */
export function afterIaVote(option: 'proceed' | 'do-not-proceed' = 'proceed'): Scenario {
  const s = toIaBallot();
  vote(
    s,
    BOARD.map(() => option),
  );
  return s;
}

/** §9.5: a refused extension, after which the chair may route an MP in refinement to the Report Stage. */
export function refuseExtension(s: Scenario, ref = 1): void {
  s.ok('chair', { type: 'panel-timetable', ref, item: 'draft-report', date: '2040-02-01' });
  s.ok('sam', {
    type: 'extension-request',
    ref,
    item: 'draft-report',
    date: '2040-03-01',
    reason: 'More time',
  });
  s.ok('chair', { type: 'panel-refuse-extension', ref });
}

/** raise → iar → refinement (where Alternatives are added) → a refused extension → the Report Stage. */
export function toReport(
  opts: { determination?: 'self-governance' | 'authority'; alternatives?: string[] } = {},
) {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
  const det = opts.determination ? { determination: opts.determination } : {};
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', ...det });
  for (const title of opts.alternatives ?? []) s.ok('sam', { type: 'solution-add', ref: 1, title });
  s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr-1', items: ['background'] });
  refuseExtension(s);
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
  return s;
}
export function toDecision(s: Scenario) {
  s.ok('sam', { type: 'consult-open', ref: 1 });
  s.ok('sam', { type: 'consult-close', ref: 1 });
  s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
}
