// R66 R71: what `status <ref>` shows a person is in words: the Refinement checklist and the Modification
// Report items by their names, never the ids `step` and `items=` take; a planned date of the Panel's
// timetable in words and only while its step is still owed (R59); a stall notice on a modification that
// has ended not said to be voided by "progress" that was its end (R29); the drafted Decision Summary
// saying what the Authority decided once it has (R18, R55).
import { describe, expect, it } from 'vitest';
import { status } from '../../src/domain/query-status.ts';
import { deadlineLines } from '../../src/domain/words.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { toDecision, toDraftReport, toRefinement, toReport, step, vote } from '../support/formal.ts';
import { givenDp } from '../support/scenario.ts';
import type { Scenario } from '../support/scenario.ts';

const statusOf = (s: Scenario, who = 'alice'): string =>
  commandsAs(status(s.world, 1, s.ctx(who)), undefined);

/** The lines under a heading of `status`, up to the next line that is not indented. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const at = lines.indexOf(heading);
  if (at < 0) throw new Error(`no "${heading}" in:\n${text}`);
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => !l.startsWith('  '));
  return rest.slice(0, end < 0 ? undefined : end).map((l) => l.trim());
}

describe('R66 R71 status: the Refinement checklist and the report items by name', () => {
  it('each step by its title, its owner and state in words; no step id', () => {
    const s = toRefinement({ dcc: true, subcommittees: ['TABASC'] });
    step(s, 'requirements');
    step(s, 'dcc-pa', 'na', 'no DCC system change');
    step(s, 'legal-text', 'requested');
    const steps = section(statusOf(s), 'Refinement checklist:');
    expect(steps).toHaveLength(15);
    for (const l of steps) expect(l).not.toMatch(/^\[.\] [a-z][a-zA-Z-]*(:[A-Za-z]+)?:/);
    expect(steps.slice(0, 5)).toEqual([
      '[x] Working Group formed (owner: SECAS; formed with 5 members)',
      '[x] Business requirements for each solution (owner: the proposer)',
      '[-] DCC Preliminary Assessment (owner: the DCC; not applicable: no DCC system change)',
      '[ ] Sub-Committee TABASC consulted (owner: SECAS) ← now',
      '[~] Legal text drafted (owner: SECAS; requested) ← now',
    ]);
    expect(steps).toContain(
      '[ ] Final Working Group meeting; Modification Report updated (owner: the Working Group)',
    );
    expect(steps).toContain('[ ] Panel chair approves the Modification Report (owner: the Panel chair)');
  });

  it('steps skipped for want of DCC system impacts say so in words', () => {
    const s = toRefinement();
    expect(section(statusOf(s), 'Refinement checklist:')).toContain(
      '[-] Change Board vote on a DCC Impact Assessment (owner: the Change Board; not applicable: no DCC system impacts)',
    );
  });

  it('R17 the report items by name: covered, missing, and not applicable with the reason', () => {
    const s = toReport();
    s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link: 'https://x/mr-2',
      items: ['background', 'impacts-costs'],
      nonMaterial: true,
      note: 'costs added',
    });
    const items = section(statusOf(s), 'Modification Report items:');
    expect(items).toHaveLength(10);
    for (const l of items) expect(l).not.toMatch(/^\[.\] [a-z-]+:/);
    expect(items).toContain('[x] Background and the issue');
    expect(items).toContain('[x] Participant impacts and costs');
    expect(items).toContain("[ ] The Working Group's discussions and conclusions");
    expect(items).toContain('[ ] The latest DCC assessment');
  });
});

describe('R59 R71 a planned date of the Panel timetable, in words and only while owed', () => {
  it('is named in words while its step is owed, and no longer once the step is done', () => {
    const s = toRefinement();
    s.ok('chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2027-04-30' });
    const owed = 'planned date for Draft Modification Report: Fri 30 Apr 2027, 17:00';
    expect(deadlineLines(s.mod(1))).toEqual([owed]);
    expect(statusOf(s)).toContain(`Deadlines: ${owed}.`);
    expect(statusOf(s)).not.toContain('timetable:');
    toDraftReport(s);
    // The deadline is still pending (it fires quietly at its date), but it is no date to meet any more.
    expect(s.pendingDeadlines(1).map((d) => d.what)).toContain('timetable:draft-report');
    expect(deadlineLines(s.mod(1))).toEqual([]);
    expect(statusOf(s)).not.toMatch(/Deadlines:|planned date|timetable/);
  });

  it('is no longer listed once the modification has left Refinement for the Report Stage', () => {
    // The chair planned the draft report, refused its extension and routed it to the Report Stage.
    const s = toReport();
    expect(s.pendingDeadlines(1).map((d) => d.what)).toContain('timetable:draft-report');
    expect(deadlineLines(s.mod(1))).toEqual([]);
    expect(statusOf(s)).not.toMatch(/planned date|timetable/);
  });
});

describe('R29 R58 a stall notice on a modification that has ended', () => {
  /** DP001 in development since Mon 4 Jan 2027, idle long enough to be stalled, noticed, then closed. */
  function closedAfterNotice(plan?: string): Scenario {
    const s = givenDp({ start: '2027-01-04T10:00', status: 'development' });
    s.at('2027-05-03T09:00');
    s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    if (plan) s.ok('alice', { type: 'plan', ref: 1, text: plan });
    s.at('2027-05-24T09:00');
    s.ok('chair', { type: 'panel-close', ref: 1, reason: 'No progress' });
    return s;
  }

  it('says the notice came before it was closed, not that the close was progress that voided it', () => {
    const s = closedAfterNotice();
    expect(s.mod(1).status).toBe('closed');
    const text = statusOf(s);
    expect(text).toContain('Status: Closed.');
    expect(text).not.toMatch(/no longer counts|progressed/);
    expect(text).toContain('A stall notice was sent Mon 3 May 2027, 09:00, before DP001 was closed.');
  });

  it("keeps the proposer's plan beside it", () => {
    const text = statusOf(closedAfterNotice('Restart in June'));
    expect(text).toContain(
      "A stall notice was sent Mon 3 May 2027, 09:00, before DP001 was closed. The proposer's plan: Restart in June",
    );
  });
});

describe('R18 R55 the drafted Decision Summary after the Authority has decided', () => {
  function awaitingAuthority(): Scenario {
    const s = toReport({ determination: 'authority' });
    toDecision(s);
    vote(s, ['approve', 'approve', 'approve', 'approve', 'reject'], 'S0');
    expect(s.mod(1).status).toBe('awaiting_authority');
    return s;
  }
  const summary = (s: Scenario): string[] =>
    section(
      statusOf(s, 'sam'),
      'Decision Summary, drafted by the bot and not yet published (SECAS publishes it: report MP001 summary <link>):',
    );

  it('once the Authority approved it, the draft says so rather than that the Authority decides', () => {
    const s = awaitingAuthority();
    expect(summary(s)).toContain(
      "Authority decision: this is the Change Board's recommendation; the Authority decides.",
    );
    s.ok('sam', { type: 'authority', ref: 1, decision: 'approved' });
    const lines = summary(s);
    expect(lines.join('\n')).not.toContain('the Authority decides');
    expect(lines).toContain(
      "Authority decision: this was the Change Board's recommendation; the Authority approved it.",
    );
  });

  it('once the Authority rejected it, the draft says so', () => {
    const s = awaitingAuthority();
    s.ok('sam', { type: 'authority', ref: 1, decision: 'rejected' });
    expect(summary(s)).toContain(
      "Authority decision: this was the Change Board's recommendation; the Authority rejected it.",
    );
  });
});
