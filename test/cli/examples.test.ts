// Every examples/*.sec reproduces its checked-in examples/*.expected.jsonl. Each runs
// in-process (a fresh in-memory PGlite per script, as `secbot script` does); one also goes through
// the real `bin/secbot.js` entry to prove the command line gives the same bytes and exit code.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../adapters/cli/script.ts';
import { COMMAND_MARK } from '../support/command-mark.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const scripts = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.sec'))
  .sort();

type Obj = Record<string, unknown>;

async function run(name: string, extra: string[] = []): Promise<string[]> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScript([join(EXAMPLES, name), '--json', ...extra], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return out;
}

const expected = (name: string): string[] =>
  readFileSync(join(EXAMPLES, name.replace(/\.sec$/, '.expected.jsonl')), 'utf8')
    .trimEnd()
    .split('\n');

/** The reply objects of the given lines, and the final state, for the story checks below. */
function story(lines: string[]) {
  const objs = lines.map((l) => JSON.parse(l) as Obj);
  const byLine = new Map(objs.filter((o) => 'line' in o).map((o) => [o.line as number, o]));
  const final = (objs.at(-1) as { final: { ref: string; status: string; deadlines: { what: string }[] }[] })
    .final;
  const notes = objs
    .filter((o) => 'notify' in o)
    .map((o) => ({ at: o.at, ...(o.notify as { to: string; text: string }) }));
  return { objs, byLine, final, notes };
}

