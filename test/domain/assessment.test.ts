// Given/when/then specs for the assessment stage: raising, critical-friend comments, the IAR,
// Change Board views, Fast Track requests and withdrawal (R4, R6, R9–R12, R20, R21, R51, R53).
import { describe, expect, it } from 'vitest';
import { formatRef } from '../../src/domain/types.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

const iso = (t: string) => londonTime(t).toISOString();

function raise(s: Scenario, actor = 'alice', extra: Record<string, unknown> = {}) {
  return s.ok(actor, { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing', ...extra });
}
function assess(s: Scenario, n: number) {
  s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'refinement' });
}
function openViews(s: Scenario, n: number, days?: number) {
  assess(s, n);
  return s.ok('sam', { type: 'views-open', ref: n, ...(days ? { days } : {}) });
}

describe('raise and numbering', () => {
  it('R4 R9 each DP takes the next number in one sequence and the reply names it', () => {
    const s = new Scenario('2026-12-01T10:00');
    const first = raise(s);
    const second = raise(s, 'bob');
    expect(first.reply).toContain('DP001');
    expect(second.reply).toContain('DP002');
    expect(s.mod(1)).toMatchObject({ number: 1, isMP: false, status: 'draft', proposer: 'alice' });
    expect(s.mod(2)).toMatchObject({ number: 2, proposer: 'bob', raisedAt: iso('2026-12-01T10:00') });
    expect(s.world.lastNumber).toBe(2);
  });

  it('R4 R15 a DP routed to the formal process becomes MP with the same number, and numbering continues', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    const d = s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    expect(d.reply).toContain('DP001 is now MP001');
    expect(s.mod(1)).toMatchObject({ number: 1, isMP: true, status: 'refinement' });
    expect([formatRef(1, false), formatRef(1, true), formatRef(42, true), formatRef(1234, false)]).toEqual([
      'DP001',
      'MP001',
      'MP042',
      'DP1234',
    ]);
    // The number still addresses it after promotion.
    s.ok('alice', { type: 'amend', ref: 1, solution: 'Add the rows' });
    expect(raise(s, 'bob').reply).toContain('DP002');
  });

  it('R9 R21 raising with fasttrack records the request', () => {
    const s = new Scenario('2026-12-01T10:00');
    const d = raise(s, 'alice', { fastTrack: true, solution: 'Add rows', benefits: 'Accuracy' });
    expect(s.mod(1)).toMatchObject({ fastTrackRequested: true, solution: 'Add rows', benefits: 'Accuracy' });
    expect(d.reply).toContain('Fast Track');
  });

  it('R2 R9 only parties raise', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.refused('cb1', { type: 'raise', title: 'T', problem: 'P' }, 'forbidden');
  });
});

describe('R10 critical-friend comments', () => {
  it('R10 raising on Tue 1 Dec 2026 sets the target on Tue 8 Dec 17:00 and the reminder on the 4th Working Day', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    const pending = s.pendingDeadlines(1).map((d) => ({ what: d.what, due: d.due, reminder: d.reminder }));
    expect(pending).toEqual([
      { what: 'secas-comments', due: iso('2026-12-08T17:00'), reminder: false },
      { what: 'reminder:secas-comments', due: iso('2026-12-07T17:00'), reminder: true },
    ]);
  });

  it('R10 with no comments SECAS is reminded on Mon 7 Dec and the target passes on Tue 8 Dec', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.at('2026-12-07T17:00');
    const reminder = s.history.at(-1)?.events.find((e) => e.type === 'ReminderSent');
    expect(reminder).toMatchObject({ what: 'secas-comments', to: ['sam'] });
    // R71: the fired reminder's reply names the deadline in words, not its code (`secas-comments`).
    expect(s.history.at(-1)?.reply).toBe(
      'Reminder for DP001: SECAS critical-friend comments (due Tue 8 Dec 2026, 17:00); sent to 1 person.',
    );
    s.at('2026-12-08T17:00');
    const last = s.history.at(-1);
    expect(last?.reply).toContain('no comments sent');
    expect(last?.events.map((e) => e.type)).toEqual(['DeadlineFired']);
    expect(s.mod(1).status).toBe('draft');
    expect(s.pendingDeadlines(1)).toEqual([]);
  });

  it('R10 comments cancel the target and its reminder', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.at('2026-12-03T09:00');
    const d = s.ok('sam', { type: 'comment', ref: 1, text: 'Please quantify the benefit.' });
    expect(s.eventTypes(d)).toEqual(['CommentSent', 'DeadlineCancelled', 'DeadlineCancelled']);
    expect(s.mod(1).secasCommented).toBe(true);
    expect(s.pendingDeadlines(1)).toEqual([]);
    expect(s.mod(1).deadlines.map((x) => x.status)).toEqual(['cancelled', 'cancelled']);
    s.at('2026-12-09T09:00');
    expect(s.history.at(-1)?.events[0]?.type).toBe('CommentSent'); // nothing fired afterwards
  });

  it('R10 R51 the comments target is separate from the IAR and survives the move to initial_assessment', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    assess(s, 1);
    expect(s.mod(1).status).toBe('initial_assessment');
    expect(s.pendingDeadlines(1).map((d) => d.what)).toEqual(['secas-comments', 'reminder:secas-comments']);
  });

  it('R10 R53 comments are allowed while the chair must route, and refused once final', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    (s.world.modifications[1] as { routeRequired: boolean }).routeRequired = true;
    s.ok('sam', { type: 'comment', ref: 1, text: 'Noted' });
    s.refused('sam', { type: 'iar', ref: 1, impacts: 'x' }, 'route_required');
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'No longer needed' });
    s.refused('sam', { type: 'comment', ref: 1, text: 'Late' }, 'wrong_status');
  });
});

