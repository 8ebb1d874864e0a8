// R68: the scripted-mode file, read into typed steps before anything runs, so that a malformed file
// changes nothing and the error names its physical line. Pure: no I/O, no clock.
import { parseSetting, SETTING_KEYS, type Settings } from '../../src/domain/settings.ts';
import { ROLES, type Role } from '../../src/domain/types.ts';
import { parseLondonDateTime } from '../../src/domain/working-days.ts';

export interface ScriptPerson {
  line: number;
  handle: string;
  email: string;
  name: string;
  roles: Role[];
  group?: string;
  /** The handle of this member's alternate (R62). */
  alt?: string;
}

export type ScriptStep =
  | { kind: 'config'; line: number; key: keyof Settings; patch: Partial<Settings> }
  | { kind: 'advance'; line: number; at: Date }
  | { kind: 'command'; line: number; at: Date; handle: string; text: string };

export interface Script {
  /** The line of `people:`, when there is a block. */
  peopleLine?: number;
  people: ScriptPerson[];
  steps: ScriptStep[];
}

export type ScriptParse = { ok: true; script: Script } | { ok: false; line: number; message: string };

class Malformed extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const HANDLE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
// Deliberately loose: the directory keys people by the lower-cased e-mail, it does not mail them.
const EMAIL = /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/;
const TIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

/** Splits a people line into words; `"…"` (with `\"` escapes) is one word, also after `key=`. */
function words(text: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] ?? '')) {
      i++;
      continue;
    }
    let word = '';
    while (i < text.length && !/\s/.test(text[i] ?? '')) {
      const c = text[i] ?? '';
      if (c !== '"') {
        word += c;
        i++;
        continue;
      }
      const start = i++;
      let closed = false;
      while (i < text.length) {
        const q = text[i] ?? '';
        if (q === '\\' && text[i + 1] === '"') {
          word += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          closed = true;
          break;
        } else {
          word += q;
          i++;
        }
      }
      if (!closed) throw new Malformed(line, `unterminated quote at column ${start + 1}`);
    }
    out.push(word);
  }
  return out;
}

const PERSON_USAGE = 'expected: handle email "Full Name" role[,role] [group=X] [alt=handle]';

function personLine(raw: string, line: number): ScriptPerson {
  const nameStart = raw.indexOf('"');
  const head = (nameStart < 0 ? raw : raw.slice(0, nameStart)).trim().split(/\s+/);
  if (nameStart < 0 || head.length !== 2)
    throw new Malformed(line, `malformed person line (${PERSON_USAGE})`);
  const [handle = '', email = ''] = head;
  if (!HANDLE.test(handle))
    throw new Malformed(line, `bad handle ${JSON.stringify(handle)} (${PERSON_USAGE})`);
  if (!EMAIL.test(email)) throw new Malformed(line, `bad e-mail ${JSON.stringify(email)} (${PERSON_USAGE})`);
  const [name = '', roleList, ...options] = words(raw.slice(nameStart), line);
  if (name.trim() === '') throw new Malformed(line, `empty name (${PERSON_USAGE})`);
  if (roleList === undefined || roleList.includes('=')) {
    throw new Malformed(line, `missing roles (${PERSON_USAGE}; roles: ${ROLES.join(', ')})`);
  }
  const roles: Role[] = [];
  for (const r of roleList.split(',')) {
    const role = ROLES.find((x) => x === r);
    if (!role) throw new Malformed(line, `unknown role ${JSON.stringify(r)} (roles: ${ROLES.join(', ')})`);
    if (!roles.includes(role)) roles.push(role);
  }
  const person: ScriptPerson = { line, handle, email, name: name.trim(), roles };
  for (const opt of options) {
    const m = /^(group|alt)=(.+)$/.exec(opt);
    if (!m) throw new Malformed(line, `unexpected ${JSON.stringify(opt)} (${PERSON_USAGE})`);
    const value = (m[2] ?? '').trim();
    if (m[1] === 'group') {
      if (person.group !== undefined || value === '')
        throw new Malformed(line, `bad group= (${PERSON_USAGE})`);
      person.group = value;
    } else {
      if (person.alt !== undefined || !HANDLE.test(value)) {
        throw new Malformed(line, `bad alt= (${PERSON_USAGE})`);
      }
      person.alt = value;
    }
  }
  return person;
}