describe('examples/ (SPEC §8.1, R68–R70)', () => {
  it('ships the five scenarios', () => {
    expect(scripts).toEqual([
      'fast-track-approved.sec',
      'fast-track-objection.sec',
      'refinement-to-authority.sec',
      'week-digest.sec',
      'working-group-meeting.sec',
    ]);
  });

  for (const name of scripts) {
    it(`R69 R70 ${name} reproduces its expected output line by line`, async () => {
      const got = await run(name);
      const want = expected(name);
      for (let i = 0; i < Math.max(got.length, want.length); i++) {
        expect(got[i], `${name} output line ${i + 1}`).toBe(want[i]);
      }
      // Scripted mode names commands bare: no command mark (src/views/hints.ts) reaches the output.
      expect(got.filter((l) => l.includes(COMMAND_MARK))).toEqual([]);
    });
  }

  it.skipIf(pgUnreachable !== undefined)(
    'R69 refinement-to-authority.sec gives the same output on PostgreSQL (--database-url)',
    async () => {
      const db = await createPgDatabase();
      try {
        expect(await run('refinement-to-authority.sec', ['--database-url', db.url])).toEqual(
          expected('refinement-to-authority.sec'),
        );
      } finally {
        await db.drop();
      }
    },
    60_000,
  );

  it('R71 what people read in every example has no rule number, internal id or code name', () => {
    for (const name of scripts) {
      const { objs } = story(expected(name));
      const read = objs.flatMap((o) =>
        'reply' in o ? [String(o.reply)] : 'notify' in o ? [(o.notify as { text: string }).text] : [],
      );
      expect(read.length, name).toBeGreaterThan(10);
      for (const text of read) {
        expect(text, name).not.toMatch(/\bR\d{1,2}\b|§\d/);
        expect(text, name).not.toMatch(/\b(?:wg|mtg|fasttrack|decision|sufficiency|ia)-\d/);
        expect(text, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      }
    }
  });

  // What the expected files must show, independently of how the texts are worded.
  it('R12 R15 R16 R18 R19 the Refinement route reaches the Authority and is implemented at 00:00 London', () => {
    const { byLine, final, notes } = story(expected('refinement-to-authority.sec'));
    for (const [n, o] of byLine) expect(o.ok, `line ${n}: ${String(o.reply)}`).toBe(true);
    expect(final).toEqual([{ ref: 'MP001', number: 1, status: 'implemented', deadlines: [] }]);
    expect(String(byLine.get(27)?.reply)).toMatch(/MP001.*Refinement.*Authority/);
    expect(String(byLine.get(59)?.reply)).toMatch(/Everyone has voted/);
    expect(notes.some((n) => n.to === 'person:alice' && /→ Awaiting the Authority/.test(n.text))).toBe(true);
    expect(notes.some((n) => n.to === 'channel:panel' && /5 views/.test(n.text))).toBe(true);
    // Both consultations close by themselves at their deadline, which SECAS is told about.
    const closes = notes.filter((n) => n.to === 'person:sam' && /Closed with 1 response/.test(n.text));
    expect(closes.map((n) => n.at)).toEqual(['2027-02-18T17:00:00+00:00', '2027-03-18T17:00:00+00:00']);
    expect(notes.at(-1)).toMatchObject({ at: '2027-06-24T00:00:00+01:00', to: 'person:alice' });
  });

  it('R22 R24 R25 R53 a Fast Track objection within the window sends it back to the chair, who routes it', () => {
    const { byLine, final, notes } = story(expected('fast-track-objection.sec'));
    expect(byLine.get(23)).toMatchObject({ ok: false, code: 'not_eligible' });
    expect(String(byLine.get(25)?.reply)).toMatch(/passed/);
    expect(byLine.get(28)).toMatchObject({ ok: true });
    expect(byLine.get(30)).toMatchObject({ ok: false, code: 'route_required' });
    const told = notes.filter((n) => n.at === '2027-01-25T15:00:00+00:00').map((n) => n.to);
    expect(told).toEqual(
      expect.arrayContaining(['person:chair', 'person:alice', 'person:bob', 'channel:announcements']),
    );
    expect(final).toEqual([{ ref: 'MP001', number: 1, status: 'report', deadlines: [] }]);
  });

  it('R24 R26 a Fast Track window with no objection: reminders, then approval; a late objection is refused', () => {
    const { byLine, final, notes } = story(expected('fast-track-approved.sec'));
    const reminders = notes.filter(
      (n) => n.to === 'channel:announcements' && /closes Thu 25 Mar 2027/.test(n.text),
    );
    // 5 Working Days and 1 Working Day before the close, at the cut-off.
    expect(reminders.map((n) => n.at)).toEqual(['2027-03-18T17:00:00+00:00', '2027-03-24T17:00:00+00:00']);
    expect(notes.some((n) => n.at === '2027-03-25T17:00:00+00:00' && /approved/.test(n.text))).toBe(true);
    expect(byLine.get(26)).toMatchObject({ ok: false, code: 'window_closed' });
    expect(final).toEqual([
      {
        ref: 'MP001',
        number: 1,
        status: 'approved',
        deadlines: [{ what: 'implementation', due: '2027-06-24T00:00:00+01:00' }],
      },
    ]);
  });

  it('R38 R40 a derogated Working Group is told its annex; SECAS is sent the recommended slot and confirms it', () => {
    const { byLine, final, notes } = story(expected('working-group-meeting.sec'));
    for (const [n, o] of byLine) expect(o.ok, `line ${n}: ${String(o.reply)}`).toBe(true);
    // R38: every member's DM at forming, and status, carry the Terms of Reference and the annex.
    const formed = notes.filter((n) => n.text.startsWith('You are a member of the Working Group for MP001'));
    expect(formed.map((n) => n.to).sort()).toEqual(['person:alice', 'person:bob', 'person:cb1']);
    for (const text of [...formed.map((n) => n.text), String(byLine.get(24)?.reply)]) {
      expect(text).toContain('Terms of Reference version 1 (https://example.org/wg-terms-of-reference-v1)');
      expect(text).toContain("The Panel's questions: Which in-home displays can show a receipt?");
      expect(text).toMatch(/at least 3 members \(usually 5\)\. Reason: Only suppliers with prepayment/);
    }
    // R40: counts and the recommendation in status; SECAS hears when the last member (line 34) answers.
    expect(String(byLine.get(33)?.reply)).toContain(
      'Recommended: slot 2 (Wed 27 Jan 2027, 14:00), which 2 can attend (2 of 3 members answered). Confirm it: meeting confirm MP001 2',
    );
    const toSam = notes.filter((n) => n.to === 'person:sam');
    expect(toSam[0]).toMatchObject({ at: '2027-01-19T16:00:00+00:00' });
    expect(toSam[0]?.text).toContain('Slot 2, Wed 27 Jan 2027, 14:00: 3 can attend.');
    expect(toSam[0]?.text).toContain('Or type: meeting confirm MP001 2');
    expect(String(byLine.get(36)?.reply)).toMatch(
      /^Confirmed the MP001 Working Group meeting for Wed 27 Jan 2027, 14:00/,
    );
    expect(final).toEqual([{ ref: 'MP001', number: 1, status: 'refinement', deadlines: [] }]);
  });

  it('R81 mine lists what is owed by due time; the Monday 09:00 digest goes to those with dues that week, unless switched off', () => {
    const { byLine, notes } = story(expected('week-digest.sec'));
    for (const [n, o] of byLine) expect(o.ok, `line ${n}: ${String(o.reply)}`).toBe(true);
    expect(String(byLine.get(16)?.reply)).toMatch(
      /^What you owe \(1\)[^\n]*\n- DP001 "Faster switching": Give your view\. Due Fri 15 Jan 2027, 17:00\./,
    );
    expect(String(byLine.get(18)?.reply)).toMatch(/^You owe nothing right now/);
    // Soonest due first across modifications.
    expect(String(byLine.get(27)?.reply).split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^- DP001 .*Due Fri 15 Jan 2027/),
      expect.stringMatching(/^- DP002 .*Due Tue 19 Jan 2027/),
    ]);
    const digests = notes.filter((n) => n.text.startsWith('Your week:'));
    // Monday 11 Jan: cb1 has given a view, cb2 switched the digest off; Monday 18 Jan: all three owe one.
    expect(digests.map((n) => `${n.at} ${n.to}`)).toEqual([
      '2027-01-11T09:00:00+00:00 person:cb3',
      '2027-01-18T09:00:00+00:00 person:cb1',
      '2027-01-18T09:00:00+00:00 person:cb2',
      '2027-01-18T09:00:00+00:00 person:cb3',
    ]);
    expect(digests[0]?.text).toContain(
      'DP001 "Faster switching": Give your view, due Fri 15 Jan 2027, 17:00.',
    );
  });

  it('`node bin/secbot.js script examples/fast-track-objection.sec --json` prints the expected file and exits 0', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/secbot.js', 'script', 'examples/fast-track-objection.sec', '--json'],
      {
        cwd: join(EXAMPLES, '..'),
        encoding: 'utf8',
        env: { ...process.env, SEC_PANEL_QUORUM: '9' },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The environment's settings do not leak into a script (only `config` lines change them).
    expect(r.stdout).toBe(readFileSync(join(EXAMPLES, 'fast-track-objection.expected.jsonl'), 'utf8'));
  }, 60_000);
});
