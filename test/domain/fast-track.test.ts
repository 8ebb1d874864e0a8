import { describe, expect, it } from 'vitest';
import { commandsAs } from '../../src/views/hints.ts';
import { decide } from '../../src/domain/decide.ts';
import type { DomainEvent } from '../../src/domain/events.ts';
import { refOf } from '../../src/domain/modification.ts';
import { evolveAll } from '../../src/domain/evolve.ts';
import type { Status } from '../../src/domain/types.ts';
import { isRefusal } from '../../src/domain/types.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];
const iso = (london: string): string => londonTime(london).toISOString();

/** Given DP001 raised by alice (and, optionally, moved to `status`) without relying on other stages. */
function given(opts: { start?: string; status?: Status } = {}): Scenario {
  const s = new Scenario(opts.start ?? '2026-12-03T10:00');
  const at = s.now.toISOString();
  const events: DomainEvent[] = [
    {
      type: 'Raised',
      n: 1,
      title: 'Fix a typo',
      problem: 'A typo in D3',
      proposer: 'alice',
      fastTrackRequested: true,
      at,
    },
  ];
  if (opts.status) events.push({ type: 'StatusChanged', n: 1, from: 'draft', to: opts.status });
  s.world = evolveAll(s.world, events, at);
  return s;
}

/** Each Panel member votes the given option (in PANEL order); `undefined` means they do not vote. */
function votes(s: Scenario, options: (string | undefined)[]): void {
  options.forEach((option, i) => {
    if (option) s.ok(PANEL[i] as string, { type: 'vote', ref: 1, option });
  });
}

/** DP001 with a unanimous Fast Track decision closed by the chair at 11:00 on the start day. */
function approved(opts: { start?: string; implement?: string } = {}): Scenario {
  const s = given({ start: opts.start ?? '2026-12-03T10:00', status: 'awaiting_panel' });
  s.ok('chair', {
    type: 'panel-fasttrack',
    ref: 1,
    ...(opts.implement ? { implement: opts.implement } : {}),
  });
  votes(s, ['approve', 'approve', 'approve', 'approve', 'approve']);
  s.at(`${londonDate(s)}T11:00`).ok('chair', { type: 'ballot-close', ref: 1 });
  return s;
}
const londonDate = (s: Scenario): string => s.now.toISOString().slice(0, 10);

