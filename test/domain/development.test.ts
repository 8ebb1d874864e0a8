// Given/when/then specs for routing, development (merge, batch, split) and Working Groups
// (R13–R16.1, R38, R39, R52, R55, R59–R61, §9.5).
import { describe, expect, it } from 'vitest';
import { refuseExtension } from '../support/formal.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

const iso = (t: string) => londonTime(t).toISOString();
const BOARD = ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'];

function raise(s: Scenario, actor = 'alice', title = 'Fix the tariff table') {
  s.ok(actor, { type: 'raise', title, problem: 'Rows are missing' });
  return s.world.lastNumber;
}
function toAwaitingPanel(s: Scenario, n: number) {
  s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'development' });
  s.ok('sam', { type: 'views-open', ref: n });
  s.ok('sam', { type: 'views-close', ref: n });
}
function toDevelopment(s: Scenario, actor = 'alice') {
  const n = raise(s, actor);
  toAwaitingPanel(s, n);
  s.ok('chair', { type: 'panel-route', ref: n, route: 'development', questions: 'Is a new field needed?' });
  return n;
}

describe('R13 R15 routing', () => {
  it('R13 R60 routing to development keeps a DP and makes the Change Board its Working Group', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = toDevelopment(s);
    expect(s.mod(n)).toMatchObject({ status: 'development', isMP: false, route: 'development' });
    expect(s.mod(n).panelQuestions).toBe('Is a new field needed?');
    expect(s.mod(n).workingGroup).toMatchObject({
      members: [...BOARD, 'alice'],
      shared: [n],
      questions: 'Is a new field needed?',
      torVersion: null,
    });
  });

  it('R13 R15 routing to refinement with a determination promotes the DP to MP', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = raise(s);
    toAwaitingPanel(s, n);
    const d = s.ok('chair', {
      type: 'panel-route',
      ref: n,
      route: 'refinement',
      determination: 'self-governance',
    });
    // R57: leaving awaiting_panel cancels the critical-friend target and its reminder.
    expect(s.eventTypes(d)).toEqual([
      'DeadlineCancelled',
      'DeadlineCancelled',
      'StatusChanged',
      'Routed',
      'Promoted',
    ]);
    expect(s.pendingDeadlines(n)).toEqual([]);
    expect(d.reply).toContain('DP001 is now MP001');
    expect(s.mod(n)).toMatchObject({
      status: 'refinement',
      isMP: true,
      determination: 'self-governance',
      steps: {},
    });
    expect(s.mod(n).workingGroup).toBeUndefined();
  });

  it('R13 R15 R22 the chair may route straight to the Report Stage at first consideration', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = raise(s);
    s.ok('chair', { type: 'panel-route', ref: n, route: 'report', determination: 'authority' });
    expect(s.mod(n)).toMatchObject({ status: 'report', isMP: true, determination: 'authority' });
    expect(s.pendingDeadlines(n)).toEqual([]); // R57: the comments target went with draft
    s.refused('alice', { type: 'panel-route', ref: n, route: 'report' }, 'forbidden');
  });

  it('R13 R59 a report-back date is a deadline at the cut-off with reminders 5 and 1 Working Days before', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = raise(s);
    const d = s.ok('chair', { type: 'panel-route', ref: n, route: 'development', by: '2027-01-15' });
    expect(d.reply).toContain('Fri 15 Jan 2027, 17:00');
    expect(s.mod(n).reportBackBy).toBe('2027-01-15');
    expect(s.pendingDeadlines(n).map((x) => [x.what, x.due])).toEqual([
      ['report-back', iso('2027-01-15T17:00')],
      ['reminder:report-back', iso('2027-01-08T17:00')],
      ['reminder:report-back', iso('2027-01-14T17:00')],
    ]);
    s.at('2027-01-15T17:00');
    expect(s.history.at(-1)?.reply).toContain('report-back date for DP001');
    expect(s.mod(n).status).toBe('development');
    expect(s.pendingDeadlines(n)).toEqual([]);
  });

  it('R59 a report-back date in the past is refused', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('chair', { type: 'panel-route', ref: 1, route: 'development', by: '2026-11-30' }, 'bad_input');
    s.refused('chair', { type: 'panel-route', ref: 1, route: 'development', by: '2026-02-30' }, 'bad_input');
  });

  it('R52 a DP in development is not routed again until the proposer asks to proceed', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = toDevelopment(s);
    for (const route of ['development', 'refinement', 'report'] as const) {
      const r = s.refused('chair', { type: 'panel-route', ref: n, route }, 'wrong_status');
      expect(r.message).toContain('proceed');
    }
  });

  it('R52 after Development the chair routes to refinement or report only, and the Working Group carries on', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = toDevelopment(s);
    const report = s.exec('sam', {
      type: 'report',
      ref: n,
      doc: 'development',
      link: 'https://example.org/dr',
    });
    const proceed = 'refused' in report ? report : s.exec('alice', { type: 'proceed', ref: n });
    if ('refused' in proceed) {
      // `proceed` belongs to the refinement stage; until it exists, put the DP where it would leave it.
      s.world.modifications[n] = { ...s.mod(n), status: 'awaiting_panel' };
    }
    expect(s.mod(n).status).toBe('awaiting_panel');
    s.refused('chair', { type: 'panel-route', ref: n, route: 'development' }, 'wrong_status');
    s.ok('chair', { type: 'panel-route', ref: n, route: 'refinement' });
    expect(s.mod(n)).toMatchObject({ status: 'refinement', isMP: true });
    expect(s.mod(n).steps.wg?.state).toBe('done');
  });

  it('§9.5 an MP in refinement may be routed to the Report Stage after a refused extension, not elsewhere', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    s.refused('chair', { type: 'panel-route', ref: 1, route: 'development' }, 'wrong_status');
    // Without a refused extension the Report Stage is reached through the Panel's approval of the
    // report (R16.12, R17), which a route would skip.
    const early = s.refused('chair', { type: 'panel-route', ref: 1, route: 'report' }, 'wrong_status');
    expect(early.message).toContain('panel approve-report MP001');
    refuseExtension(s);
    const d = s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
    expect(s.eventTypes(d)).toEqual(['StatusChanged', 'Routed']);
    expect(s.mod(1).status).toBe('report');
  });

  it('R55 the chair sets the determination before the decision', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.ok('chair', { type: 'panel-determine', ref: 1, determination: 'authority' });
    expect(s.mod(1).determination).toBe('authority');
    s.refused('chair', { type: 'panel-determine', ref: 1, determination: 'authority' }, 'already_done');
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'x' });
    s.refused('chair', { type: 'panel-determine', ref: 1, determination: 'self-governance' }, 'wrong_status');
  });
});

