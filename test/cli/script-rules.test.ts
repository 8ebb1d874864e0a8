// Rules a Change Board member or SECAS would notice, each shown through scripted mode (SPEC §8.1): the
// whole core and store run as `secbot script` runs them, and the test reads the JSON Lines it prints.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../../adapters/cli/script.ts';

type Reply = { line: number; ok: boolean; code: string | null; reply: string };
type Note = { at: string; to: string; text: string };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'secbot-rules-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a script; returns the replies by line, the notifications in order, and the raw lines. */
async function play(lines: readonly string[]) {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.sec`);
  writeFileSync(file, lines.join('\n'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScript([file, '--json'], { out: (l) => out.push(l), err: (l) => err.push(l) });
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const objs = out.map((l) => JSON.parse(l) as Record<string, unknown>);
  const replies = new Map<number, Reply>();
  const notes: (Note & { index: number })[] = [];
  objs.forEach((o, index) => {
    if ('line' in o) replies.set(o.line as number, o as unknown as Reply);
    if ('notify' in o)
      notes.push({ index, at: o.at as string, ...(o.notify as { to: string; text: string }) });
  });
  const reply = (n: number): Reply => {
    const r = replies.get(n);
    if (!r) throw new Error(`no reply for line ${n}`);
    return r;
  };
  /** Where line n's reply was printed, to order notifications against it. */
  const indexOf = (n: number): number => objs.findIndex((o) => o.line === n);
  return { reply, notes, objs, indexOf };
}

/** The line number of the first script line that starts with `prefix` (1-based, as the output says). */
const lineOf = (lines: readonly string[], prefix: string): number => {
  const i = lines.findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starts with ${prefix}`);
  return i + 1;
};

const BOARD = [
  'people:',
  'alice alice@example.org "Alice Proposer" party',
  'bob   bob@example.org   "Bob Member" party',
  'sam   sam@example.org   "Sam Secretariat" secas',
  'chair chair@example.org "Hal Chair" panel_chair',
  'cb1   cb1@example.org   "Board One" change_board',
  'cb2   cb2@example.org   "Board Two" change_board',
  'cb3   cb3@example.org   "Board Three" change_board',
  'cb4   cb4@example.org   "Board Four" change_board alt=alt4',
  'cb5   cb5@example.org   "Board Five" change_board alt=alt5',
  'alt4  alt4@example.org  "Alt Four" party',
  'alt5  alt5@example.org  "Alt Five" party',
  '',
];

/** DP001 routed straight to the Report Stage (Self-Governance), its consultation run, the decision ballot open. */
const TO_DECISION = [
  '2027-01-11T09:00 alice raise title="Faster switching" problem="Switching takes too long"',
  '2027-01-12T10:00 sam iar DP001 impacts="Suppliers" route=report',
  '2027-01-12T10:05 sam views open DP001',
  '2027-01-12T10:10 sam views close DP001',
  '2027-01-13T10:00 chair panel route DP001 report self-governance',
  '2027-01-13T10:05 sam consult open MP001',
  'advance 2027-02-03T17:00',
  '2027-02-04T10:00 sam ballot open MP001 decision',
];

describe('R33 R62 an alternate votes only for a member who has not voted', () => {
  it('R33 R62 the member votes, then the alternate: refused with the reason, and not counted', async () => {
    const lines = [
      ...BOARD,
      ...TO_DECISION,
      '2027-02-04T10:10 cb5 vote MP001 approve',
      '2027-02-04T10:20 alt5 vote MP001 reject',
      '2027-02-04T10:30 sam status MP001',
    ];
    const { reply } = await play(lines);
    expect(reply(lineOf(lines, '2027-02-04T10:00')).ok).toBe(true);
    expect(reply(lineOf(lines, '2027-02-04T10:10'))).toMatchObject({ ok: true, code: null });
    const refused = reply(lineOf(lines, '2027-02-04T10:20'));
    expect(refused).toMatchObject({ ok: false, code: 'member_voted' });
    expect(refused.reply).toBe(
      'Board Five has voted on MP001; an alternate votes only for a member who has not. Your vote was not counted.',
    );
    // One seat, one vote: the member's approve is the only one counted.
    expect(reply(lineOf(lines, '2027-02-04T10:30')).reply).toContain(
      'Change Board decision ballot: 1 of 5 voted; waiting for Board One, Board Two, Board Three, Board Four;',
    );
  });

  it('R33 R62 the alternate votes first, then the member: the member’s vote replaces it, and the alternate is out', async () => {
    const lines = [
      ...BOARD,
      ...TO_DECISION,
      '2027-02-04T10:10 alt4 vote MP001 reject',
      '2027-02-04T10:20 cb4 vote MP001 approve',
      '2027-02-04T10:30 alt4 vote MP001 abstain',
      '2027-02-04T10:40 cb5 vote MP001 reject',
      '2027-02-04T10:50 sam ballot close MP001',
    ];
    const { reply } = await play(lines);
    expect(reply(lineOf(lines, '2027-02-04T10:10')).reply).toBe(
      'Your vote (reject) on MP001 is recorded as alternate for Board Four.',
    );
    expect(reply(lineOf(lines, '2027-02-04T10:20')).reply).toBe(
      'Your vote (approve) on MP001 is recorded; it replaces the vote Alt Four cast for you.',
    );
    expect(reply(lineOf(lines, '2027-02-04T10:30'))).toMatchObject({ ok: false, code: 'member_voted' });
    // Board Four's approve counts, not the alternate's reject (else it would be 0 approve, 2 against).
    expect(reply(lineOf(lines, '2027-02-04T10:50')).reply).toMatch(
      /simple majority: 1 approve, 1 against — failed/,
    );
  });
});