describe('Fast Track ballot (R22, R53, R54)', () => {
  it('R22 panel fasttrack opens a unanimity ballot for the five Panel members, quorum 5, with no deadline', () => {
    const s = given({ status: 'initial_assessment' });
    const d = s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    const b = s.mod(1).ballots[0];
    expect(b).toMatchObject({ kind: 'fasttrack', rule: 'unanimous', quorum: 5, status: 'open' });
    expect(b?.options).toEqual(['approve', 'reject', 'abstain']);
    expect(b?.seats.map((x) => x.member).sort()).toEqual([...PANEL].sort());
    expect(b?.due).toBeUndefined();
    expect(s.pendingDeadlines(1)).toEqual([]);
    expect(s.mod(1).fastTrackTried).toBe(true);
    expect(d.reply).toContain('DP001');
  });

  it('R22 five Panel members (chair included) approving is unanimous: the ballot passes', () => {
    const s = approved();
    const b = s.mod(1).ballots[0];
    expect(b?.status).toBe('closed');
    expect(b?.passed).toBe(true);
    expect(b?.tallies?.[0]).toMatchObject({ for: 5, against: 0, voted: 5, eligible: 5, passed: true });
    expect(s.mod(1).status).toBe('fast_track_window');
  });

  it('R22 four approvals with quorum 5 are not unanimous', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    votes(s, ['approve', 'approve', 'approve', 'approve', undefined]);
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    const b = s.mod(1).ballots[0];
    expect(b?.passed).toBe(false);
    expect(b?.tallies?.[0]?.explanation).toContain('quorum is 5');
    expect(s.mod(1).status).toBe('awaiting_panel');
    expect(s.mod(1).routeRequired).toBe(true);
  });

  it('R22 an abstention breaks unanimity', () => {
    const s = given({ status: 'draft' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    votes(s, ['approve', 'approve', 'approve', 'approve', 'abstain']);
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).ballots[0]?.passed).toBe(false);
    expect(s.mod(1).status).toBe('awaiting_panel');
  });

  it('R22 a reject breaks unanimity even with the quorum met', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    votes(s, ['approve', 'reject', 'approve', 'approve', 'approve']);
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).ballots[0]?.tallies?.[0]).toMatchObject({ for: 4, against: 1, passed: false });
    expect(s.mod(1).routeRequired).toBe(true);
  });

  it('R22 someone who is not on the Panel cannot vote in a Fast Track ballot', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    s.refused('alice', { type: 'vote', ref: 1, option: 'approve' }, 'not_eligible');
    s.refused('cb1', { type: 'vote', ref: 1, option: 'approve' }, 'not_eligible');
  });

  it('R22 Fast Track is considered only before routing and only by the chair', () => {
    const s = given({ status: 'development' });
    s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'wrong_status');
    const t = given({ status: 'awaiting_panel' });
    t.refused('pm1', { type: 'panel-fasttrack', ref: 1 }, 'forbidden');
    t.refused('sam', { type: 'panel-fasttrack', ref: 1 }, 'forbidden');
    t.refused('chair', { type: 'panel-fasttrack', ref: 9 }, 'not_found');
  });

  it('R22 R52 a DP back in awaiting_panel after Development is not offered Fast Track: it is routed to refinement or report', () => {
    const s = given({ status: 'development' });
    s.world = evolveAll(
      s.world,
      [
        { type: 'Routed', n: 1, route: 'development' },
        { type: 'StatusChanged', n: 1, from: 'development', to: 'awaiting_panel' },
      ],
      s.now.toISOString(),
    );
    const r = s.refused(
      'chair',
      { type: 'panel-fasttrack', ref: 1, implement: '2027-06-01' },
      'wrong_status',
    );
    expect(r.message).toContain('already been routed');
    expect(r.message).toContain('panel route DP001 refinement|report');
    expect(s.mod(1).ballots).toHaveLength(0);
  });

  it('R23 R53 a failed ballot tells the chair to route it and locks everything but withdraw, comment, plan and panel route', () => {
    const s = given({ status: 'change_board_views' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    votes(s, ['approve', 'reject', undefined, undefined, undefined]);
    const d = s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.eventTypes(d)).toContain('RouteRequired');
    expect(d.events).toContainEqual(
      expect.objectContaining({ type: 'StatusChanged', from: 'change_board_views', to: 'awaiting_panel' }),
    );
    s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'route_required');
    s.refused('alice', { type: 'fasttrack-request', ref: 1 }, 'route_required');
    // R75: a vote is told of its ballot first: it closed, and the vote was not counted.
    expect(s.refused('pm1', { type: 'vote', ref: 1, option: 'approve' }, 'ballot_closed').message).toMatch(
      /^The Panel's Fast Track ballot for DP001 .* closed on .*; your vote was not counted\.$/,
    );
    // The routing command is shown to the one who can route it, the chair, only.
    expect(s.refused('alice', { type: 'fasttrack-request', ref: 1 }, 'route_required').message).toBe(
      'DP001 is waiting for the Panel chair to route it.',
    );
    expect(
      commandsAs(
        s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'route_required').message,
        undefined,
      ),
    ).toBe('DP001 is waiting for the Panel chair to route it (panel route DP001 …).');
    s.refused('bob', { type: 'object', ref: 1, reason: 'no' }, 'route_required');
    s.refused(
      'chair',
      { type: 'panel-timetable', ref: 1, item: 'report', date: '2027-01-15' },
      'route_required',
    );
    s.refused('chair', { type: 'panel-stall-notice', ref: 1 }, 'route_required');
    // The lock lets the proposer's plan through to its own check.
    s.refused('alice', { type: 'plan', ref: 1, text: 'soon' }, 'no_notice');
  });

  it('R10 R23 a failed ballot keeps SECAS’s 5-Working-Day comment target and its 4th-day reminder', () => {
    const s = new Scenario('2027-01-11T09:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P', fastTrack: true });
    const target = s.pendingDeadlines(1).map((d) => [d.what, d.due]);
    expect(target.map(([what]) => what)).toEqual(['secas-comments', 'reminder:secas-comments']);
    s.at('2027-01-12T10:00').ok('chair', { type: 'panel-fasttrack', ref: 1 });
    votes(s, ['approve', 'approve', 'approve', 'approve', undefined]);
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).status).toBe('awaiting_panel');
    expect(s.pendingDeadlines(1).map((d) => [d.what, d.due])).toEqual(target);
  });

  it('R53 one Panel Fast Track ballot per modification', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'fast_track_used');
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    // Routed (still awaiting the Panel's next step): the lock is lifted, but Fast Track stays used.
    s.world = evolveAll(s.world, [{ type: 'Routed', n: 1, route: 'development' }], s.now.toISOString());
    expect(s.mod(1).routeRequired).toBe(false);
    s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'fast_track_used');
    expect(s.mod(1).ballots).toHaveLength(1);
  });

  it('R22 R54 moves within assessment (iar, views open, the views deadline) keep the Panel Fast Track ballot open', () => {
    const s = given({ start: '2027-01-11T09:00' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    s.ok('chair', { type: 'vote', ref: 1, option: 'approve' });
    const iar = s.ok('sam', { type: 'iar', ref: 1, impacts: 'None', route: 'report' });
    expect(s.eventTypes(iar)).not.toContain('BallotClosed');
    s.ok('sam', { type: 'views-open', ref: 1 });
    s.at('2027-01-19T09:00'); // the views deadline has closed the views: it now awaits the Panel
    expect(s.mod(1).status).toBe('awaiting_panel');
    expect(s.mod(1).ballots[0]?.status).toBe('open');
    votes(s, [undefined, 'approve', 'approve', 'approve', 'approve']);
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).status).toBe('fast_track_window');
  });

  it('R57 leaving assessment for good (withdrawal) still cancels the open Panel Fast Track ballot', () => {
    const s = given({ status: 'initial_assessment' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'not needed' });
    expect(s.mod(1).ballots[0]?.status).toBe('cancelled');
  });

  it('R53 a second panel fasttrack while the ballot is open says it is open and who closes it', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    const r = s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'fast_track_used');
    expect(r.message).toContain('ballot close DP001');
  });

  it('R53 panel raise-fasttrack creates a DP in awaiting_panel with the chair as proposer and opens the ballot', () => {
    const s = given({ status: 'awaiting_panel' });
    const d = s.ok('chair', {
      type: 'panel-raise-fasttrack',
      title: 'Rename a body',
      problem: 'The body was renamed',
    });
    const m = s.mod(2);
    expect(refOf(m)).toBe('DP002');
    expect(m).toMatchObject({
      status: 'awaiting_panel',
      proposer: 'chair',
      fastTrackRequested: true,
      fastTrackTried: true,
    });
    expect(d.events).toContainEqual(
      expect.objectContaining({ type: 'StatusChanged', n: 2, from: 'draft', to: 'awaiting_panel' }),
    );
    expect(m.ballots).toHaveLength(1);
    expect(m.ballots[0]).toMatchObject({ kind: 'fasttrack', status: 'open', rule: 'unanimous' });
    expect(d.reply).toContain('DP002');
    s.refused('sam', { type: 'panel-raise-fasttrack', title: 'x', problem: 'y' }, 'forbidden');
  });

  it('R54 only the chair closes a Panel ballot', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    s.refused('sam', { type: 'ballot-close', ref: 1 }, 'forbidden');
    s.refused('pm1', { type: 'ballot-close', ref: 1 }, 'forbidden');
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.mod(1).ballots[0]?.status).toBe('closed');
  });

  it('R54 a Panel ballot never auto-closes, even when everyone has voted', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    votes(s, ['approve', 'approve', 'approve', 'approve', 'approve']);
    s.at('2027-01-29T12:00');
    expect(s.mod(1).ballots[0]?.status).toBe('open');
    expect(s.mod(1).status).toBe('awaiting_panel');
  });
});

