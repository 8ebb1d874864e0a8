// R71: what a person reads about Refinement (R16) is in words: the Change Board's Impact Assessment
// recommendation (R16.8) as a sentence, not the option's id in nested brackets, and `help refinement`
// naming each step as its task with its owner and command, not the checklist table's shorthand.
import { describe, expect, it } from 'vitest';
import { help } from '../../src/domain/help.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { afterIaVote, toRefinement } from '../support/formal.ts';

describe('R71 Refinement in words', () => {
  it('R16.8 the Impact Assessment ballot result: the recommendation in words, the tally beside it', () => {
    const s = afterIaVote('do-not-proceed');
    const note = s.mod(1).steps['ia-vote']?.note ?? '';
    expect(note).toMatch(/^the Change Board recommends not proceeding; simple majority: /);
    expect(note).not.toMatch(/do-not-proceed|\(.*\(/);
  });

  it('R16.8 a passed Impact Assessment ballot recommends proceeding', () => {
    const s = afterIaVote('proceed');
    expect(s.mod(1).steps['ia-vote']?.note).toMatch(/^the Change Board recommends proceeding; /);
  });

  it('R16 R72 help refinement: each step as its task, with its owner in words and its command', () => {
    const s = toRefinement();
    const text = commandsAs(help(s.ctx('alice'), s.world, 'refinement'), undefined);
    expect(text).not.toMatch(/subcommittee:\*|\(ia ballot\)|\(sufficiency ballot\)|owner |; step$/m);
    expect(text).toContain('Form the Working Group, owed by SECAS: wg form <ref>');
    expect(text).toContain(', for each relevant Sub-Committee');
    expect(text).toContain(
      'Vote on whether to proceed to a DCC Impact Assessment, owed by the Change Board (only with DCC system impacts): closed by its ballot, which SECAS opens with ballot open <ref> ia',
    );
    expect(text).toContain(
      'Write the business requirements for each solution, owed by the proposer: SECAS records it with step <ref> requirements done',
    );
    // R42: every command in it is marked, so each platform shows it as typed there.
    expect(commandsAs(help(s.ctx('alice'), s.world, 'refinement'), '/sec')).toContain(
      'SECAS records it with /sec step <ref> requirements done',
    );
  });
});
