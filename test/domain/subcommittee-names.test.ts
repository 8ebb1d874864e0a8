// R16.3: Sub-Committees named in the IAR are separated by commas (the form says so), a name may contain
// spaces, and a Sub-Committee step is found whatever the case it is typed in.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import { stepIds } from '../../src/domain/stages/refinement-steps.ts';
import { step, toRefinement } from '../support/formal.ts';

function command(text: string) {
  const r = parse(text, {});
  if (!r.ok || r.input.kind !== 'command') throw new Error(`expected ${text} to parse`);
  return r.input.command;
}

describe('R16.3 Sub-Committee names', () => {
  it('R16.3 iar subcommittees= splits on commas only, so a name keeps its spaces', () => {
    expect(
      command('iar DP1 impacts="x" route=refinement subcommittees="TABASC, Security  Sub-Committee,"'),
    ).toMatchObject({ subcommittees: ['TABASC', 'Security Sub-Committee'] });
  });

  it('R16.3 a step id names a Sub-Committee with spaces, quoted or not, up to the state', () => {
    const want = { type: 'step', ref: 1, step: 'subcommittee:Security Sub-Committee', state: 'done' };
    expect(command('step MP1 subcommittee:Security Sub-Committee done')).toEqual(want);
    expect(command('step MP1 "subcommittee:Security Sub-Committee" done')).toEqual(want);
    expect(command('step MP1 subcommittee:TABASC done asked at the meeting')).toEqual({
      ...want,
      step: 'subcommittee:TABASC',
      note: 'asked at the meeting',
    });
  });

  it('R16.3 one step per named Sub-Committee, found in any case and recorded under its IAR spelling', () => {
    const s = toRefinement({ subcommittees: ['TABASC', 'Security Sub-Committee'] });
    expect(stepIds(s.mod(1)).filter((id) => id.startsWith('subcommittee:'))).toEqual([
      'subcommittee:TABASC',
      'subcommittee:Security Sub-Committee',
    ]);
    step(s, 'requirements');
    step(s, 'subcommittee:tabasc');
    step(s, 'subcommittee:security sub-committee');
    expect(s.mod(1).steps['subcommittee:TABASC']?.state).toBe('done');
    expect(s.mod(1).steps['subcommittee:Security Sub-Committee']?.state).toBe('done');
  });
});
