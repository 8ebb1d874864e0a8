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

const PERSON: Record<string, string> = {
  alice: 'alice alice@example.org "Alice Proposer" party',
  bob: 'bob   bob@example.org   "Bob Member" party',
  sam: 'sam   sam@example.org   "Sam Secretariat" secas',
  chair: 'chair chair@example.org "Hal Chair" panel_chair',
  cb1: 'cb1   cb1@example.org   "Board One" change_board',
  cb2: 'cb2   cb2@example.org   "Board Two" change_board',
  cb3: 'cb3   cb3@example.org   "Board Three" change_board',
  cb4: 'cb4   cb4@example.org   "Board Four" change_board alt=alt4',
  cb5: 'cb5   cb5@example.org   "Board Five" change_board alt=alt5',
  alt4: 'alt4  alt4@example.org  "Alt Four" party',
  alt5: 'alt5  alt5@example.org  "Alt Five" party',
};
/** A people block with these handles (R68). */
const people = (...handles: string[]): string[] => [
  'people:',
  ...handles.map((h) => PERSON[h] as string),
  '',
];

/** DP001 raised and assessed for `route`; the Change Board's views closed, so it awaits the Panel. */
const TO_PANEL = (route: string): string[] => [
  '2027-01-11T09:00 alice raise title="Faster switching" problem="Switching takes too long"',
  `2027-01-12T10:00 sam iar DP001 impacts="Suppliers" route=${route}`,
  '2027-01-12T10:05 sam views open DP001',
  '2027-01-12T10:10 sam views close DP001',
];

const BOARD = people('alice', 'bob', 'sam', 'chair', 'cb1', 'cb2', 'cb3', 'cb4', 'cb5', 'alt4', 'alt5');

/**
 * DP001 routed straight to the Report Stage (Self-Governance), its Modification Report recorded (R18), its
 * consultation run, the decision ballot open.
 */
const TO_DECISION = [
  ...TO_PANEL('report'),
  '2027-01-13T10:00 chair panel route DP001 report self-governance',
  '2027-01-13T10:02 sam report MP001 modification https://example.org/mp001/report-v1',
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
      "Your vote: Reject on the Change Board's decision ballot for MP001 as alternate for Board Four; you can change it until Board Four votes or the ballot closes (at the latest Thu 11 Feb 2027, 17:00).",
    );
    expect(reply(lineOf(lines, '2027-02-04T10:20')).reply).toBe(
      "Your vote: Approve on the Change Board's decision ballot for MP001; it replaces the vote Alt Four cast for you; you can change it until the ballot closes (at the latest Thu 11 Feb 2027, 17:00).",
    );
    expect(reply(lineOf(lines, '2027-02-04T10:30'))).toMatchObject({ ok: false, code: 'member_voted' });
    // Board Four's approve counts, not the alternate's reject (else it would be 0 to approve, 2 to reject).
    expect(reply(lineOf(lines, '2027-02-04T10:50')).reply).toMatch(
      /Simple majority: 1 vote to approve, 1 vote to reject — failed/,
    );
  });
});

/** MP001 in Refinement with the Panel's questions, a derogation to 3 members and published Terms of Reference. */
const SMALL_GROUP = [
  ...people('alice', 'bob', 'sam', 'chair', 'cb1'),
  '2027-01-08T09:00 chair panel tor https://example.org/wg-terms-v1',
  ...TO_PANEL('refinement'),
  '2027-01-13T10:00 chair panel route DP001 refinement questions="Is a shorter objection period safe?"',
  '2027-01-13T10:30 chair panel derogate MP001 min=3 Only three parties are affected',
  '2027-01-14T10:00 sam wg form MP001 bob cb1',
  '2027-01-14T10:05 bob status MP001',
];

describe('R38 the Working Group annex: Terms of Reference, the Panel’s questions and the derogation', () => {
  it('R38 R61 each member’s DM at forming and status name the version, the questions and the derogation with its reason', async () => {
    const { reply, notes } = await play(SMALL_GROUP);
    expect(reply(lineOf(SMALL_GROUP, '2027-01-14T10:00'))).toMatchObject({ ok: true });
    const formed = notes.filter((n) => n.at === '2027-01-14T10:00:00+00:00' && n.text.startsWith('You are'));
    expect(formed.map((n) => n.to).sort()).toEqual(['person:alice', 'person:bob', 'person:cb1']);
    for (const n of formed) {
      expect(n.text).toContain('Terms of Reference version 1 (https://example.org/wg-terms-v1)');
      expect(n.text).toContain("The Panel's questions: Is a shorter objection period safe?");
      expect(n.text).toContain(
        'Derogation: the Panel allows a Working Group of at least 3 members (usually 5). Reason: Only three parties are affected',
      );
      // R71: no internal Working Group id reaches a person.
      expect(n.text).not.toMatch(/wg-\d/);
    }
    const status = reply(lineOf(SMALL_GROUP, '2027-01-14T10:05')).reply;
    expect(status).toContain('Terms of Reference version 1 (https://example.org/wg-terms-v1)');
    expect(status).toContain("The Panel's questions: Is a shorter objection period safe?");
    expect(status).toContain('at least 3 members (usually 5). Reason: Only three parties are affected');
    expect(reply(lineOf(SMALL_GROUP, '2027-01-14T10:00')).reply).not.toMatch(/wg-\d/);
  });
});

