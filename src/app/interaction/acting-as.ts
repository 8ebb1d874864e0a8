// R79: in the local demo the one person at the keyboard can act as any demo person, so a Fast Track
// ballot of five, an objection, a decision ballot and a confirmed meeting are reachable alone. The
// emulator has no user switch, so a line may start with `as <name>`: `as Megan vote DP001 approve` runs
// that one line as Megan; `as Megan` alone switches every later line and click to Megan until `as me`.
// Only local mode (R89: loopback, the embedded database) builds an ActingAs; everywhere else a line
// starting with `as` is refused and nothing runs. The switch is kept in memory per platform identity:
// a restart makes everyone themselves again.
import type { Person, PersonId } from '../../domain/types.ts';
import type { PlatformUser } from '../ports.ts';

/** Who a platform identity is acting as, for this process. */
export interface ActingAs {
  /** The person this identity acts as now, or undefined when it acts as itself. */
  current(user: PlatformUser): { id: PersonId; name: string } | undefined;
  /** Switches this identity to `person`; undefined switches back to itself. */
  set(user: PlatformUser, person: { id: PersonId; name: string } | undefined): void;
}

/**
 * The switch, for local mode only. The database is named so that a real one can never get it (R89:
 * demo people are never written into a real database, and nobody there acts as someone else).
 */
export function actingAs(database: 'pglite' | 'postgres'): ActingAs {
  if (database !== 'pglite')
    throw new Error('acting as another person is for the local demo on the embedded database only');
  const by = new Map<string, { id: PersonId; name: string }>();
  const key = (u: PlatformUser): string | undefined =>
    u.platformId ? `${u.platform}:${u.platformId}` : undefined;
  return {
    current: (u) => {
      const k = key(u);
      return k === undefined ? undefined : by.get(k);
    },
    set: (u, person) => {
      const k = key(u);
      if (k === undefined) return;
      if (person) by.set(k, person);
      else by.delete(k);
    },
  };
}

/** A line that starts with `as` (after an optional `sec`): the words after it and where each starts. */
export interface AsLine {
  /** The words after `as`, with their offsets in `text` (a quoted name is one word). */
  words: { word: string; end: number }[];
  text: string;
}

const AS_START = /^\s*(?:sec\s+)?as(?=\s|$)/i;

/** The line's `as` prefix, or undefined when the line does not start with `as`. */
export function asLine(text: string): AsLine | undefined {
  const m = AS_START.exec(text);
  if (!m) return undefined;
  const words: AsLine['words'] = [];
  const word = /\s*(?:"([^"]*)"|“([^”]*)”|(\S+))/gy;
  word.lastIndex = m[0].length;
  for (let w = word.exec(text); w; w = word.exec(text)) {
    const value = w[1] ?? w[2] ?? w[3] ?? '';
    if (value) words.push({ word: value, end: word.lastIndex });
    // Only the first few words can be a name; the rest of the line is the command, kept as typed.
    if (words.length >= 4) break;
  }
  return { words, text };
}

/** The ways a person may be named after `as`: the full name, the first name, the handle, the e-mail. */
function namesFor(p: Person): string[] {
  const local = p.email.split('@')[0] ?? '';
  return [p.name, p.name.split(/\s+/)[0] ?? '', p.handle ?? '', p.email, local]
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const SELF = new Set(['me', 'myself']);

export type AsTarget =
  { ok: true; person: Person | 'self'; command: string } | { ok: false; message: string };

/**
 * Who `as <name>` names and the command after the name. The longest run of words that names exactly
 * one person wins ("as Megan Bowen vote …" and "as Megan vote …" alike); a name two people share is
 * refused with both names, an unknown one with the directory's names.
 */
export function asTarget(line: AsLine, people: readonly Person[]): AsTarget {
  const rest = (end: number) => line.text.slice(end).trim();
  const first = line.words[0];
  if (!first) return { ok: false, message: usageOf(people) };
  if (SELF.has(first.word.toLowerCase())) return { ok: true, person: 'self', command: rest(first.end) };
  for (let k = line.words.length; k >= 1; k--) {
    const name = line.words
      .slice(0, k)
      .map((w) => w.word)
      .join(' ')
      .toLowerCase();
    const found = people.filter((p) => namesFor(p).includes(name));
    if (found.length === 1)
      return { ok: true, person: found[0] as Person, command: rest(line.words[k - 1]?.end ?? 0) };
    if (found.length > 1)
      return {
        ok: false,
        message: `More than one person is called "${name}": ${found.map((p) => p.name).join(', ')}. Use the full name.`,
      };
  }
  return {
    ok: false,
    message: `Nobody called "${first.word}" is in the directory. ${usageOf(people)}`,
  };
}

const usageOf = (people: readonly Person[]): string =>
  `Type "as" and a person's name, then a command, e.g. "as ${people.find((p) => !p.roles.includes('admin'))?.name.split(/\s+/)[0] ?? 'Megan'} vote DP001 approve"; the people are ${people.map((p) => p.name).join(', ')}.`;

/** Outside local mode: said once, nothing runs (R79). */
export const AS_LOCAL_ONLY =
  'Acting as someone else ("as <name> …") works only in the local demo (npm start with no Slack or Teams credentials). Here every command runs as you; type it without "as".';

/** In the local demo, to anyone who is not an admin: only an admin may act as someone else. */
export const AS_ADMIN_ONLY = 'Only an admin may act as someone else, even in the local demo.';

/** The first line of every reply while someone acts as another person (R79: shown on each reply). */
export const actingLine = (name: string): string => `(Acting as ${name}; type "as me" to be yourself again.)`;

/** The reply to `as <name>` with no command: the switch, and how to switch back. */
export const switchedTo = (name: string): string =>
  `From now on you act as ${name}: what you type and the buttons you click run as ${name}, in every chat, until you type "as me".`;

export const switchedBack = (name: string): string => `You are ${name} again.`;

/** One line for `help` in the local demo: how to act as someone else. */
export const AS_HELP =
  'Local demo: start a line with "as" and a name to act as that person, e.g. "as Megan vote DP001 approve"; "as Megan" alone switches until "as me".';
