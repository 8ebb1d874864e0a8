// R2: the permission table in roles.ts is what the core does, for every command × every role.
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from '../../src/domain/commands.ts';
import { PERMISSIONS, roleAllows } from '../../src/domain/roles.ts';
import type { Role } from '../../src/domain/types.ts';
import { ROLES, isRefusal } from '../../src/domain/types.ts';
import { decide } from '../../src/domain/decide.ts';
import { Scenario } from '../support/scenario.ts';
import { sampleCommands } from '../support/samples.ts';

/** A world with DP001 (proposer alice) in draft and DP002 (bob) in draft; the actor is neither. */
function world() {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'One', problem: 'p' });
  s.ok('bob', { type: 'raise', title: 'Two', problem: 'p' });
  s.people.push({ id: 'actor', email: 'actor@example.org', name: 'Actor', roles: [] });
  return s;
}

describe('R2 authorisation matrix', () => {
  const samples = sampleCommands(1);
  for (const type of COMMAND_TYPES) {
    for (const role of ROLES) {
      const allowed = roleAllows(type, [role]);
      const rel = PERMISSIONS[type].relation;
      // `registered` commands are open to every person; eligibility is then the stage's question.
      const expectForbidden = !allowed && rel !== 'registered';
      it(`R2 ${type} by ${role}: ${expectForbidden ? 'refused as forbidden' : 'not refused as forbidden'}`, () => {
        const s = world();
        const actor = s.people.find((p) => p.id === 'actor')!;
        actor.roles = [role as Role];
        const before = JSON.stringify(s.world);
        const r = decide(s.world, samples[type], s.ctx('actor'));
        const code = isRefusal(r) ? r.code : 'ok';
        if (expectForbidden) {
          expect(code).toBe('forbidden');
          expect(isRefusal(r) && r.message).toMatch(/^Only /);
        } else expect(code).not.toBe('forbidden');
        expect(JSON.stringify(s.world)).toBe(before); // decide never mutates its input
      });
    }
  }

  it('R2 the scheduler may only fire deadlines, and people may not', () => {
    const s = world();
    for (const type of COMMAND_TYPES) {
      const r = decide(s.world, samples[type], s.ctx('system'));
      if (type === 'deadline-fire') expect(isRefusal(r) ? r.code : 'ok').not.toBe('forbidden');
      else expect(isRefusal(r) && r.code, type).toBe('forbidden');
    }
    const admin = decide(s.world, samples['deadline-fire'], s.ctx('ada'));
    expect(isRefusal(admin) && admin.code).toBe('forbidden');
  });

  it('R2 proposer-only commands are allowed to the proposer and refused to another party', () => {
    const proposerOnly = COMMAND_TYPES.filter((t) => PERMISSIONS[t].relation === 'proposer');
    expect(proposerOnly).toEqual(expect.arrayContaining(['amend', 'withdraw', 'proceed', 'split', 'plan']));
    for (const type of proposerOnly) {
      const s = world();
      const mine = decide(s.world, samples[type], s.ctx('alice'));
      expect(isRefusal(mine) ? mine.code : 'ok', `${type} by the proposer`).not.toBe('forbidden');
      const other = decide(s.world, samples[type], s.ctx('bob'));
      expect(isRefusal(other) && other.code, `${type} by another party`).toBe('forbidden');
    }
  });

  it('R2 a person with no role is refused everything but registered-person commands', () => {
    const s = world();
    for (const type of COMMAND_TYPES) {
      const r = decide(s.world, samples[type], s.ctx('nobody'));
      const rel = PERMISSIONS[type].relation;
      if (rel === 'registered') expect(isRefusal(r) ? r.code : 'ok').not.toBe('forbidden');
      else expect(isRefusal(r) && r.code, type).toBe('forbidden');
    }
  });

  it('R2/R54 panel_chair implies panel', () => {
    expect(roleAllows('panel-route', ['panel_chair'])).toBe(true);
    expect(roleAllows('panel-route', ['panel'])).toBe(false);
  });
});