describe('Fast Track objection window (R24, R25, R26, R53)', () => {
  it('R24 the window ends at 17:00 on the 15th Working Day after the decision day, with reminders 5 and 1 Working Days before', () => {
    // Decision Thu 3 Dec 2026 → 15 Working Days later is Thu 24 Dec 2026 (Christmas Day is the day after).
    const s = approved({ start: '2026-12-03T10:00' });
    expect(s.mod(1).fastTrack?.due).toBe(iso('2026-12-24T17:00'));
    const pending = s.pendingDeadlines(1).map((d) => [d.what, d.due]);
    expect(pending).toEqual([
      ['ft-window-close', iso('2026-12-24T17:00')],
      ['reminder:ft-window-close', iso('2026-12-17T17:00')],
      ['reminder:ft-window-close', iso('2026-12-23T17:00')],
    ]);
    s.at('2026-12-23T17:00');
    const reminders = s.history.flatMap((h) => h.events).filter((e) => e.type === 'ReminderSent');
    expect(reminders).toHaveLength(2);
    expect(s.mod(1).status).toBe('fast_track_window');
  });

  it('R25 the first objection returns it to awaiting_panel, ends the window and Fast Track cannot be tried again', () => {
    const s = approved();
    s.at('2026-12-10T12:00');
    const d = s.ok('bob', { type: 'object', ref: 1, reason: 'It changes obligations' });
    const m = s.mod(1);
    expect(m.status).toBe('awaiting_panel');
    expect(m.routeRequired).toBe(true);
    expect(m.fastTrack?.objection).toEqual({ by: 'bob', reason: 'It changes obligations' });
    expect(s.eventTypes(d)).toEqual(expect.arrayContaining(['Objected', 'StatusChanged', 'RouteRequired']));
    expect(s.pendingDeadlines(1)).toEqual([]);
    // A second objection meets the route lock; once routed, the window is shown as closed.
    s.refused('alice', { type: 'object', ref: 1, reason: 'me too' }, 'route_required');
    s.world = evolveAll(s.world, [{ type: 'Routed', n: 1, route: 'development' }], s.now.toISOString());
    const late = s.refused('alice', { type: 'object', ref: 1, reason: 'me too' }, 'window_closed');
    // R25: it says what ended the window, not the planned cut-off still ahead.
    expect(late.message).toBe(
      'The objection window on DP001 ended early: Bob objected on Thu 10 Dec 2026, 12:00, so it went back to the Panel.',
    );
    s.refused('chair', { type: 'panel-fasttrack', ref: 1 }, 'fast_track_used');
    s.at('2027-01-05T12:00');
    expect(s.mod(1).status).toBe('awaiting_panel');
  });

  it('R25 an objection by someone who is not a party is refused', () => {
    const s = approved();
    s.refused('pm1', { type: 'object', ref: 1, reason: 'no' }, 'forbidden');
    s.refused('nobody', { type: 'object', ref: 1, reason: 'no' }, 'forbidden');
    s.refused('sam', { type: 'object', ref: 1, reason: 'no' }, 'forbidden');
  });

  it('R25 a late objection is refused with the cut-off time', () => {
    const s = approved();
    s.at('2026-12-29T09:00');
    const r = s.refused('bob', { type: 'object', ref: 1, reason: 'late' }, 'window_closed');
    expect(r.message).toContain('Thu 24 Dec 2026, 17:00');
  });

  it('R25 R64 the window is closed at the cut-off instant even before the scheduler has fired', () => {
    const s = approved();
    const cmd = { type: 'object' as const, ref: 1, reason: 'just in time?' };
    const atCutoff = { ...s.ctx('bob'), now: londonTime('2026-12-24T17:00') };
    const r = decide(s.world, cmd, atCutoff);
    expect(isRefusal(r) && r.code).toBe('window_closed');
    expect(isRefusal(r) && r.message).toContain('Thu 24 Dec 2026, 17:00');
    const justBefore = { ...s.ctx('bob'), now: londonTime('2026-12-24T16:59') };
    expect(isRefusal(decide(s.world, cmd, justBefore))).toBe(false);
  });

  it('R26 no objection by the close: approved and an MP with the same number', () => {
    const s = approved();
    s.at('2026-12-24T17:00');
    const m = s.mod(1);
    expect(m.status).toBe('approved');
    expect(m.isMP).toBe(true);
    expect(m.number).toBe(1);
    expect(refOf(m)).toBe('MP001');
    const last = s.history[s.history.length - 1];
    expect(last?.reply).toContain('MP001');
    expect(last?.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['DeadlineFired', 'StatusChanged', 'Promoted']),
    );
    expect(s.mod(1).deadlines.find((d) => d.what === 'ft-window-close')?.status).toBe('fired');
  });

  it('R26 R53 the implementation date agreed at panel fasttrack applies at approval', () => {
    const s = approved({ implement: '2027-02-01' });
    expect(s.mod(1).implementAt).toBe('2027-02-01');
    s.at('2026-12-24T17:00');
    const impl = s.pendingDeadlines(1).filter((d) => d.what === 'implementation');
    expect(impl.map((d) => d.due)).toEqual([iso('2027-02-01T00:00')]);
  });

  it('R53 the chair may record the implementation date while the ballot is open', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    const d = s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-03-01' });
    expect(s.eventTypes(d)).toEqual(['ImplementationDateSet']);
    expect(s.mod(1).implementAt).toBe('2027-03-01');
    expect(s.mod(1).ballots).toHaveLength(1);
    s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-11-30' }, 'bad_input');
  });
});

