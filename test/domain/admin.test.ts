import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../src/domain/evolve.ts';
import { createCalendar, dueAfter } from '../../src/domain/working-days.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

const iso = (london: string): string => londonTime(london).toISOString();

describe('admin person and roles (R1, R2, R54)', () => {
  it('R1 admin person add records one person keyed by the lower-cased e-mail', () => {
    const s = new Scenario();
    const d = s.ok('ada', {
      type: 'admin-person-add',
      email: 'Carol.Jones@Example.org',
      name: 'Carol Jones',
      roles: ['change_board', 'change_board'],
      group: 'suppliers',
    });
    expect(d.events).toEqual([
      {
        type: 'PersonAdded',
        person: {
          id: 'carol.jones@example.org',
          email: 'Carol.Jones@Example.org',
          name: 'Carol Jones',
          roles: ['change_board'],
          votingGroup: 'suppliers',
        },
      },
    ]);
  });

  it('R1 adding an e-mail already in the directory is refused (roles change through admin role)', () => {
    const s = new Scenario();
    s.refused(
      'ada',
      { type: 'admin-person-add', email: 'ALICE@example.org', name: 'Alice', roles: ['party'] },
      'bad_input',
    );
  });

  it('R2 only admins manage the directory', () => {
    const s = new Scenario();
    s.refused('sam', { type: 'admin-person-add', email: 'x@example.org', name: 'X', roles: [] }, 'forbidden');
    s.refused('chair', { type: 'admin-role', op: 'add', person: 'bob', role: 'secas' }, 'forbidden');
  });

  it('R1 admin role add and remove emit RoleChanged', () => {
    const s = new Scenario();
    const add = s.ok('ada', {
      type: 'admin-role',
      op: 'add',
      person: 'bob@example.org',
      role: 'change_board',
    });
    expect(add.events).toEqual([{ type: 'RoleChanged', person: 'bob', role: 'change_board', op: 'add' }]);
    const rm = s.ok('ada', { type: 'admin-role', op: 'remove', person: 'alice', role: 'party' });
    expect(rm.events).toEqual([{ type: 'RoleChanged', person: 'alice', role: 'party', op: 'remove' }]);
  });

  it('R71 admin replies name roles in plain words, never by their codes', () => {
    const s = new Scenario();
    const add = s.ok('ada', { type: 'admin-role', op: 'add', person: 'bob', role: 'change_board' });
    expect(add.reply).toBe('Gave Bob the Change Board member role. Open ballots keep their voter lists.');
    const rm = s.ok('ada', { type: 'admin-role', op: 'remove', person: 'cb1', role: 'change_board' });
    expect(rm.reply).toBe(
      'Removed the Change Board member role from Cb1. Open ballots keep their voter lists.',
    );
    const held = s.refused(
      'ada',
      { type: 'admin-role', op: 'add', person: 'chair', role: 'panel' },
      'already_done',
    );
    expect(held.message).toBe('Chair is a Panel member through the Panel chair role.');
    const two = s.ok('ada', {
      type: 'admin-person-add',
      email: 'zed@example.org',
      name: 'Zed Zero',
      roles: ['party', 'change_board'],
    });
    expect(two.reply).toBe(
      'Added Zed Zero (zed@example.org) with the roles SEC Party and Change Board member.',
    );
    const one = s.ok('ada', {
      type: 'admin-person-add',
      email: 'y@example.org',
      name: 'Y',
      roles: ['secas'],
    });
    expect(one.reply).toContain('with the role SECAS.');
  });

  it('R1 a role already held, or not held, is already done; an unknown person is not found', () => {
    const s = new Scenario();
    s.refused('ada', { type: 'admin-role', op: 'add', person: 'alice', role: 'party' }, 'already_done');
    s.refused('ada', { type: 'admin-role', op: 'remove', person: 'alice', role: 'secas' }, 'already_done');
    // R54: panel_chair implies panel.
    s.refused('ada', { type: 'admin-role', op: 'add', person: 'chair', role: 'panel' }, 'already_done');
    s.refused('ada', { type: 'admin-role', op: 'add', person: 'zed', role: 'party' }, 'not_found');
  });

  it('R54 there is one chair at a time: a second is refused naming the chair', () => {
    const s = new Scenario();
    const r = s.refused(
      'ada',
      { type: 'admin-role', op: 'add', person: 'pm1', role: 'panel_chair' },
      'bad_input',
    );
    expect(r.message).toContain('Chair is the Panel chair');
    s.refused(
      'ada',
      { type: 'admin-person-add', email: 'c2@example.org', name: 'C2', roles: ['panel_chair'] },
      'bad_input',
    );
    s.ok('ada', { type: 'admin-role', op: 'remove', person: 'chair', role: 'panel_chair' });
    // The store projects RoleChanged into the directory; the next command sees it.
    s.people = s.people.map((p) => (p.id === 'chair' ? { ...p, roles: ['panel'] } : p));
    const d = s.ok('ada', { type: 'admin-role', op: 'add', person: 'pm1', role: 'panel_chair' });
    expect(d.events).toEqual([{ type: 'RoleChanged', person: 'pm1', role: 'panel_chair', op: 'add' }]);
  });
});

