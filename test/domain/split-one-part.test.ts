// R14 R60: `split <ref> title="…" problem="…" [title2="…" problem2="…"]…` — the original keeps its number
// for the first part and each further part is a new DP. One part given is the part split off: the
// original keeps its title and problem. The help example is exactly that.
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../src/domain/grammar/examples.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { Scenario } from '../support/scenario.ts';

function toDevelopment(s: Scenario): number {
  s.ok('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'development' });
  s.ok('sam', { type: 'views-open', ref: 1 });
  s.ok('sam', { type: 'views-close', ref: 1 });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'development', questions: 'Is a new field needed?' });
  return 1;
}

describe('R14 R60 a split with one part', () => {
  it("R14 R60 help's example splits one part off as a new DP; the original keeps its scope", () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = toDevelopment(s);
    const r = parse(exampleOf('split'), {});
    if (!r.ok || r.input.kind !== 'command') throw new Error('the split example does not parse');
    const cmd = r.input.command;
    expect(cmd).toEqual({
      type: 'split',
      ref: 1,
      parts: [{ title: 'Second part', problem: 'The other half' }],
    });
    const d = s.ok('alice', cmd);
    expect(d.reply).toBe(
      'DP001 is split: it keeps its title and problem; DP002 "Second part" is a new DP in development with the same Working Group.',
    );
    expect(s.mod(n)).toMatchObject({
      title: 'Fix the tariff table',
      problem: 'Rows are missing',
      status: 'development',
      links: { splitInto: [2] },
    });
    expect(s.mod(2)).toMatchObject({
      title: 'Second part',
      problem: 'The other half',
      status: 'development',
      proposer: 'alice',
      panelQuestions: 'Is a new field needed?',
      links: { splitFrom: n },
    });
  });

  it('R14 R60 with two parts the first is what the original keeps, and the reply says so', () => {
    const s = new Scenario('2026-12-01T10:00');
    const n = toDevelopment(s);
    const d = s.ok('alice', {
      type: 'split',
      ref: n,
      parts: [
        { title: 'Part one', problem: 'First half' },
        { title: 'Part two', problem: 'Second half' },
      ],
    });
    expect(d.reply).toBe(
      'DP001 is split: it keeps its number for the first part, "Part one"; DP002 "Part two" is a new DP in development with the same Working Group.',
    );
    expect(s.mod(n)).toMatchObject({ title: 'Part one', problem: 'First half' });
    expect(s.mod(2)).toMatchObject({ title: 'Part two', links: { splitFrom: n } });
  });
});