describe('R6 R24 amending in the Fast Track objection window', () => {
  // Parties are asked to object to what the Panel approved, so no field may change, and the refusal
  // names what is fixed and why (not only the solution and benefits, the Report Stage's reason, R7).
  it('R6 R24 a title or problem amendment is refused naming every fixed field and the reason', () => {
    const s = approved();
    s.at('2026-12-04T10:00');
    expect(s.mod(1).status).toBe('fast_track_window');
    const want =
      'DP001 is in the Fast Track objection window: the Panel approved it as it stands, so its title, problem, solution and benefits cannot change while parties may object to it.';
    expect(s.refused('alice', { type: 'amend', ref: 1, title: 'Rename two' }, 'report_final').message).toBe(
      want,
    );
    expect(s.refused('alice', { type: 'amend', ref: 1, problem: 'Other' }, 'report_final').message).toBe(
      want,
    );
    expect(s.mod(1)).toMatchObject({ title: 'Fix a typo', problem: 'A typo in D3' });
  });
});

describe('R19 R24 R53 the Fast Track implementation date', () => {
  // Approval comes only when the objection window closes, and it is implemented at 00:00 London on the
  // date: the date must come after the close (before the Panel's decision, a window starting today).
  it('R19 R24 at ballot opening a date not after the earliest window close is refused, with the rule', () => {
    const s = given({ status: 'awaiting_panel' });
    // A window starting on Thu 3 Dec 2026 closes at the cut-off on its 15th Working Day, Thu 24 Dec.
    const r = s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-24' }, 'bad_input');
    expect(r.message).toBe(
      "The implementation date Thu 24 Dec 2026 is too early: DP001 is approved only when its objection window closes, 15 Working Days after the Panel's decision, so on Thu 24 Dec 2026, 17:00 at the earliest (if the ballot closed today). Give a date after Thu 24 Dec 2026.",
    );
    expect(s.mod(1).ballots).toHaveLength(0);
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-25' });
    expect(s.mod(1).implementAt).toBe('2026-12-25');
  });

  it('R19 a date agreed at opening that the later decision overtakes is dropped, not implemented before approval', () => {
    // Agreed on Thu 3 Dec against a window starting that day (close Thu 24 Dec): 25 Dec was accepted.
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-25' });
    votes(s, ['approve', 'approve', 'approve', 'approve', 'approve']);
    // The chair closes the ballot a week later: the window now closes after the agreed date.
    const d = s.at('2026-12-10T11:00').ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.eventTypes(d)).toContain('ImplementationDateDropped');
    expect(d.reply).toMatch(
      /The agreed implementation date Fri 25 Dec 2026 is dropped: it is not after the objection window's close on .*\. Give a new one: panel fasttrack DP001 implement=<YYYY-MM-DD>\.$/,
    );
    expect(s.mod(1).status).toBe('fast_track_window');
    expect(s.mod(1).implementAt).toBeUndefined();
    const close = s.mod(1).fastTrack?.due ?? '';
    expect(close > iso('2026-12-25T00:00')).toBe(true);
    // The chair gives a new date after the close; at the close it is approved and implemented then.
    s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-29' }, 'bad_input');
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-02-01' });
    s.at('2027-01-20T09:00');
    expect(s.mod(1).status).toBe('approved');
    expect(
      s
        .pendingDeadlines(1)
        .filter((x) => x.what === 'implementation')
        .map((x) => x.due),
    ).toEqual([iso('2027-02-01T00:00')]);
  });

  it('R19 a date still after the close when the ballot closes later is kept', () => {
    const s = given({ status: 'awaiting_panel' });
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-03-01' });
    votes(s, ['approve', 'approve', 'approve', 'approve', 'approve']);
    const d = s.at('2026-12-10T11:00').ok('chair', { type: 'ballot-close', ref: 1 });
    expect(s.eventTypes(d)).not.toContain('ImplementationDateDropped');
    expect(s.mod(1).implementAt).toBe('2027-03-01');
  });

  it('R19 R26 while the window runs a date on or before its close is refused, naming the close', () => {
    const s = approved();
    expect(s.mod(1).status).toBe('fast_track_window');
    s.at('2026-12-10T09:00');
    const r = s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-11' }, 'bad_input');
    expect(r.message).toBe(
      'The implementation date Fri 11 Dec 2026 is too early: DP001 is approved only when its objection window closes, on Thu 24 Dec 2026, 17:00. Give a date after Thu 24 Dec 2026.',
    );
    s.refused('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-24' }, 'bad_input');
    s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-29' });
    expect(s.mod(1).implementAt).toBe('2026-12-29');
  });
});
