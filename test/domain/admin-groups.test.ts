// R62: an admin sets or clears a person's voting group in chat (`admin group <person> <group>|none`).
// Before, a group could be given only when the person was added or by CSV import, while a Change Board
// ballot under voting groups was refused for a voter with none: nothing in chat could put that right.
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../support/scenario.ts';
import { Scenario } from '../support/scenario.ts';
import { toDecision, toReport } from '../support/formal.ts';
import { USAGE, parse } from '../../src/domain/grammar/parse.ts';
import { seatsFor } from '../../src/domain/stages/voting.ts';
import { commandsAs } from '../../src/views/hints.ts';

const group = (person: string, g: string | null): CommandInput => ({ type: 'admin-group', person, group: g });
const votingGroups = (s: Scenario): Scenario => {
  s.settings = { ...s.settings, SEC_CB_RULE: 'voting_groups' };
  return s;
};
/** The store projects VotingGroupSet into the directory; the next command sees it. */
const project = (s: Scenario, person: string, g: string | null): void => {
  s.people = s.people.map((p) => {
    if (p.id !== person) return p;
    const { votingGroup: _was, ...rest } = p;
    return g === null ? rest : { ...rest, votingGroup: g };
  });
};

describe('admin group (R62)', () => {
  it('R62 sets a group as a system event; the reply says it counts from the next ballot', () => {
    const s = votingGroups(new Scenario());
    const d = s.ok('ada', group('cb2', 'networks'));
    expect(d.events).toEqual([{ type: 'VotingGroupSet', person: 'cb2', group: 'networks' }]);
    expect(d.events[0]?.n).toBe(undefined);
    expect(d.reply).toBe(
      'Cb2 is now in the voting group networks (was suppliers); ballots opened from now on count their vote in it. Ballots already open keep the groups they opened with.',
    );
    const first = s.ok('ada', group('bob', 'consumers'));
    expect(first.reply).toBe(
      'Bob is now in the voting group consumers; it counts once they are a Change Board member.',
    );
  });

  it('R62 under simple majority the reply says groups are not used', () => {
    const s = new Scenario();
    expect(s.ok('ada', group('cb2', 'networks')).reply).toBe(
      'Cb2 is now in the voting group networks (was suppliers); Change Board ballots are decided by simple majority at present, so it counts only if the decision rule becomes voting groups.',
    );
  });

  it('R62 none clears it; a Change Board member left without one is told what to do before the next ballot', () => {
    const s = votingGroups(new Scenario());
    const d = s.ok('ada', group('cb3', null));
    expect(d.events).toEqual([{ type: 'VotingGroupSet', person: 'cb3', group: null }]);
    expect(d.reply).toBe(
      'Cb3 is no longer in the voting group networks. Ballots already open keep the groups they opened with. Under voting groups they need a group before the next Change Board ballot: admin group cb3 <group>.',
    );
    project(s, 'cb3', null);
    expect(s.refused('ada', group('cb3', null), 'already_done').message).toBe('Cb3 has no voting group.');
  });

  it('R62 a group spelt like one in use but for capitals or spaces is refused, with the spelling in use', () => {
    const s = votingGroups(new Scenario());
    const r = s.refused('ada', group('cb3', 'Suppliers'), 'bad_input');
    expect(r.message).toBe(
      'Cb1 is in the voting group "suppliers", which differs from "Suppliers" only in capitals or spaces; groups are counted by their exact name, so use "suppliers" (or change theirs first).',
    );
    s.refused('ada', group('cb3', ' suppliers  '.trim().toUpperCase()), 'bad_input');
    s.refused(
      'ada',
      {
        type: 'admin-person-add',
        email: 'new@example.org',
        name: 'New',
        roles: ['change_board'],
        group: 'SUPPLIERS',
      },
      'bad_input',
    );
    // The spelling in use is accepted.
    expect(s.ok('ada', group('cb3', 'suppliers')).events).toHaveLength(1);
  });

  it('R62 an unknown person, the same group again and a non-admin are refused', () => {
    const s = new Scenario();
    expect(s.refused('ada', group('zed', 'networks'), 'not_found').message).toBe('Unknown person: zed.');
    expect(s.refused('ada', group('cb1', 'suppliers'), 'already_done').message).toBe(
      'Cb1 is already in the voting group suppliers.',
    );
    s.refused('sam', group('cb1', 'networks'), 'forbidden');
  });

  it('R62 an open ballot keeps the groups its seats had at opening; the next one has the new group', () => {
    const s = votingGroups(toReport({ determination: 'authority' }));
    toDecision(s);
    s.ok('ada', group('cb2', 'networks'));
    project(s, 'cb2', 'networks');
    const seat = s.mod(1).ballots[0]?.seats.find((x) => x.member === 'cb2');
    expect(seat?.group).toBe('suppliers');
    expect(seatsFor(s.ctx('sam'), 'change_board').find((x) => x.member === 'cb2')?.group).toBe('networks');
  });
});