describe('R6 R65 amend', () => {
  it('R6 the proposer amends title and problem while a DP', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    const d = s.ok('alice', {
      type: 'amend',
      ref: 1,
      title: 'Fix the tariff tables',
      problem: 'Two rows missing',
    });
    expect(d.events).toEqual([
      { type: 'Amended', n: 1, fields: { title: 'Fix the tariff tables', problem: 'Two rows missing' } },
    ]);
    expect(s.mod(1)).toMatchObject({ title: 'Fix the tariff tables', problem: 'Two rows missing' });
    s.refused('bob', { type: 'amend', ref: 1, title: 'Hijack' }, 'forbidden');
  });

  it('R6 scope is fixed once an MP: refused with scope_fixed, while the solution may still change', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    const r = s.refused('alice', { type: 'amend', ref: 1, title: 'New scope' }, 'scope_fixed');
    expect(r.message).toContain('MP001');
    s.refused('alice', { type: 'amend', ref: 1, problem: 'New', solution: 'S' }, 'scope_fixed');
    s.ok('alice', { type: 'amend', ref: 1, solution: 'Add the rows', benefits: 'Accuracy' });
    expect(s.mod(1)).toMatchObject({ solution: 'Add the rows', benefits: 'Accuracy' });
  });

  it('R7 R65 solution and benefits are final from the Report Stage and in final statuses', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    raise(s, 'bob');
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
    s.refused('alice', { type: 'amend', ref: 1, solution: 'Late change' }, 'report_final');
    s.ok('bob', { type: 'withdraw', ref: 2, reason: 'Duplicate' });
    s.refused('bob', { type: 'amend', ref: 2, title: 'Again' }, 'report_final');
  });

  it('R65 an amendment with nothing new is refused as bad_input', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('alice', { type: 'amend', ref: 1 }, 'bad_input');
    s.refused('alice', { type: 'amend', ref: 1, title: 'Fix the tariff table' }, 'bad_input');
  });
});

describe('R11 R51 initial assessment', () => {
  it('R11 R51 the first IAR moves draft to initial_assessment; a second adds or replaces fields', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    const first = s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers' });
    expect(s.eventTypes(first)).toEqual(['IarRecorded', 'StatusChanged']);
    expect(first.reply).toContain('route');
    expect(s.mod(1).status).toBe('initial_assessment');
    const second = s.ok('sam', {
      type: 'iar',
      ref: 1,
      route: 'development',
      impacts: 'Suppliers and DCC',
      dcc: true,
    });
    expect(s.eventTypes(second)).toEqual(['IarRecorded']);
    expect(s.mod(1).iar).toEqual({ impacts: 'Suppliers and DCC', route: 'development', dcc: true });
    s.refused('sam', { type: 'iar', ref: 1 }, 'bad_input');
    s.refused('alice', { type: 'iar', ref: 1, impacts: 'x' }, 'forbidden');
  });

  it('R11 the IAR is refused once the DP has been routed', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    s.refused('sam', { type: 'iar', ref: 1, impacts: 'x' }, 'wrong_status');
  });
});

