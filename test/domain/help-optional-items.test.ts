// R72, R81: `help` shows what this person owes now, and `mine` the same items: what they may do if they
// wish (a Fast Track objection, R24; a consultation response, R37) appears in both, marked so, where help
// said "You owe nothing right now" beside a `mine` that listed it.
import { describe, expect, it } from 'vitest';
import { help } from '../../src/domain/help.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { mineItems } from '../../src/views/mine.ts';
import { step, toRefinement, toReport } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

const helpText = (s: Scenario, who: string): string => commandsAs(help(s.ctx(who), s.world), undefined);

describe('R72 help lists the optional items mine lists, marked "if you wish"', () => {
  it('R24 a party during a Fast Track window: the objection, with its close and command', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo' });
    for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).status).toBe('fast_track_window');
    const text = helpText(s, 'bob');
    expect(text).not.toContain('You owe nothing right now.');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'You owe nothing right now; you may:',
      expect.stringMatching(
        /^ {2}DP001: Object to Fast Track, with a reason \(if you wish\) by \w{3} \d+ \w{3} \d{4}, 17:00 → object DP001 <reason>$/,
      ),
    ]);
    for (const o of mineItems(s.world, 'bob', s.ctx('bob'))) expect(text).toContain(o.what);
    expect(text.split('\n').length).toBeLessThanOrEqual(12);
  });

  it('R37 a party during a consultation: the response, marked "if you wish"', () => {
    const s = toReport({ determination: 'self-governance' });
    s.ok('sam', { type: 'consult-open', ref: 1 });
    const text = helpText(s, 'bob');
    expect(text).toMatch(
      / {2}MP001: Respond to the Modification Report Consultation \(if you wish\) by .* → respond MP001/,
    );
    for (const o of mineItems(s.world, 'bob', s.ctx('bob'))) expect(text).toContain(o.what);
  });

  it('R72 what is owed keeps its heading; an optional item beside it comes after, under "You may also:"', () => {
    // bob is on MP001's Working Group, which owes the benefits case; DP002 is in its Fast Track window.
    const s = toRefinement();
    step(s, 'requirements');
    step(s, 'dcc-pa', 'na', 'no DCC involvement');
    step(s, 'legal-text');
    s.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo' });
    for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      s.ok(p, { type: 'vote', ref: 2, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 2 });
    const lines = helpText(s, 'bob').split('\n');
    expect(lines[0]).toBe('You owe now:');
    expect(lines[1]).toMatch(/^ {2}MP001: Assess the benefits case/);
    // What may be done if wished has its own heading, after what is owed, not under "You owe now:".
    expect(lines[2]).toBe('You may also:');
    expect(lines[3]).toMatch(/^ {2}DP002: Object to Fast Track, with a reason \(if you wish\) by /);
  });
});