describe('voting groups are asked for where they are missing (R62)', () => {
  it('R62 giving the Change Board role under voting groups to someone with no group warns, and says how', () => {
    const s = votingGroups(new Scenario());
    expect(s.ok('ada', { type: 'admin-role', op: 'add', person: 'bob', role: 'change_board' }).reply).toBe(
      'Gave Bob the Change Board member role. Open ballots keep their voter lists. Under voting groups they need a group before the next Change Board ballot: admin group bob <group>.',
    );
    // Another role, or a person who has a group, or another rule: no warning.
    expect(s.ok('ada', { type: 'admin-role', op: 'add', person: 'bob', role: 'secas' }).reply).not.toContain(
      'voting groups',
    );
    const plain = new Scenario();
    expect(
      plain.ok('ada', { type: 'admin-role', op: 'add', person: 'bob', role: 'change_board' }).reply,
    ).not.toContain('voting groups');
  });

  it('R62 adding a Change Board member with no group under voting groups warns; with group= it does not', () => {
    const s = votingGroups(new Scenario());
    const add = (email: string, g?: string) =>
      s.ok('ada', {
        type: 'admin-person-add',
        email,
        name: 'Carys Board',
        roles: ['change_board'],
        ...(g ? { group: g } : {}),
      }).reply;
    expect(add('carys@example.org')).toBe(
      'Added Carys Board (carys@example.org) with the role Change Board member. Under voting groups they need a group before the next Change Board ballot: admin group carys@example.org <group>.',
    );
    expect(add('cara@example.org', 'suppliers')).toBe(
      'Added Carys Board (cara@example.org) with the role Change Board member.',
    );
  });

  it('R62 a ballot refused for a voter with no group says which admin command gives one', () => {
    const s = votingGroups(toReport({ determination: 'authority' }));
    project(s, 'cb4', null);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    const r = s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'no_group');
    expect(r.message).toBe(
      'Under voting groups every voter needs a group; none for: Cb4. An admin gives one with admin group cb4 <group>, then the ballot can be opened.',
    );
    project(s, 'cb5', null);
    expect(s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'no_group').message).toBe(
      'Under voting groups every voter needs a group; none for: Cb4, Cb5. An admin gives each a group with admin group <person> <group>, then the ballot can be opened.',
    );
    s.ok('ada', group('cb4', 'networks'));
    project(s, 'cb4', 'networks');
    s.ok('ada', group('cb5', 'consumers'));
    project(s, 'cb5', 'consumers');
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'decision' });
  });
});

describe('admin group in the grammar (R42, R45, R62)', () => {
  const read = (line: string): unknown => {
    const r = parse(line);
    if (!r.ok || r.input.kind !== 'command') throw new Error(`${line} was not read as a command`);
    return r.input.command;
  };
  const refused = (line: string): { message: string; usage: string } => {
    const r = parse(line);
    if (r.ok) throw new Error(`${line} was read as ${JSON.stringify(r.input)}`);
    return { message: commandsAs(r.message, undefined), usage: r.usage };
  };

  it('R62 reads a group, a group of several words or quoted, and none (any case) to clear', () => {
    expect(read('admin group cb1 networks')).toEqual(group('cb1', 'networks'));
    expect(read('admin group cb1@example.org large suppliers')).toEqual(
      group('cb1@example.org', 'large suppliers'),
    );
    expect(read('admin group cb1 "large suppliers"')).toEqual(group('cb1', 'large suppliers'));
    expect(read('admin group cb1 group=networks')).toEqual(group('cb1', 'networks'));
    expect(read('admin group cb1 none')).toEqual(group('cb1', null));
    expect(read('admin group cb1 NONE')).toEqual(group('cb1', null));
    // A quoted "none", or none among other words, is a group's name.
    expect(read('admin group cb1 "none"')).toEqual(group('cb1', 'none'));
    expect(read('admin group cb1 none yet')).toEqual(group('cb1', 'none yet'));
  });

  it('R45 a missing or too long group is refused with the usage, as group= on admin person add', () => {
    expect(refused('admin group cb1')).toEqual({
      message: 'Missing the voting group (or none to clear it).',
      usage: USAGE['admin-group'],
    });
    expect(refused(`admin group cb1 ${'g'.repeat(101)}`)).toEqual({
      message: 'The voting group can be at most 100 characters (yours has 101).',
      usage: USAGE['admin-group'],
    });
    expect(refused('admin group cb1 ""').usage).toBe(USAGE['admin-group']);
    expect(refused(`admin person add a@example.org "A" group=${'g'.repeat(101)}`).message).toBe(
      'The voting group can be at most 100 characters (yours has 101).',
    );
    expect(read(`admin group cb1 ${'g'.repeat(100)}`)).toEqual(group('cb1', 'g'.repeat(100)));
  });
});
