// What `mine`, `status` and the next-step lines tell SECAS and the Panel chair (SPEC §7, R13, R16.9, R18,
// R21, R22, R27, R28, R55, R71, R72, R81): a missing determination is the chair's to set, the drafted
// Decision Summary is shown and SECAS owes publishing it, the proposer's choice after "do not proceed"
// names the rationale it needs, a Fast Track request reaches the chair, a missed date stays as overdue,
// and steps read as tasks. Every command offered is typed back and accepted.
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../src/domain/grammar/examples.ts';
import { help } from '../../src/domain/help.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { nextStep } from '../../src/domain/next-step.ts';
import type { Owed } from '../../src/domain/owed.ts';
import { owedBy } from '../../src/domain/owed.ts';
import { status as statusMarked } from '../../src/domain/query-status.ts';
import { isRefusal } from '../../src/domain/types.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { mineView } from '../../src/views/mine.ts';
import {
  BOARD,
  afterIaVote,
  fullReport,
  step,
  toConsultation,
  toDecision,
  toRefinement,
  toReport,
  vote,
} from '../support/formal.ts';
import type { CommandInput } from '../support/scenario.ts';
import { Scenario } from '../support/scenario.ts';

const status = (s: Scenario, who = 'sam'): string =>
  commandsAs(statusMarked(s.world, 1, s.ctx(who)), undefined);
const owed = (s: Scenario, who: string): Owed[] => owedBy(s.world, who, s.ctx(who));
const sentence = (s: Scenario): string => commandsAs(nextStep(s.mod(1), s.ctx('sam')).sentence, undefined);

/** Types the command as the person would (placeholders filled) and expects it accepted. */
function typed(s: Scenario, who: string, text: string) {
  const p = parse(text);
  if (!p.ok) throw new Error(`${text} does not parse: ${p.message}`);
  if (p.input.kind !== 'command') throw new Error(`${text} is not a command`);
  const r = s.exec(who, p.input.command as CommandInput);
  if (isRefusal(r)) throw new Error(`${text} by ${who} refused: ${r.message}`);
  return r;
}

describe('R13 R55 a missing determination is the Panel chair’s to set', () => {
  it('the route says none was set and how; the chair owes it; SECAS is not sent to a ballot that would be refused', () => {
    const s = toReport();
    const routed = s.history.at(-1)?.reply ?? '';
    expect(routed).toBe(
      'MP001 is routed to the Report Stage. No Self-Governance or Authority determination is set yet: set it before the Change Board decision ballot (panel determine MP001 self-governance|authority).',
    );
    const chair = owed(s, 'chair').map((o) => [o.what, o.twin]);
    expect(chair).toEqual([
      [
        'Set the Self-Governance or Authority determination (the Change Board decision ballot waits for it)',
        'panel determine MP001 self-governance|authority',
      ],
    ]);
    expect(status(s)).toContain(
      'Determination: not set yet (the Panel chair sets it before the decision ballot: panel determine MP001 self-governance|authority).',
    );
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    expect(sentence(s)).toBe(
      'The Panel chair sets the Self-Governance or Authority determination (panel determine MP001 self-governance|authority); then SECAS opens the Change Board decision ballot. Owed by: the Panel chair.',
    );
    expect(owed(s, 'sam')).toEqual([]);
    expect(owed(s, 'chair').map((o) => o.twin)).toEqual(['panel determine MP001 self-governance|authority']);
    const set = typed(s, 'chair', 'panel determine MP001 authority');
    expect(set.reply).toBe(
      "The determination for MP001 is now Authority: the Authority decides, on the Change Board's recommendation.",
    );
    expect(owed(s, 'chair')).toEqual([]);
    expect(owed(s, 'sam').map((o) => o.twin)).toEqual(['ballot open MP001 decision']);
    typed(s, 'sam', 'ballot open MP001 decision');
  });

  it('heading to the Report Stage: once the Modification Report awaits the chair, the determination is owed beside it', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    s.ok('sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    expect(owed(s, 'chair')).toEqual([]);
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
    expect(owed(s, 'chair').map((o) => [o.what, o.twin])).toEqual([
      [
        'Approve the Modification Report as final, or return it to the Working Group',
        'panel approve-report MP001 [na:<item>="why"]… | panel return MP001 <reason>',
      ],
      [
        'Set the Self-Governance or Authority determination (the Change Board decision ballot waits for it)',
        'panel determine MP001 self-governance|authority',
      ],
    ]);
    typed(s, 'chair', 'panel determine MP001 self-governance');
    typed(s, 'chair', 'panel approve-report MP001');
    expect(s.mod(1).status).toBe('report');
    expect(owed(s, 'chair')).toEqual([]);
  });

  it('R71 the determination in plain words, Self-Governance too', () => {
    const s = toReport();
    expect(typed(s, 'chair', 'panel determine MP001 self-governance').reply).toBe(
      "The determination for MP001 is now Self-Governance: the Change Board's decision is final.",
    );
  });

  it('a route that sets it, or into Development, says nothing of it', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
    expect(s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' }).reply).toBe(
      'DP001 is routed to Development.',
    );
  });
});

