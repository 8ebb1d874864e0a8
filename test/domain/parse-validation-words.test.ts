// R45 R71: what the command schema finds wrong reads as a sentence with the field's plain name, the usage
// line after it, never the validator's own text ("title: Too small: expected string to have >=1
// characters").
import { describe, expect, it } from 'vitest';
import { USAGE, parse } from '../../src/domain/grammar/parse.ts';
import { commandsAs } from '../../src/views/hints.ts';

const refused = (line: string): { message: string; usage: string } => {
  const r = parse(line);
  if (r.ok) throw new Error(`${line} was read as ${JSON.stringify(r.input)}`);
  return { message: commandsAs(r.message, undefined), usage: r.usage };
};

describe('schema refusals in words (R45, R71)', () => {
  it.each([
    ['amend DP001 title=', 'Give a title (at most 200 characters).', USAGE.amend],
    [
      `amend DP001 title="${'x'.repeat(216)}"`,
      'The title can be at most 200 characters (yours has 216).',
      USAGE.amend,
    ],
    ['withdraw DP001 ""', 'Give a reason.', USAGE.withdraw],
    ['iar DP001 impacts="" route=report', 'Give the impacts.', USAGE.iar],
    ['panel close DP001 ""', 'Give a reason.', USAGE['panel-close']],
    [
      'admin person add notanemail "A B"',
      '"notanemail" is not an e-mail address.',
      USAGE['admin-person-add'],
    ],
    ['history DP001 page 0', 'The page number must be at least 1.', USAGE.history],
    ['workdays 2026-01-01 0', 'The number of Working Days must be at least 1.', USAGE.workdays],
    [`help ${'x'.repeat(120)}`, 'The help topic can be at most 100 characters (yours has 120).', USAGE.help],
  ])('%s', (line, message, usage) => {
    const r = refused(line);
    expect(r.message).toBe(message);
    expect(r.usage).toBe(usage);
  });

  it('no schema refusal shows the validator text', () => {
    const lines = [
      'amend DP001 problem=""',
      'comment DP001 ""',
      'plan DP001 ""',
      'object DP001 ""',
      `raise title="${'t'.repeat(201)}" problem=p`,
      `admin link bob slack:${'u'.repeat(201)}`,
    ];
    for (const line of lines) {
      const { message } = refused(line);
      expect(message, line).not.toMatch(/Too (small|big)|expected|Invalid|>=|<=|^\w+:/);
    }
  });
});
