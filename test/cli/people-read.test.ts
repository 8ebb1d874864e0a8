// R71: what a person reads never shows rule numbers, internal ids, raw event or code names, marks the
// platform shows literally (backticks in Teams) or disagreeing counts. The walk plays every
// examples/*.sec script through the real engine and, between its lines, asks what people ask (status,
// history, help, list mine, a wrong vote option, a typo), then checks every reply and notification.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { play } from '../../adapters/cli/script.ts';
import { parseScript, type ScriptStep } from '../../adapters/cli/script-file.ts';
import type { OutputItem } from '../../adapters/cli/script-output.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { commandsAs } from '../../src/views/hints.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const scripts = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.sec'))
  .sort();

/** The event types' names as the history used to print them ("deadline set", "status changed"). */
const RAW_EVENTS = [
  'Raised',
  'Amended',
  'FastTrackRequested',
  'CommentSent',
  'IarRecorded',
  'StatusChanged',
  'Promoted',
  'ViewsOpened',
  'ViewGiven',
  'ViewsClosed',
  'Routed',
  'DeterminationSet',
  'WorkingGroupFormed',
  'StepChanged',
  'BallotOpened',
  'VoteCast',
  'BallotClosed',
  'ConsultationOpened',
  'ResponseGiven',
  'ConsultationClosed',
  'MeetingProposed',
  'AvailabilityGiven',
  'MeetingConfirmed',
  'MeetingHeld',
  'DocumentRecorded',
  'DecisionSummaryDrafted',
  'ReportApproved',
  'FastTrackApproved',
  'RouteRequired',
  'Objected',
  'AuthorityDecided',
  'ImplementationDateSet',
  'DeadlineSet',
  'DeadlineCancelled',
  'DeadlineFired',
  'ReminderSent',
];
const spaced = (t: string): string => t.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Each leak with the pattern that finds it. */
function leaks(text: string, ids: readonly string[]): string[] {
  const found: string[] = [];
  const check = (what: string, re: RegExp): void => {
    const m = re.exec(text);
    if (m) found.push(`${what}: "${m[0]}"`);
  };
  check('rule number', /\bR\d{1,2}(?:\.\d+)?\b|§\s?\d/);
  check('ballot, meeting or consultation id', /\b(?:wg|mtg|meeting|fasttrack|decision|sufficiency|ia|c)-\d/);
  check('deadline id', /\b\d+\.\d+\.\d+\b/);
  check('code name', /\b[a-z]+_[a-z_]+\b|\bfasttrack: |\bself governance\b/);
  check(
    'status in code form',
    /\b(?:awaiting panel|awaiting authority|fast track window|change board views|initial assessment)\b/,
  );
  check('backtick', /`/);
  // R35: a tally counts votes in words ("5 votes to approve"), never by the option's id ("5 approve").
  check(
    'ballot option id as a count',
    /\b\d+ (?:approve|reject|abstain|sufficient|more-work|proceed|do-not-proceed|against)\b/,
  );
  check('count that disagrees', /\b1 (?:[A-Z][a-z]+ )?(?:members|views|responses|votes|slots|days)\b/);
  for (const t of RAW_EVENTS) {
    if (/[a-z][A-Z]/.test(t)) check('event name', new RegExp(`\\b${t}\\b`));
    check('raw event name', new RegExp(`: ${spaced(t)}$`, 'm'));
  }
  for (const id of ids)
    check('person id', new RegExp(`(?<![\\w.@-])${id.replace(/[.]/g, '\\.')}(?![\\w@-])`));
  return found;
}

/** Every text people read in one example, with the queries asked between its lines. */
async function walk(name: string): Promise<{ texts: string[]; ids: string[] }> {
  const parsed = parseScript(readFileSync(join(EXAMPLES, name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}:${parsed.line}: ${parsed.message}`);
  const s = parsed.script;
  const refs = new Set<string>();
  const steps: ScriptStep[] = [];
  const ask = (at: Date, handle: string, text: string): void => {
    steps.push({ kind: 'command', line: 0, at, handle, text });
  };
  for (const step of s.steps) {
    steps.push(step);
    if (step.kind !== 'command') continue;
    for (const m of step.text.matchAll(/\b[DM]P\d{3}\b/g)) refs.add(m[0]);
    for (const r of refs) {
      ask(step.at, step.handle, `status ${r}`);
      ask(step.at, step.handle, `history ${r}`);
    }
    ask(step.at, step.handle, 'help');
  }
  const end = [...s.steps].reverse().find((x) => x.kind !== 'config');
  const at = end && 'at' in end ? end.at : new Date();
  for (const p of s.people) {
    for (const q of ['help', 'list mine', 'stauts', 'help voting', 'help all', 'help vote'])
      ask(at, p.handle, q);
    for (const r of refs) ask(at, p.handle, `vote ${r} yes`);
  }
  const store = await openStore({ memory: true });
  try {
    const engine = createEngine(store, { settings: { ...DEFAULT_SETTINGS } });
    const texts = new Set<string>();
    const print = (item: OutputItem): void => {
      if (item.kind === 'command') texts.add(item.reply);
      if (item.kind === 'notify') texts.add(item.text);
    };
    await play({ ...s, steps }, engine, print, name);
    // A handle is a person id where it is the person's first name or has a digit ("alice", "cb1"),
    // not where it is also a word people read ("chair").
    const ids = s.people.flatMap((p) => [
      p.email.toLowerCase(),
      ...(/\d/.test(p.handle) || p.name.toLowerCase().startsWith(`${p.handle} `) ? [p.handle] : []),
    ]);
    return { texts: [...texts], ids };
  } finally {
    await store.close();
  }
}

