// R80, R2: a typed vote whose option is not one word (a note pasted with it, "sufficient # then …") is
// answered with the options of the ballot open on that modification, as a wrong single word is; it was
// refused by the grammar with "Give one option, e.g. approve, reject, abstain", the wrong options for a
// sufficiency ballot. A vote with no option names every ballot's options by ballot.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../adapters/cli/script.ts';
import { BALLOT_OPTIONS } from '../../src/domain/ballots.ts';
import { parse } from '../../src/domain/grammar/parse.ts';

describe('R80 a vote typed with several words or none', () => {
  it('several words reach the ballot, which answers with its own options', async () => {
    const example = readFileSync(
      join(import.meta.dirname, '..', '..', 'examples', 'refinement-to-authority.sec'),
      'utf8',
    );
    // Up to the sufficiency ballot's opening (the line before the first sufficiency vote).
    const lines = example.split('\n');
    const upTo = lines.findIndex((l) => / vote MP001 sufficient$/.test(l));
    expect(upTo).toBeGreaterThan(0);
    const script = [
      ...lines.slice(0, upTo),
      '2027-02-23T11:00 cb1 vote MP001 sufficient # then: as Megan vote MP001 sufficient',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'secbot-vote-words-'));
    const out: string[] = [];
    try {
      writeFileSync(join(dir, 'v.sec'), script);
      expect(
        await runScript([join(dir, 'v.sec'), '--json'], { out: (l) => out.push(l), err: () => {} }),
      ).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const last = out
      .map((l) => JSON.parse(l) as { line?: number; ok?: boolean; reply?: string })
      .filter((r) => r.line !== undefined)
      .at(-1);
    expect(last?.ok).toBe(false);
    expect(last?.reply).toBe(
      '"sufficient # then: as Megan vote MP001 sufficient" is not an option on the Change Board sufficiency ballot: Sufficient to vote, More work needed (vote MP001 sufficient|more-work).',
    );
  }, 60_000);

  it('no option: every ballot kind with its options, as typed', () => {
    const r = parse('vote MP001');
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.message;
    expect(message).toMatch(/^Give the option you vote for, as the ballot's card shows it: /);
    for (const option of Object.values(BALLOT_OPTIONS).flat()) expect(message).toContain(option);
  });
});
