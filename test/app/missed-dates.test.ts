// A date that passes with what was due still undone is told once to whoever can act on it (R27, R28,
// R59, §9.5): a planned date to SECAS and the Panel chair, the critical-friend comment target (R10) to
// SECAS; a date met passes quietly. Every command the DMs suggest is accepted when typed (R42).
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { step, toRefinement } from '../support/formal.ts';
import type { CommandInput } from '../support/scenario.ts';
import { Scenario } from '../support/scenario.ts';
import { Notify, audiences, one } from './notify-harness.ts';

const text = (n: Notification): string => commandsAs(n.text, undefined);

/** The command a DM suggests, with its placeholders filled in, as the grammar reads it. */
function typed(line: string): CommandInput {
  const r = parse(line);
  if (!r.ok || r.input.kind !== 'command') throw new Error(`${line} does not parse`);
  return r.input.command as CommandInput;
}

/** MP001 in Refinement (Working Group formed) with requirements planned for Thu 10 Dec 2026. */
function planned(): Notify {
  const s = toRefinement();
  s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'requirements', date: '2026-12-10' });
  return new Notify(s);
}

describe('R27 R28 R59 a planned date passes with its step not done', () => {
  it('SECAS and the chair are told once, with the commands that move it on', () => {
    const N = planned();
    const fired = N.advance('2026-12-11T09:00');
    expect(fired).toHaveLength(1);
    const ns = fired[0] ?? [];
    expect(audiences(ns)).toEqual(['person:sam', 'person:chair']);
    expect(text(one(ns, 'person:sam'))).toBe(
      'The planned date for Business requirements for each solution on MP001 "Faster switching" (Thu 10 Dec 2026) has passed and it is not done yet. ' +
        'When it is done (owed by the proposer), record it: step MP001 requirements done. ' +
        'If it needs more time, ask the Panel chair for an extension: extension request MP001 requirements <YYYY-MM-DD> <reason>. ' +
        'With no extension, MP001 counts as stalled from Wed 13 Jan 2027.',
    );
    expect(text(one(ns, 'person:chair'))).toBe(
      'The planned date for Business requirements for each solution on MP001 "Faster switching" (Thu 10 Dec 2026) has passed and it is not done yet; SECAS is told. ' +
        'SECAS or the Working Group may ask you for an extension. ' +
        'With no extension, MP001 counts as stalled from Wed 13 Jan 2027, and you may then send a stall notice (panel stall-notice MP001).',
    );
    // Once: nothing more about it as time goes on.
    expect(
      N.advance('2027-01-12T09:00')
        .flat()
        .filter((n) => n.text.includes('planned date')),
    ).toEqual([]);
  });

  it('each suggested command is accepted: the extension request, and the stall notice from the date given', () => {
    const N = planned();
    N.advance('2026-12-11T09:00');
    N.s.ok('sam', typed('extension request MP001 requirements 2027-01-20 DCC answers late'));
    N.s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    N.s.refused('chair', typed('panel stall-notice MP001'), 'not_stalled');
    N.s.at('2027-01-13T09:00');
    N.s.ok('chair', typed('panel stall-notice MP001'));
  });

  it('SECAS may record the step as the DM says', () => {
    const N = planned();
    N.advance('2026-12-11T09:00');
    N.s.ok('sam', typed('step MP001 requirements done'));
  });

  it('with a request waiting, SECAS is not asked to make another and the chair is given the answers', () => {
    const N = planned();
    N.s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'requirements',
      date: '2027-01-20',
      reason: 'x',
    });
    const ns = N.advance('2026-12-11T09:00').flat();
    expect(text(one(ns, 'person:sam'))).toContain(
      "An extension request (to Wed 20 Jan 2027) is waiting for the Panel chair's answer.",
    );
    expect(text(one(ns, 'person:sam'))).not.toContain('extension request MP001');
    expect(text(one(ns, 'person:chair'))).toContain(
      'An extension request (to Wed 20 Jan 2027) waits for your answer: panel extend MP001 or panel refuse-extension MP001.',
    );
  });

  it('§9.5 after a refused extension the chair is reminded they may route it to the Report Stage', () => {
    const N = planned();
    N.s.ok('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'requirements',
      date: '2027-01-20',
      reason: 'x',
    });
    N.s.ok('chair', { type: 'panel-refuse-extension', ref: 1 });
    const ns = N.advance('2026-12-11T09:00').flat();
    expect(text(one(ns, 'person:chair'))).toContain(
      'As you refused an extension, you may end its Refinement by routing it to the Report Stage: panel route MP001 report.',
    );
    N.s.ok('chair', typed('panel route MP001 report'));
  });

  it('a date met passes quietly', () => {
    const N = planned();
    step(N.s, 'requirements');
    const fired = N.advance('2026-12-11T09:00');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toEqual([]);
  });
});

describe('R27 the extension request reaches the chair with both dates', () => {
  it('from the planned date to the one asked for', () => {
    const N = planned();
    const ns = N.run('sam', {
      type: 'extension-request',
      ref: 1,
      item: 'requirements',
      date: '2027-01-20',
      reason: 'DCC answers late',
    });
    expect(text(one(ns, 'person:chair'))).toContain(
      'Sam asks to extend Business requirements for each solution on MP001 "Faster switching" from Thu 10 Dec 2026 to Wed 20 Jan 2027: DCC answers late',
    );
    const refused = N.run('chair', { type: 'panel-refuse-extension', ref: 1 });
    expect(text(one(refused, 'person:alice'))).toContain(
      'The Panel chair refused the extension of Business requirements for each solution; it carries on to its planned date, Thu 10 Dec 2026.',
    );
  });
});

describe('R10 the critical-friend comment target passes with none sent', () => {
  it('SECAS is told once, with the commands for comments and the Initial Assessment Report', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    const [reminder, target] = N.advance('2026-12-09T09:00');
    expect(audiences(reminder ?? [])).toEqual(['person:sam']);
    expect(audiences(target ?? [])).toEqual(['person:sam']);
    expect(text(one(target ?? [], 'person:sam'))).toBe(
      'The target for critical-friend comments on DP001 "T" (5 Working Days from raising, Tue 8 Dec 2026, 17:00) has passed with none sent. ' +
        'If you have comments for the proposer, send them now: comment DP001 <text>. ' +
        'Then record the Initial Assessment Report: iar DP001 impacts="…" route=development|refinement|report|fasttrack.',
    );
    N.s.ok('sam', typed('comment DP001 Please add the benefits'));
    N.s.ok('sam', typed('iar DP001 impacts="Suppliers" route=refinement'));
  });

  it('comments sent in time: nothing more', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'T', problem: 'P' });
    N.run('sam', { type: 'comment', ref: 1, text: 'Add a benefits case' });
    expect(N.advance('2026-12-09T09:00').flat()).toEqual([]);
  });
});