describe('R71 what people read in the examples, with their questions between the lines', () => {
  const read = new Map<string, { texts: string[]; ids: string[] }>();
  beforeAll(async () => {
    for (const name of scripts) read.set(name, await walk(name));
  }, 300_000);

  it('walks all four scripts and reads dozens of texts in each', () => {
    expect([...read.keys()]).toEqual(scripts);
    for (const [name, r] of read) expect(r.texts.length, name).toBeGreaterThan(40);
  });

  for (const name of scripts) {
    it(`${name}: no rule number, internal id, code name, backtick or wrong plural`, () => {
      const r = read.get(name);
      expect(r).toBeDefined();
      const found = (r?.texts ?? []).flatMap((t) => leaks(t, r?.ids ?? []).map((l) => `${l} in: ${t}`));
      expect(found).toEqual([]);
    });
  }

  it('the leak finder finds each kind of leak it names', () => {
    const ids = ['alice', 'alice@example.org'];
    for (const bad of [
      'Closed the ballot. fasttrack: unanimity: 5 approve',
      'Simple majority: 4 sufficient, 1 against — passed',
      'Determination: self governance.',
      'Working Group wg-2-21',
      'Working Day arithmetic, R32',
      'Status: awaiting panel.',
      'close it with `ballot close DP001`',
      'at least 1 Panel members vote',
      'Thu 14 Jan 2027, 10:00 · Hal Chair: deadline set',
      'Thu 18 Feb 2027, 17:00 · the bot: deadline consult-close:wg 1.27.0',
      'attended=alice,bob',
      'route_required',
    ])
      expect(leaks(bad, ids), bad).not.toEqual([]);
    expect(leaks('Alice Proposer voted Approve on the Panel Fast Track ballot.', ids)).toEqual([]);
  });
});

/** The replies of a small script, line by line. */
async function replies(source: string): Promise<Map<number, string>> {
  const parsed = parseScript(source);
  if (!parsed.ok) throw new Error(`${parsed.line}: ${parsed.message}`);
  const store = await openStore({ memory: true });
  try {
    const engine = createEngine(store, { settings: { ...DEFAULT_SETTINGS } });
    const out = new Map<number, string>();
    await play(
      parsed.script,
      engine,
      (item) => {
        // Bare, as scripted mode prints them (commands are marked in the core, views/hints.ts).
        if (item.kind === 'command') out.set(item.line, commandsAs(item.reply, undefined));
      },
      'inline',
    );
    return out;
  } finally {
    await store.close();
  }
}

describe('R80 a wrong option gets the options of the ballot open on that modification', () => {
  it('lists only the Fast Track options, or says that no ballot is open', async () => {
    const r = await replies(
      [
        'people:',
        'chair chair@example.org "Hal Chair" panel_chair',
        'pm1 pm1@example.org "Ines Panel" panel',
        'alice alice@example.org "Alice Proposer" party',
        '',
        '2027-03-01T09:00 chair panel raise-fasttrack title="Rename" problem="Old name"',
        '2027-03-01T09:05 alice raise title="Other" problem="Something else"',
        '2027-03-01T09:10 pm1 vote DP001 yes',
        '2027-03-01T09:11 pm1 vote DP002 yes',
        '2027-03-01T09:12 pm1 stauts DP001',
      ].join('\n'),
    );
    expect(r.get(8)).toBe(
      '"yes" is not an option on the Panel Fast Track ballot: Approve, Reject, Abstain (vote DP001 approve|reject|abstain).',
    );
    expect(r.get(8)).not.toMatch(/sufficient|proceed/i);
    expect(r.get(9)).toBe('There is no open ballot on DP002.');
    expect(r.get(10)).toBe('Unknown command "stauts". Did you mean "status"? Usage: status <ref>');
  }, 60_000);
});