describe('admin link, alternate, channel (R1, R62)', () => {
  it('R1 admin link attaches a Slack or Teams identity to one person', () => {
    const s = new Scenario();
    const d = s.ok('ada', { type: 'admin-link', person: 'cb1', platform: 'slack', platformId: 'U012AB3CD' });
    expect(d.events).toEqual([
      { type: 'IdentityLinked', person: 'cb1', platform: 'slack', platformId: 'U012AB3CD' },
    ]);
    const t = s.ok('ada', {
      type: 'admin-link',
      person: 'cb1@example.org',
      platform: 'teams',
      platformId: '8e2b1c0a-0000-4000-8000-000000000001',
    });
    expect(t.events[0]).toMatchObject({ person: 'cb1', platform: 'teams' });
    s.refused('ada', { type: 'admin-link', person: 'zed', platform: 'slack', platformId: 'U1' }, 'not_found');
    s.refused(
      'ada',
      { type: 'admin-link', person: 'cb1', platform: 'slack', platformId: 'U1 U2' },
      'bad_input',
    );
  });

  it('R62 admin alternate sets a Change Board member’s alternate', () => {
    const s = new Scenario();
    const d = s.ok('ada', { type: 'admin-alternate', person: 'cb2', alternate: 'bob' });
    expect(d.events).toEqual([{ type: 'AlternateSet', person: 'cb2', alternate: 'bob' }]);
  });

  it('R62 the member must be on the Change Board, not their own alternate, and both must exist', () => {
    const s = new Scenario();
    s.refused('ada', { type: 'admin-alternate', person: 'alice', alternate: 'bob' }, 'bad_input');
    s.refused('ada', { type: 'admin-alternate', person: 'cb2', alternate: 'cb2' }, 'bad_input');
    s.refused('ada', { type: 'admin-alternate', person: 'cb2', alternate: 'zed' }, 'not_found');
    s.refused('ada', { type: 'admin-alternate', person: 'cb1', alternate: 'alt1' }, 'already_done');
  });

  it('R62 a person can be the alternate for one Change Board member only', () => {
    const s = new Scenario();
    const r = s.refused('ada', { type: 'admin-alternate', person: 'cb2', alternate: 'alt1' }, 'bad_input');
    expect(r.message).toBe(
      "Alt1 is already Cb1's alternate, and a person can be the alternate for one Change Board member only. Choose someone else for Cb2.",
    );
  });

  it('R67 admin channel registers a channel as a system event', () => {
    const s = new Scenario();
    const d = s.ok('ada', {
      type: 'admin-channel',
      channel: 'panel',
      platform: 'slack',
      channelId: 'C0PANEL',
    });
    expect(d.events).toEqual([
      { type: 'ChannelRegistered', channel: 'panel', platform: 'slack', channelId: 'C0PANEL' },
    ]);
    expect(d.events[0]?.n).toBe(undefined);
  });
});

describe('admin holiday (R30, R67)', () => {
  const holiday = (op: 'add' | 'remove', date: string, name?: string) => ({
    type: 'admin-holiday' as const,
    op,
    date,
    ...(name ? { name } : {}),
  });

  it('R30 an admin adds an ad-hoc holiday on a Working Day', () => {
    const s = new Scenario();
    const d = s.ok('ada', holiday('add', '2026-12-14', 'Royal funeral'));
    expect(d.events).toEqual([
      { type: 'HolidayChanged', date: '2026-12-14', op: 'add', name: 'Royal funeral' },
    ]);
    expect(d.reply).toContain('Mon 14 Dec 2026');
  });

  it('R30 an admin removes a shipped bank holiday', () => {
    const s = new Scenario();
    const d = s.ok('ada', holiday('remove', '2026-12-28'));
    expect(d.events).toEqual([{ type: 'HolidayChanged', date: '2026-12-28', op: 'remove' }]);
  });

  it('R67 removing Christmas Day or Good Friday is refused', () => {
    const s = new Scenario();
    s.refused('ada', holiday('remove', '2026-12-25'), 'holiday_fixed');
    s.refused('ada', holiday('remove', '2027-03-26'), 'holiday_fixed');
  });

  it('R30 adding a weekend or holiday, or removing a Working Day, is already done', () => {
    const s = new Scenario();
    s.refused('ada', holiday('add', '2026-12-12'), 'already_done');
    s.refused('ada', holiday('add', '2026-12-28'), 'already_done');
    s.refused('ada', holiday('remove', '2026-12-14'), 'already_done');
  });

  it('R30 an impossible date or one outside the calendar years is bad input', () => {
    const s = new Scenario();
    s.refused('ada', holiday('add', '2026-02-30'), 'bad_input');
    s.refused('ada', holiday('add', '2400-01-04'), 'bad_input');
  });

  it('R67 existing deadlines never move when the calendar changes', () => {
    const s = new Scenario();
    const at = s.now.toISOString();
    const due = dueAfter(s.calendar, s.now, 5).toISOString();
    expect(due).toBe(iso('2026-12-08T17:00'));
    s.world = evolveAll(
      s.world,
      [
        { type: 'Raised', n: 1, title: 'T', problem: 'P', proposer: 'alice', fastTrackRequested: false, at },
        {
          type: 'DeadlineSet',
          n: 1,
          deadline: {
            id: '1.1.0',
            what: 'views-close',
            due,
            calendarVersion: s.calendar.version,
            status: 'pending',
            reminder: false,
          },
        },
      ],
      at,
    );
    s.ok('ada', holiday('add', '2026-12-03', 'Ad-hoc'));
    // The store now computes new deadlines with the changed calendar…
    s.calendar = createCalendar({ added: [{ date: '2026-12-03', name: 'Ad-hoc' }] });
    expect(dueAfter(s.calendar, s.now, 5).toISOString()).toBe(iso('2026-12-09T17:00'));
    // …but the announced deadline keeps its instant and the calendar version that computed it.
    const [d] = s.pendingDeadlines(1);
    expect(d?.due).toBe(iso('2026-12-08T17:00'));
    expect(d?.calendarVersion).not.toBe(s.calendar.version);
  });
});