describe('R12 R51 Change Board views', () => {
  it('R51 views open needs initial_assessment and an IAR with impacts and route', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('sam', { type: 'views-open', ref: 1 }, 'wrong_status');
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers' });
    const r = s.refused('sam', { type: 'views-open', ref: 1 }, 'prerequisites');
    expect(r.message).toContain('route');
  });

  it('R12 views open for 5 Working Days by default, or the days given', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    raise(s, 'bob');
    const d = openViews(s, 1);
    expect(s.mod(1)).toMatchObject({
      status: 'change_board_views',
      views: { status: 'open', due: iso('2026-12-08T17:00') },
    });
    expect(d.reply).toContain('Tue 8 Dec 2026, 17:00');
    openViews(s, 2, 3);
    expect(s.pendingDeadlines(2).find((x) => x.what === 'views-close')?.due).toBe(iso('2026-12-04T17:00'));
  });

  it('R12 R51 a view outside change_board_views is refused with views_not_open', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('cb1', { type: 'view', ref: 1, stance: 'support' }, 'views_not_open');
    openViews(s, 1);
    s.refused('alice', { type: 'view', ref: 1, stance: 'support' }, 'forbidden');
    s.ok('sam', { type: 'views-close', ref: 1 });
    s.refused('cb1', { type: 'view', ref: 1, stance: 'support' }, 'views_not_open');
    s.refused('sam', { type: 'views-close', ref: 1 }, 'views_not_open');
  });

  it('R12 a member gives a view with comments and may replace it', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    openViews(s, 1);
    s.ok('cb1', { type: 'view', ref: 1, stance: 'support', rationale: 'Needed' });
    const again = s.ok('cb1', { type: 'view', ref: 1, stance: 'concerns', questions: 'Cost?' });
    expect(again.reply).toContain('replacing');
    expect(s.mod(1).views.byPerson.cb1).toEqual({
      person: 'cb1',
      stance: 'concerns',
      questions: 'Cost?',
      at: iso('2026-12-01T10:00'),
    });
  });

  it('R12 views close at the deadline with counts by stance and the DP awaits the Panel', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    openViews(s, 1);
    s.ok('cb1', { type: 'view', ref: 1, stance: 'support' });
    s.ok('cb2', { type: 'view', ref: 1, stance: 'support' });
    s.ok('cb3', { type: 'view', ref: 1, stance: 'oppose' });
    s.at('2026-12-08T17:00');
    const closing = s.history.find((h) => h.events.some((e) => e.type === 'ViewsClosed'));
    expect(closing?.at).toBe(iso('2026-12-08T17:00'));
    expect(closing?.reply).toContain('2 support, 0 concerns, 1 oppose');
    expect(closing?.events.filter((e) => e.type === 'ViewsClosed')).toEqual([
      { type: 'ViewsClosed', n: 1, cancelled: false },
    ]);
    expect(s.mod(1)).toMatchObject({ status: 'awaiting_panel', views: { status: 'closed' } });
    expect(s.mod(1).deadlines.find((x) => x.what === 'views-close')?.status).toBe('fired');
  });

  it('R12 SECAS closes the views by hand, cancelling the deadline', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    openViews(s, 1);
    s.ok('cb4', { type: 'view', ref: 1, stance: 'concerns' });
    const d = s.ok('sam', { type: 'views-close', ref: 1 });
    expect(d.reply).toContain('0 support, 1 concerns, 0 oppose');
    expect(d.events.filter((e) => e.type === 'ViewsClosed')).toEqual([
      { type: 'ViewsClosed', n: 1, cancelled: false },
    ]);
    expect(s.mod(1)).toMatchObject({ status: 'awaiting_panel', views: { status: 'closed' } });
    expect(s.mod(1).deadlines.find((x) => x.what === 'views-close')?.status).toBe('cancelled');
  });
});

describe('R21 Fast Track request', () => {
  it('R21 the proposer requests Fast Track while a DP before routing, once', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('bob', { type: 'fasttrack-request', ref: 1 }, 'forbidden');
    s.ok('alice', { type: 'fasttrack-request', ref: 1 });
    expect(s.mod(1).fastTrackRequested).toBe(true);
    s.refused('alice', { type: 'fasttrack-request', ref: 1 }, 'already_done');
  });

  it('R21 R53 refused after routing and after Fast Track was tried', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    raise(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    s.refused('alice', { type: 'fasttrack-request', ref: 1 }, 'wrong_status');
    (s.world.modifications[2] as { fastTrackTried: boolean }).fastTrackTried = true;
    s.refused('alice', { type: 'fasttrack-request', ref: 2 }, 'fast_track_used');
  });
});

describe('R20 R52 withdraw', () => {
  it('R20 the proposer withdraws from draft with a reason; its deadlines are cancelled', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.refused('bob', { type: 'withdraw', ref: 1, reason: 'x' }, 'forbidden');
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'Solved elsewhere' });
    expect(s.mod(1)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Solved elsewhere' });
    expect(s.pendingDeadlines(1)).toEqual([]);
  });

  it('R20 R57 withdrawing during views cancels the open views', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    openViews(s, 1);
    const d = s.ok('alice', { type: 'withdraw', ref: 1, reason: 'Changed mind' });
    expect(s.eventTypes(d)).toContain('ViewsClosed');
    expect(s.mod(1)).toMatchObject({ status: 'withdrawn', views: { status: 'cancelled' } });
  });

  it('R20 R52 withdrawing from development and from refinement always gives withdrawn', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    raise(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'development' });
    s.ok('chair', { type: 'panel-route', ref: 2, route: 'refinement' });
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'a' });
    s.ok('alice', { type: 'withdraw', ref: 2, reason: 'b' });
    expect([s.mod(1).status, s.mod(2).status]).toEqual(['withdrawn', 'withdrawn']);
  });

  it('R19 R20 a final modification cannot be withdrawn', () => {
    const s = new Scenario('2026-12-01T10:00');
    raise(s);
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'a' });
    s.refused('alice', { type: 'withdraw', ref: 1, reason: 'again' }, 'wrong_status');
  });
});
