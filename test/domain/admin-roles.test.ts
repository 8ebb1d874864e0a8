// R2, R54: the last admin keeps the role; the chair is a Panel member through the chair role.
import { describe, expect, it } from 'vitest';
import { Scenario } from '../support/scenario.ts';

describe('admin role edge cases (R2, R54)', () => {
  it('R2 R54 the last admin cannot remove their own admin role', () => {
    const s = new Scenario();
    const r = s.refused(
      'ada',
      { type: 'admin-role', op: 'remove', person: 'ada', role: 'admin' },
      'bad_input',
    );
    expect(r.message).toBe(
      'Ada is the only admin; give someone else the admin role first (admin role add <person> admin), so someone can still manage the directory.',
    );
  });

  it('R2 with a second admin, an admin role can be removed', () => {
    const s = new Scenario();
    s.people.find((p) => p.id === 'sam')!.roles.push('admin');
    const d = s.ok('ada', { type: 'admin-role', op: 'remove', person: 'ada', role: 'admin' });
    expect(d.events).toEqual([{ type: 'RoleChanged', person: 'ada', role: 'admin', op: 'remove' }]);
  });

  it('R54 adding or removing panel for the chair both say the chair is a Panel member through the chair role', () => {
    const s = new Scenario();
    const add = s.refused(
      'ada',
      { type: 'admin-role', op: 'add', person: 'chair', role: 'panel' },
      'already_done',
    );
    expect(add.message).toBe('Chair is a Panel member through the Panel chair role.');
    const rm = s.refused(
      'ada',
      { type: 'admin-role', op: 'remove', person: 'chair', role: 'panel' },
      'already_done',
    );
    expect(rm.message).toBe(
      'Chair is a Panel member through the Panel chair role; to end that, remove the chair role (admin role remove chair panel_chair).',
    );
  });
});