function checkPeople(people: ScriptPerson[]): void {
  const byHandle = new Map<string, ScriptPerson>();
  const byEmail = new Map<string, ScriptPerson>();
  for (const p of people) {
    // The directory treats handles without regard to case, so `Al` and `al` would be one person.
    const h = byHandle.get(p.handle.toLowerCase());
    if (h) throw new Malformed(p.line, `duplicate handle ${p.handle} (first on line ${h.line})`);
    const e = byEmail.get(p.email.toLowerCase());
    if (e) throw new Malformed(p.line, `duplicate e-mail ${p.email} (first on line ${e.line})`);
    byHandle.set(p.handle.toLowerCase(), p);
    byEmail.set(p.email.toLowerCase(), p);
  }
  const chairs = people.filter((p) => p.roles.includes('panel_chair'));
  const [firstChair, secondChair] = chairs;
  if (firstChair && secondChair) {
    throw new Malformed(
      secondChair.line,
      `a second panel_chair (R54: one chair; first on line ${firstChair.line})`,
    );
  }
  // Alternates may name someone further down the block, so they are checked once it is complete.
  for (const p of people) {
    if (p.alt === undefined) continue;
    if (p.alt === p.handle) throw new Malformed(p.line, `${p.handle} cannot be their own alternate`);
    if (!people.some((q) => q.handle === p.alt))
      throw new Malformed(p.line, `unknown handle ${p.alt} in alt=`);
    // R62: a person is the alternate for one member only (a vote counts in one seat).
    const first = people.find((q) => q.alt === p.alt);
    if (first && first !== p) {
      throw new Malformed(
        p.line,
        `${p.alt} is already the alternate for ${first.handle} (line ${first.line}); a person can be the alternate for one member only`,
      );
    }
  }
}

function configLine(rest: string, line: number): ScriptStep {
  const m = /^([A-Z0-9_]+)=(.*)$/.exec(rest.trim());
  if (!m) throw new Malformed(line, 'expected: config KEY=value');
  const key = SETTING_KEYS.find((k) => k === m[1]);
  if (!key) throw new Malformed(line, `unknown setting ${m[1]} (settings: ${SETTING_KEYS.join(', ')})`);
  // R47, R68: the same line as a wrong value in the environment gets.
  const r = parseSetting(key, m[2]);
  if (!r.ok) throw new Malformed(line, r.error);
  return { kind: 'config', line, key, patch: { [key]: r.value } };
}

export function parseScript(source: string): ScriptParse {
  try {
    return { ok: true, script: read(source) };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, line: e.line, message: e.message };
    throw e;
  }
}

function read(source: string): Script {
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  const people: ScriptPerson[] = [];
  const steps: ScriptStep[] = [];
  let inPeople = false;
  let seenPeople = false;
  let peopleLine: number | undefined;
  let last: { at: Date; line: number } | undefined;
  const known = new Set<string>();

  const time = (word: string, line: number): Date => {
    const at = TIME_SHAPE.test(word) ? parseLondonDateTime(word) : undefined;
    if (!at)
      throw new Malformed(line, `bad time ${JSON.stringify(word)} (expected YYYY-MM-DDTHH:MM[:SS], London)`);
    if (last && at.getTime() < last.at.getTime()) {
      throw new Malformed(line, `time ${word} is before the time on line ${last.line}`);
    }
    last = { at, line };
    return at;
  };

  lines.forEach((physical, index) => {
    const line = index + 1;
    const text = physical.replace(/\r$/, '').trim();
    if (inPeople) {
      if (text === '') {
        inPeople = false;
        checkPeople(people);
        for (const p of people) known.add(p.handle);
      } else if (!text.startsWith('#')) {
        people.push(personLine(text, line));
      }
      return;
    }
    if (text === '' || text.startsWith('#')) return;
    const [first = '', ...restWords] = text.split(/\s+/);
    if (first === 'people:' && restWords.length === 0) {
      if (seenPeople) throw new Malformed(line, 'a second people: block (there is one, at the top)');
      if (steps.length > 0) throw new Malformed(line, 'the people: block must come before the other lines');
      inPeople = seenPeople = true;
      peopleLine = line;
      return;
    }
    if (first === 'config') {
      steps.push(configLine(text.slice('config'.length), line));
      return;
    }
    if (first === 'advance') {
      if (restWords.length !== 1) throw new Malformed(line, 'expected: advance <YYYY-MM-DDTHH:MM[:SS]>');
      steps.push({ kind: 'advance', line, at: time(restWords[0] ?? '', line) });
      return;
    }
    if (!/^\d/.test(first)) {
      throw new Malformed(
        line,
        `expected a time, advance, config or a comment, got ${JSON.stringify(first)}`,
      );
    }
    const at = time(first, line);
    const m = /^\S+\s+(\S+)(?:\s+(.*))?$/.exec(text);
    const handle = m?.[1];
    const command = m?.[2]?.trim() ?? '';
    if (handle === undefined || command === '') {
      throw new Malformed(line, 'expected: <time> <handle> <subcommand text>');
    }
    if (!known.has(handle)) throw new Malformed(line, `unknown handle ${handle} (not in the people: block)`);
    steps.push({ kind: 'command', line, at, handle, text: command });
  });
  // A people block that runs to the end of the file has no closing blank line; check it all the same.
  if (inPeople) checkPeople(people);
  return peopleLine === undefined ? { people, steps } : { peopleLine, people, steps };
}