describe('R14 R60 merge, batch, split', () => {
  it('R14 R60 merging closes the absorbed DP as merged, pointing at the survivor', () => {
    const s = new Scenario('2026-12-01T10:00');
    const survivor = toDevelopment(s);
    const absorbed = raise(s, 'bob');
    s.ok('sam', { type: 'merge', ref: absorbed, into: survivor });
    expect(s.mod(absorbed)).toMatchObject({ status: 'merged', links: { mergedInto: survivor } });
    expect(s.mod(survivor).links.absorbed).toEqual([absorbed]);
    expect(s.pendingDeadlines(absorbed)).toEqual([]);
  });

  it('R60 merge needs the survivor in development and the absorbed DP open and before MP', () => {
    const s = new Scenario('2026-12-01T10:00');
    const survivor = toDevelopment(s);
    const draft = raise(s, 'bob');
    const mp = raise(s, 'bob');
    s.ok('chair', { type: 'panel-route', ref: mp, route: 'refinement' });
    s.refused('sam', { type: 'merge', ref: survivor, into: draft }, 'wrong_status');
    s.refused('sam', { type: 'merge', ref: mp, into: survivor }, 'wrong_status');
    s.refused('sam', { type: 'merge', ref: survivor, into: survivor }, 'bad_input');
    s.ok('bob', { type: 'withdraw', ref: draft, reason: 'x' });
    s.refused('sam', { type: 'merge', ref: draft, into: survivor }, 'wrong_status');
  });

  it('R14 R60 R61 batched DPs keep their numbers and share one Working Group', () => {
    const s = new Scenario('2026-12-01T10:00');
    const dev = toDevelopment(s);
    const other = raise(s, 'bob');
    s.ok('sam', { type: 'batch', refs: [dev, other] });
    expect(s.mod(dev).links.batchedWith).toEqual([other]);
    expect(s.mod(other).links.batchedWith).toEqual([dev]);
    const wg = s.mod(dev).workingGroup;
    expect(wg?.members).toEqual([...BOARD, 'alice', 'bob']);
    expect(wg?.shared).toEqual([dev, other]);
    expect(s.mod(other).workingGroup).toMatchObject({
      id: wg?.id,
      members: wg?.members,
      shared: [dev, other],
    });
    expect(s.mod(other).status).toBe('draft'); // R60: each is routed on its own
    s.ok('chair', { type: 'panel-route', ref: other, route: 'development' });
    expect(s.mod(other).workingGroup?.id).toBe(wg?.id);
  });

  it('R60 a batch is of open DPs only', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    raise(s);
    s.ok('chair', { type: 'panel-route', ref: 2, route: 'report' });
    s.refused('sam', { type: 'batch', refs: [1, 2] }, 'wrong_status');
    s.refused('sam', { type: 'batch', refs: [1, 1] }, 'bad_input');
    s.refused('sam', { type: 'batch', refs: [1, 9] }, 'not_found');
  });

  it('R14 R60 a split keeps the number for the first part and makes new DPs with the next numbers', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = toDevelopment(s);
    raise(s, 'bob'); // DP002 takes the next number first
    const parts = [
      { title: 'Part A', problem: 'Rows' },
      { title: 'Part B', problem: 'Columns' },
      { title: 'Part C', problem: 'Totals' },
    ];
    s.refused('bob', { type: 'split', ref: n, parts }, 'forbidden');
    const d = s.ok('alice', { type: 'split', ref: n, parts });
    expect(d.reply).toContain('DP003, DP004');
    const wg = s.mod(n).workingGroup;
    expect(s.mod(n)).toMatchObject({
      title: 'Part A',
      problem: 'Rows',
      status: 'development',
      links: { splitInto: [3, 4] },
    });
    for (const [k, title] of [
      [3, 'Part B'],
      [4, 'Part C'],
    ] as const) {
      expect(s.mod(k)).toMatchObject({
        title,
        status: 'development',
        proposer: 'alice',
        isMP: false,
        panelQuestions: 'Is a new field needed?',
        links: { splitFrom: n },
      });
      expect(s.mod(k).workingGroup).toMatchObject({ id: wg?.id, members: wg?.members, shared: [1, 3, 4] });
    }
    expect(wg?.shared).toEqual([1, 3, 4]);
    expect(s.world.lastNumber).toBe(4);
  });

  it('R60 a split needs development (one part is enough: see split-one-part.test.ts)', () => {
    const s = new Scenario('2026-12-01T10:00');
    const draft = raise(s);
    const parts = [
      { title: 'A', problem: 'a' },
      { title: 'B', problem: 'b' },
    ];
    s.refused('alice', { type: 'split', ref: draft, parts }, 'wrong_status');
  });
});

