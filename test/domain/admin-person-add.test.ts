// R2, R45: `admin person add` never reads a role out of a person's name, nor a stray word into it.
import { describe, expect, it } from 'vitest';
import { USAGE, parse } from '../../src/domain/grammar/parse.ts';
import { commandsAs } from '../../src/views/hints.ts';

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

describe('admin person add: name and roles (R2, R45)', () => {
  it('R2 an unquoted name followed by role words is refused, not read as roles (no admin for "Lee Admin")', () => {
    const r = refused('admin person add lee@example.org Lee Admin party');
    expect(r.message).toBe(
      'Put the name in quotes so I can tell it from the roles ("Admin", "party" are role words): admin person add lee@example.org "<name>" <role…>.',
    );
    expect(r.usage).toBe(USAGE['admin-person-add']);
    expect(refused('admin person add pat@example.org Pat Party party').message).toContain(
      '("Party", "party" are role words)',
    );
    expect(refused('admin person add pat@example.org Pat party').message).toContain(
      '("party" is a role word)',
    );
  });

  it('R45 after a quoted name every word is a role or key=value; an unknown word is refused with the usage', () => {
    const r = refused('admin person add ann@example.org "Ann Smith" change board');
    expect(r.message).toMatch(/^Unknown role "change"/);
    expect(r.usage).toBe(USAGE['admin-person-add']);
    expect(refused('admin person add ann@example.org "Ann" "Smith" party').message).toBe(
      'Give the name once.',
    );
  });

  it('R45 the documented forms still read: a quoted name with roles, name= or roles=, an unquoted name alone', () => {
    expect(read('admin person add lee@example.org "Lee Admin" party')).toEqual({
      type: 'admin-person-add',
      email: 'lee@example.org',
      name: 'Lee Admin',
      roles: ['party'],
    });
    expect(read('admin person add lee@example.org Lee Jones roles=party')).toEqual({
      type: 'admin-person-add',
      email: 'lee@example.org',
      name: 'Lee Jones',
      roles: ['party'],
    });
    expect(read('admin person add lee@example.org name="Lee" admin group=x')).toEqual({
      type: 'admin-person-add',
      email: 'lee@example.org',
      name: 'Lee',
      roles: ['admin'],
      group: 'x',
    });
    expect(read('admin person add lee@example.org Lee Jones')).toEqual({
      type: 'admin-person-add',
      email: 'lee@example.org',
      name: 'Lee Jones',
      roles: [],
    });
  });

  it('R45 the usage line says the name goes in quotes', () => {
    expect(USAGE['admin-person-add']).toContain('"<name>"');
  });
});
