// Cards with buttons from real worlds (Scenario harness): every action the builders make appears at
// least once, plus a closed ballot. Shared by the Slack and Teams render and action tests.
import type { Modification } from '../../src/domain/modification.ts';
import type { Card } from '../../src/views/card.ts';
import {
  ballotCard,
  consultationCard,
  fastTrackCard,
  meetingCard,
  recommendationCard,
  slotPollCard,
  viewsCard,
} from '../../src/views/cards.ts';
import { mineView } from '../../src/views/mine.ts';
import { BOARD, toDecision, toDraftReport, toRefinement, toReport } from './formal.ts';
import { Scenario } from './scenario.ts';

type Ballot = Modification['ballots'][number];
export const lastBallot = (s: Scenario): Ballot => s.mod(1).ballots.at(-1) as Ballot;

export function cardsWithButtons(): Card[] {
  const out: Card[] = [];
  const dp = new Scenario('2026-12-01T10:00');
  dp.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
  dp.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
  dp.ok('sam', { type: 'views-open', ref: 1 });
  out.push(viewsCard(dp.mod(1), dp.ctx('sam')));

  const ft = new Scenario('2026-12-01T10:00');
  ft.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo in D1' });
  out.push(ballotCard(ft.mod(1), lastBallot(ft), ft.ctx('chair')));
  for (const p of ['pm1', 'pm2', 'pm3', 'pm4', 'chair'])
    ft.ok(p, { type: 'vote', ref: 1, option: 'approve' });
  ft.ok('chair', { type: 'ballot-close', ref: 1 });
  out.push(fastTrackCard(ft.mod(1), ft.ctx('bob')));

  const ref = toRefinement();
  ref.ok('sam', {
    type: 'meeting-propose',
    ref: 1,
    slots: ['2027-01-11T14:00:00.000Z', '2027-01-12T14:00:00.000Z'],
  });
  const mt = () => ref.mod(1).meetings[0] as Modification['meetings'][number];
  out.push(slotPollCard(ref.mod(1), mt()));
  // R40: once every member has answered, SECAS's card with "Confirm slot n".
  for (const p of ref.mod(1).workingGroup?.members ?? [])
    ref.ok(p, { type: 'available', ref: 1, slot: 2, yes: true });
  out.push(recommendationCard(ref.mod(1), mt()));
  ref.ok('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
  out.push(meetingCard(ref.mod(1), mt(), ref.ctx('sam')));
  toDraftReport(ref);
  ref.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  out.push(ballotCard(ref.mod(1), lastBallot(ref), ref.ctx('sam')));

  const report = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
  report.ok('sam', { type: 'consult-open', ref: 1 });
  const c = report.mod(1).consultations.at(-1) as Modification['consultations'][number];
  out.push(consultationCard(report.mod(1), c));
  report.ok('sam', { type: 'consult-close', ref: 1 });
  report.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
  out.push(ballotCard(report.mod(1), lastBallot(report), report.ctx('sam')));

  const single = toReport({ determination: 'self-governance' });
  toDecision(single);
  out.push(ballotCard(single.mod(1), lastBallot(single), single.ctx('sam')));
  out.push(...formButtonCards());
  return out;
}

/** A `mine` card with its items' buttons as the card's own (what the round-trip tests read). */
function mineButtons(s: Scenario, who: string): Card {
  const { sections, ...card } = mineView(s.world, who, s.ctx(who)).card;
  return { ...card, buttons: (sections ?? []).flatMap((x) => x.buttons) };
}

/**
 * R81: the buttons `mine` gives what no card carries, opening the forms of the commands it shows: SECAS's
 * Initial Assessment Report, the Panel chair's routing, the proposer's proceed or withdraw.
 */
function formButtonCards(): Card[] {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
  const iar = mineButtons(s, 'sam');
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
  s.ok('sam', { type: 'views-open', ref: 1 });
  s.ok('sam', { type: 'views-close', ref: 1 });
  const route = mineButtons(s, 'chair');
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
  s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://example.org/dr' });
  return [iar, route, mineButtons(s, 'alice')];
}

/** A decision ballot on two solutions, voted by the whole Change Board and so closed. */
export function closedDecision(): { open: Card; closed: Card } {
  const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
  toDecision(s);
  const open = ballotCard(s.mod(1), lastBallot(s), s.ctx('sam'));
  for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'approve', solution: 'S0' });
  for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'reject', solution: 'A1' });
  return { open, closed: ballotCard(s.mod(1), lastBallot(s), s.ctx('sam')) };
}

/**
 * R76: cards whose text or fields run over several lines: the closed Fast Track ballot (one line per
 * vote), the Change Board views card and the Fast Track card, both with a problem of three lines.
 */
export function multiLineCards(): { name: string; card: Card }[] {
  const problem = 'D4.2 cites D3.9.\nD3.9 was deleted in 2019.\nParties cannot follow the reference.';
  const ft = new Scenario('2026-12-01T10:00');
  ft.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem });
  for (const p of ['pm1', 'pm2', 'pm3', 'pm4', 'chair'])
    ft.ok(p, { type: 'vote', ref: 1, option: 'approve' });
  ft.ok('chair', { type: 'ballot-close', ref: 1 });
  const dp = new Scenario('2026-12-01T10:00');
  dp.ok('alice', { type: 'raise', title: 'T', problem });
  dp.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
  dp.ok('sam', { type: 'views-open', ref: 1 });
  return [
    { name: 'the closed Fast Track ballot', card: ballotCard(ft.mod(1), lastBallot(ft), ft.ctx('chair')) },
    { name: 'the views card', card: viewsCard(dp.mod(1), dp.ctx('sam')) },
    { name: 'the Fast Track card', card: fastTrackCard(ft.mod(1), ft.ctx('bob')) },
  ];
}

/** Every line a card shows: its text's, each field's and the small print's, blank lines left out. */
export const cardLines = (c: Card): string[] =>
  [c.text ?? '', ...c.fields.map((f) => f.value), c.context ?? '']
    .flatMap((t) => t.split('\n'))
    .filter((l) => l.trim() !== '');