describe('R18 R55 the drafted Decision Summary', () => {
  it('status shows the draft with the command; SECAS owes publishing it until the link is recorded', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    vote(
      s,
      BOARD.map(() => 'approve'),
    );
    expect(s.mod(1).status).toBe('approved');
    const text = status(s);
    expect(text).toContain(
      'Decision Summary, drafted by the bot and not yet published (SECAS publishes it: report MP001 summary <link>):\n  Decision Summary for MP001: Faster switching.',
    );
    const publish = owed(s, 'sam').find((o) => o.what.startsWith('Publish'));
    expect(publish && commandsAs(publish.what, undefined)).toBe(
      "Publish the Decision Summary: post the bot's draft (status MP001 shows it), then record the link to it",
    );
    expect(publish?.twin).toBe('report MP001 summary <link>');
    // R71: both are SECAS's: one sentence, its owner named once.
    expect(sentence(s)).toBe(
      'SECAS sets its implementation date (implement MP001 <date>) and publishes the Decision Summary the bot drafted (report MP001 summary <link>). Owed by: SECAS.',
    );
    typed(s, 'sam', 'report MP001 summary https://example.org/ds');
    expect(owed(s, 'sam').some((o) => o.what.startsWith('Publish'))).toBe(false);
    expect(status(s)).toContain('Decision Summary published: https://example.org/ds (version 1).');
    expect(status(s)).not.toContain('not yet published');
  });

  it('a rejected MP (final) still has its summary owed until published', () => {
    const s = toReport({ determination: 'self-governance' });
    toDecision(s);
    vote(
      s,
      BOARD.map(() => 'reject'),
    );
    expect(s.mod(1).status).toBe('rejected');
    expect(owed(s, 'sam').map((o) => o.twin)).toEqual(['report MP001 summary <link>']);
    expect(sentence(s)).toBe(
      'MP001 is rejected, which is final. SECAS publishes the Decision Summary the bot drafted (report MP001 summary <link>).',
    );
    typed(s, 'sam', 'report MP001 summary https://example.org/ds');
    expect(owed(s, 'sam')).toEqual([]);
    expect(sentence(s)).toBe('Nothing more happens: MP001 is rejected, which is final.');
  });
});

describe('R16.9 the proposer decides after the Impact Assessment vote', () => {
  it('after "do not proceed", the rationale is required in what is offered, and the offer is accepted', () => {
    const s = afterIaVote('do-not-proceed');
    const [item] = owed(s, 'alice');
    expect(item?.twin).toBe('proceed MP001 <rationale> | withdraw MP001 <reason>');
    expect(item?.what).toBe(
      "Decide: proceed to the DCC Impact Assessment against the Change Board's recommendation, with your written rationale, or withdraw",
    );
    expect(parse('withdraw MP001 We accept the cost is too high').ok).toBe(true);
    typed(s, 'alice', 'proceed MP001 We accept the cost');
  });

  it('after "proceed", proceeding needs no rationale', () => {
    const s = afterIaVote('proceed');
    expect(owed(s, 'alice').map((o) => o.twin)).toEqual(['proceed MP001 | withdraw MP001 <reason>']);
    typed(s, 'alice', 'proceed MP001');
  });
});