describe('R16.1 R38 R39 R61 Working Groups', () => {
  function inRefinement(s: Scenario) {
    const n = raise(s);
    s.ok('chair', { type: 'panel-route', ref: n, route: 'refinement', questions: 'Which rows?' });
    return n;
  }

  it('R16.1 R61 forming needs the minimum, the proposer counting, and completes the wg step in refinement', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = inRefinement(s);
    const r = s.refused('sam', { type: 'wg-form', refs: [n], people: ['bob', 'cb1', 'cb2'] }, 'wg_too_small');
    expect(r.message).toContain('5');
    s.refused('sam', { type: 'wg-form', refs: [n], people: ['bob', 'ghost'] }, 'not_found');
    const d = s.ok('sam', {
      type: 'wg-form',
      refs: [n],
      people: ['bob', 'cb1', 'cb2@example.org', 'alice', 'cb3'],
    });
    expect(s.eventTypes(d)).toEqual(['WorkingGroupFormed', 'StepChanged']);
    expect(s.mod(n).workingGroup).toMatchObject({
      members: ['bob', 'cb1', 'cb2', 'alice', 'cb3'],
      questions: 'Which rows?',
    });
    expect(s.mod(n).steps.wg?.state).toBe('done');
  });

  it('R16.1 R38 R61 a derogation lowers the minimum and is kept with the Working Group', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = inRefinement(s);
    s.ok('chair', { type: 'panel-derogate', ref: n, min: 3, reason: 'Niche topic' });
    s.ok('sam', { type: 'wg-form', refs: [n], people: ['bob', 'cb1'] });
    expect(s.mod(n).workingGroup).toMatchObject({
      members: ['bob', 'cb1', 'alice'],
      derogation: { min: 3, reason: 'Niche topic' },
    });
  });

  it('R38 the Terms of Reference are versioned and a Working Group records the version current when formed', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = inRefinement(s);
    const d = s.ok('chair', { type: 'panel-tor', link: 'https://example.org/tor-v1' });
    expect(d.events).toEqual([
      { type: 'TermsOfReferencePublished', version: 1, link: 'https://example.org/tor-v1', by: 'chair' },
    ]);
    s.ok('chair', { type: 'panel-tor', link: 'https://example.org/tor-v2' });
    expect(s.world.system).toEqual({ torVersion: 2, torLink: 'https://example.org/tor-v2' });
    s.ok('sam', { type: 'wg-form', refs: [n], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    s.ok('chair', { type: 'panel-tor', link: 'https://example.org/tor-v3' });
    expect(s.mod(n).workingGroup?.torVersion).toBe(2);
    s.refused('sam', { type: 'panel-tor', link: 'x' }, 'forbidden');
  });

  it('R3 R61 one Working Group shared by several modifications; adding and removing applies to all', () => {
    const s = new Scenario('2026-12-01T10:00');
    const a = inRefinement(s);
    const b = toDevelopment(s, 'bob');
    s.ok('sam', { type: 'wg-form', refs: [a, b], people: ['cb1', 'cb2', 'cb3'] });
    const id = s.mod(a).workingGroup?.id;
    expect(id).toBe(`wg-${a}-${s.mod(a).version - 2}`);
    expect(s.mod(b).workingGroup).toMatchObject({
      id,
      members: ['cb1', 'cb2', 'cb3', 'alice', 'bob'],
      shared: [a, b],
    });
    s.ok('sam', { type: 'wg-add', ref: b, person: 'cb4' });
    expect(s.mod(a).workingGroup?.members).toContain('cb4');
    s.refused('sam', { type: 'wg-add', ref: a, person: 'cb4' }, 'already_done');
    s.ok('sam', { type: 'wg-remove', ref: a, person: 'cb1' });
    expect([s.mod(a).workingGroup?.members, s.mod(b).workingGroup?.members]).toEqual([
      ['cb2', 'cb3', 'alice', 'bob', 'cb4'],
      ['cb2', 'cb3', 'alice', 'bob', 'cb4'],
    ]);
  });

  it('R39 R61 removing below the minimum, the proposer or a non-member is refused', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = inRefinement(s);
    s.refused('sam', { type: 'wg-add', ref: n, person: 'cb1' }, 'prerequisites');
    s.ok('sam', { type: 'wg-form', refs: [n], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    s.refused('sam', { type: 'wg-remove', ref: n, person: 'cb1' }, 'wg_too_small');
    s.refused('sam', { type: 'wg-remove', ref: n, person: 'alice' }, 'bad_input');
    s.refused('sam', { type: 'wg-remove', ref: n, person: 'cb5' }, 'not_member');
    s.ok('chair', { type: 'panel-derogate', ref: n, min: 4, reason: 'Few experts' });
    s.ok('sam', { type: 'wg-remove', ref: n, person: 'cb1' });
    expect(s.mod(n).workingGroup?.members).toEqual(['bob', 'cb2', 'cb3', 'alice']);
  });

  it('R16.1 R39 R61 a shared Working Group meets every modification’s minimum: a derogation on one does not lower another’s', () => {
    const s = new Scenario('2026-12-01T10:00');
    const a = inRefinement(s);
    const b = inRefinement(s);
    s.ok('chair', { type: 'panel-derogate', ref: a, min: 3, reason: 'Niche topic' });
    const r = s.refused('sam', { type: 'wg-form', refs: [a, b], people: ['bob', 'cb1'] }, 'wg_too_small');
    expect(r.message).toBe(
      'A Working Group needs at least 5 members for MP002 (the proposer included); this one would have 3 (Bob, Cb1, Alice). The Panel chair can allow fewer: panel derogate MP002 min=<n> <reason>.',
    );
    const d = s.ok('sam', { type: 'wg-form', refs: [a, b], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    expect(d.reply).toContain('derogation for MP001: at least 3 members');
    // Removing a member would leave MP002 below its minimum of 5.
    s.refused('sam', { type: 'wg-remove', ref: a, person: 'cb1' }, 'wg_too_small');
  });

  it('R16.1 a Working Group is formed in development or refinement only', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('sam', { type: 'wg-form', refs: [1], people: BOARD }, 'wrong_status');
  });
});