describe('R40 R63 the recommended meeting slot', () => {
  const POLL = [
    ...SMALL_GROUP,
    '2027-01-15T10:00 sam meeting propose MP001 2027-01-25T10:00 2027-01-26T14:00 2027-01-27T10:00',
    '2027-01-15T11:00 alice available MP001 1 no',
    '2027-01-15T11:01 alice available MP001 2 yes',
    '2027-01-15T11:05 bob available MP001 2 yes',
    '2027-01-15T11:06 bob available MP001 3 yes',
    '2027-01-15T12:00 sam status MP001',
    '2027-01-15T13:00 cb1 available MP001 3 yes',
    '2027-01-15T13:30 sam status MP001',
    '2027-01-15T13:31 bob status MP001',
    '2027-01-15T14:00 sam meeting confirm MP001 2',
  ];

  it('R40 status shows the counts and the recommendation; SECAS is sent it, with the twin, when the last member answers', async () => {
    const { reply, notes, indexOf } = await play(POLL);
    const toSam = notes.filter((n) => n.to === 'person:sam');
    // Nothing for SECAS while a member has not answered.
    expect(toSam.filter((n) => n.index < indexOf(lineOf(POLL, '2027-01-15T13:00')))).toEqual([]);
    const early = reply(lineOf(POLL, '2027-01-15T12:00')).reply;
    expect(early).toContain("Slot 1, Mon 25 Jan 2027, 10:00: 0 can attend, 1 can't.");
    expect(early).toContain('Slot 2, Tue 26 Jan 2027, 14:00: 2 can attend.');
    expect(early).toContain(
      'Recommended: slot 2 (Tue 26 Jan 2027, 14:00), which 2 can attend (2 of 3 members answered). Confirm it: meeting confirm MP001 2',
    );
    // cb1 is the last to answer: SECAS hears at once, with the count per slot and the tie settled by time.
    const last = toSam.find((n) => n.at === '2027-01-15T13:00:00+00:00');
    expect(last?.text.split('\n')).toEqual([
      'All 3 members of the MP001 "Faster switching" Working Group have answered the meeting poll.',
      "Slot 1, Mon 25 Jan 2027, 10:00: 0 can attend, 1 can't.",
      'Slot 2, Tue 26 Jan 2027, 14:00: 2 can attend.',
      'Slot 3, Wed 27 Jan 2027, 10:00: 2 can attend.',
      'Recommended: slot 2 (Tue 26 Jan 2027, 14:00), which 2 can attend; tied with slot 3, so the earliest is recommended (3 of 3 members answered).',
      'Or type: meeting confirm MP001 2',
      'For another slot or time, type: meeting confirm MP001 <slot>|<YYYY-MM-DDTHH:MM>',
    ]);
    expect(reply(lineOf(POLL, '2027-01-15T13:30')).reply).toContain('tied with slot 3');
    // Anyone may read the recommendation; only SECAS is shown the command that confirms it.
    const member = reply(lineOf(POLL, '2027-01-15T13:31')).reply;
    expect(member).toContain('Recommended: slot 2');
    expect(member).not.toContain('meeting confirm');
    expect(reply(lineOf(POLL, '2027-01-15T14:00')).reply).toMatch(
      /Confirmed the MP001 Working Group meeting for Tue 26 Jan 2027, 14:00/,
    );
    // Confirming closes SECAS's recommendation (its button goes, R75).
    const closed = toSam.find((n) => n.at === '2027-01-15T14:00:00+00:00');
    expect(closed?.text).toBe(
      'The MP001 "Faster switching" Working Group meeting poll is closed. SECAS confirmed Tue 26 Jan 2027, 14:00.',
    );
  });
});

describe('R58 §8.1 scripted mode runs what the scheduler runs, the chair’s Monday digest included', () => {
  const STALL = [
    ...people('alice', 'bob', 'sam', 'chair', 'cb1'),
    ...TO_PANEL('refinement'),
    '2027-01-19T10:00 chair panel route DP001 refinement',
    '2027-01-19T10:30 chair panel derogate MP001 min=3 Only three parties are affected',
    '2027-01-20T10:00 sam wg form MP001 bob cb1',
    '# Nothing happens for more than 60 Working Days: MP001 stalls, and the Monday digest says so.',
    'advance 2027-04-27T12:00',
    '2027-04-27T12:00 chair panel stall-notice MP001',
  ];

  it('R28 R58 the digest goes to the chair on Mondays at 09:00 London, only when not empty, in time order with the deadlines', async () => {
    const { notes, objs } = await play(STALL);
    const digests = notes.filter(
      (n) => n.to === 'person:chair' && /^(Awaiting the Panel|Stalled):/.test(n.text),
    );
    // Awaiting the Panel on Mon 18 Jan; nothing on the Mondays in between; stalled from Mon 19 Apr (BST).
    expect(digests.map((n) => n.at)).toEqual([
      '2027-01-18T09:00:00+00:00',
      '2027-04-19T09:00:00+01:00',
      '2027-04-26T09:00:00+01:00',
    ]);
    expect(digests[0]?.text).toMatch(/^Awaiting the Panel:\n- DP001 "Faster switching": /);
    expect(digests[1]?.text).toMatch(
      /^Stalled:\n- MP001 "Faster switching": No progress for 61 Working Days .*Send a stall notice: panel stall-notice MP001\.$/,
    );
    // R71: no rule numbers in what the chair reads.
    for (const d of digests) expect(d.text).not.toMatch(/\bR\d+/);
    // Scheduled output is in time order: the SECAS reminder (Fri 17:00) before the digest (Mon 09:00).
    const stamps = objs.filter((o) => 'at' in o).map((o) => o.at as string);
    expect(stamps).toEqual([...stamps].sort((a, b) => Date.parse(a) - Date.parse(b)));
    const reminder = notes.find((n) => n.to === 'person:sam' && /^Reminder: SECAS comments/.test(n.text));
    expect(reminder?.at).toBe('2027-01-15T17:00:00+00:00');
    expect(reminder!.index).toBeLessThan(digests[0]!.index);
  });
});