describe('R21 R22 a Fast Track request reaches the Panel chair', () => {
  function awaiting(opts: { fastTrack: boolean; route: 'fasttrack' | 'refinement' }): Scenario {
    const s = new Scenario('2027-01-11T09:00');
    s.ok('alice', {
      type: 'raise',
      title: 'Fix typo',
      problem: 'D4.2 cites D3.9',
      fastTrack: opts.fastTrack,
    });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'None', route: opts.route });
    s.ok('sam', { type: 'views-open', ref: 1 });
    s.ok('sam', { type: 'views-close', ref: 1 });
    expect(s.mod(1).status).toBe('awaiting_panel');
    return s;
  }

  it('requested and recommended: the chair’s item and status say so and offer panel fasttrack beside the routes', () => {
    const s = awaiting({ fastTrack: true, route: 'fasttrack' });
    const [item] = owed(s, 'chair');
    expect(item?.what).toBe(
      "Consider Fast Track (the proposer asked for Fast Track and the Initial Assessment Report recommends it): open the Panel's Fast Track ballot, or route it",
    );
    expect(item?.twin).toMatch(
      /^panel fasttrack DP001 \[implement=<date>\] \| panel route DP001 development\|/,
    );
    const text = status(s, 'chair');
    expect(text).toContain('Initial Assessment Report: recommended route Fast Track.');
    expect(text).toContain(
      "Fast Track: the proposer asked for Fast Track and the Initial Assessment Report recommends it; the Panel has not voted on it yet. The Panel chair opens the Panel's Fast Track ballot (panel fasttrack DP001) or routes it (panel route DP001 …).",
    );
    typed(s, 'chair', 'panel fasttrack DP001');
    expect(owed(s, 'chair').map((o) => o.what)).toEqual([
      'Close the Fast Track ballot at the Panel meeting',
      'Vote on the Panel Fast Track ballot',
    ]);
    expect(status(s, 'chair')).not.toContain('the Panel has not voted on it yet');
  });

  it('recommended by the IAR alone; not asked for at all, the item is the plain route', () => {
    const s = awaiting({ fastTrack: false, route: 'fasttrack' });
    expect(owed(s, 'chair')[0]?.what).toBe(
      "Consider Fast Track (the Initial Assessment Report recommends Fast Track): open the Panel's Fast Track ballot, or route it",
    );
    const plain = awaiting({ fastTrack: false, route: 'refinement' });
    expect(owed(plain, 'chair').map((o) => o.what)).toEqual(['Route it']);
    expect(status(plain, 'chair')).toContain('Initial Assessment Report: recommended route Refinement.');
    expect(status(plain, 'chair')).not.toContain('Fast Track');
  });
});

describe('R27 R28 R81 a planned date that has passed stays on the item, overdue', () => {
  it('a timetable date: "Due …" before it, "Overdue since …" after, in mine, help and the item', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'requirements', date: '2027-01-15' });
    const before = commandsAs(mineView(s.world, 'alice', s.ctx('alice')).text, undefined);
    expect(before).toContain(
      'Write the business requirements for each solution. Due Fri 15 Jan 2027, 17:00.',
    );
    s.at('2027-01-18T09:00');
    const [item] = owed(s, 'alice');
    expect(item).toMatchObject({ due: '2027-01-15T17:00:00.000Z', overdue: true });
    const after = commandsAs(mineView(s.world, 'alice', s.ctx('alice')).text, undefined);
    expect(after).toContain(
      'Write the business requirements for each solution. Overdue since Fri 15 Jan 2027, 17:00.',
    );
    expect(after).not.toContain('No deadline set');
    expect(commandsAs(help(s.ctx('alice'), s.world), undefined)).toContain(
      'MP001: Write the business requirements for each solution overdue since Fri 15 Jan 2027, 17:00',
    );
  });

  it('missed critical-friend comments are overdue, and no longer owed once sent', () => {
    const s = new Scenario('2027-01-11T09:01');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.at('2027-01-19T09:00');
    const text = commandsAs(mineView(s.world, 'sam', s.ctx('sam')).text, undefined);
    expect(text).toContain('Send critical-friend comments. Overdue since Mon 18 Jan 2027, 17:00.');
    s.ok('sam', { type: 'comment', ref: 1, text: 'Please add the saving.' });
    expect(owed(s, 'sam').map((o) => o.what)).toEqual(['Record the Initial Assessment Report']);
  });
});

describe('R71 R72 steps as tasks, the report-back date only while live, the help example', () => {
  it('SECAS owes "Form the Working Group" and "Draft the legal text", not the states they end in', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'authority' });
    expect(owed(s, 'sam').map((o) => [o.what, o.twin])).toEqual([
      ['Form the Working Group', 'wg form MP001 <person>…'],
    ]);
    // R72: the help example is accepted as typed (with the proposer it makes the five members needed).
    typed(s, 'sam', exampleOf('wg-form'));
    step(s, 'requirements');
    expect(owed(s, 'sam').map((o) => o.what)).toContain('Draft the legal text');
  });

  it('the report-back date shows while it is a deadline, as passed once missed, and not after the stage', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development', by: '2027-01-15' });
    expect(status(s)).toContain('Route: Development; report back by Fri 15 Jan 2027.');
    s.at('2027-01-18T10:00');
    expect(status(s)).toContain('Route: Development; the report-back date (Fri 15 Jan 2027) has passed.');
    s.ok('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dr' });
    s.ok('alice', { type: 'proceed', ref: 1 });
    // R52: back from Development only refinement or report is offered, and the offer is accepted.
    const route = owed(s, 'chair')[0]?.twin ?? '';
    expect(route).toMatch(/^panel route DP001 refinement\|report /);
    typed(s, 'chair', 'panel route DP001 refinement authority');
    expect(status(s)).toContain('Route: Refinement.');
    expect(status(s)).not.toContain('report back');
  });
});
