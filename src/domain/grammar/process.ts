// Text forms of the proposer's and voters' commands (§6, R43, R60, R65, R66), and the helpers every reader
// shares. Each reader turns the arguments after the subcommand words into a command draft; parse validates it.
import { STANCES } from '../commands.ts';
import { pairKeys } from './fields.ts';
import { Args, intValue, yesNo } from './args.ts';
import type { Token } from './tokens.ts';
import { Bad } from './tokens.ts';
import type { UsageKey } from './usage.ts';

export type Draft = { type: string } & Record<string, unknown>;
export interface Reader {
  key: UsageKey;
  read: (a: Args) => Draft;
}

/** Drops absent optional fields so a command reads the same however it was typed. */
export function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const SOLUTION = /^(s0|a\d{1,3})$/i;

/** Bare words left over where only pairs may follow. */
export function noWords(words: readonly Token[]): void {
  const w = words[0];
  if (w) throw new Bad(`Unexpected ${JSON.stringify(w.raw)}.`);
}

export const wordsText = (a: Args, words: readonly Token[]): string | undefined => {
  const first = words[0];
  if (!first) return undefined;
  if (words.length === 1 && first.quoted) return first.value;
  return words.map((w) => a.text.slice(w.start, w.end)).join(' ');
};

/** Optional `[days]`, positional or `days=`. */
export function days(a: Args): number | undefined {
  const { pairs, words } = a.options(['days']);
  if (words.length > 1) noWords(words.slice(1));
  const v = words[0]?.value ?? pairs.days;
  if (words[0] && pairs.days !== undefined) throw new Bad('Give the number of days once.');
  return v === undefined ? undefined : intValue(v, 'a number of Working Days');
}

export const refOnly = (type: string, key: UsageKey): Reader => ({
  key,
  read: (a) => {
    const ref = a.ref();
    a.end();
    return { type, ref };
  },
});

export const refText = (type: string, key: UsageKey, field: string, optional = false): Reader => ({
  key,
  read: (a) => {
    const ref = a.ref();
    const text = a.rest(field);
    if (text === undefined && !optional) throw new Bad(`Missing the ${field}.`);
    return clean({ type, ref, [field]: text });
  },
});

function splitParts(pairs: Record<string, string>): { title: string; problem: string }[] {
  const parts: { title: string; problem: string }[] = [];
  const get = (k: string, i: number) => (i === 1 ? (pairs[k] ?? pairs[`${k}1`]) : pairs[`${k}${i}`]);
  for (let i = 1; i <= 10; i++) {
    const title = get('title', i);
    const problem = get('problem', i);
    if (title === undefined && problem === undefined) break;
    if (title === undefined || problem === undefined) {
      throw new Bad(`Part ${i} needs both title${i === 1 ? '' : i}="…" and problem${i === 1 ? '' : i}="…".`);
    }
    parts.push({ title, problem });
  }
  const used = parts.length;
  const stray = Object.keys(pairs).find((k) => Number(/\d+$/.exec(k)?.[0] ?? 1) > used);
  if (stray) throw new Bad(`${stray}= has no matching part: number the parts 1, 2, 3… in order.`);
  if (used === 0) throw new Bad('Missing title="…" problem="…".');
  return parts;
}

const SPLIT_KEYS = Array.from({ length: 10 }, (_, i) => [`title${i + 1}`, `problem${i + 1}`]).flat();

export const PARTY_READERS: Record<string, Reader> = {
  raise: {
    key: 'raise',
    read: (a) => {
      const { pairs, words } = a.options(pairKeys('raise'));
      let fastTrack = pairs.fasttrack === undefined ? false : yesNo(pairs.fasttrack);
      for (const w of words) {
        if (!['fasttrack', 'fast-track'].includes(w.value.toLowerCase())) noWords([w]);
        fastTrack = true;
      }
      if (pairs.title === undefined || pairs.problem === undefined)
        throw new Bad('Give title="…" and problem="…".');
      return clean({ type: 'raise', ...pairs, fasttrack: undefined, fastTrack });
    },
  },
  amend: {
    key: 'amend',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(pairKeys('amend'));
      noWords(words);
      if (Object.keys(pairs).length === 0) throw new Bad('Give at least one field to amend.');
      return { type: 'amend', ref, ...pairs };
    },
  },
  withdraw: refText('withdraw', 'withdraw', 'reason'),
  proceed: refText('proceed', 'proceed', 'rationale', true),
  split: {
    key: 'split',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(['title', 'problem', ...SPLIT_KEYS]);
      noWords(words);
      return { type: 'split', ref, parts: splitParts(pairs) };
    },
  },
  'fasttrack request': refOnly('fasttrack-request', 'fasttrack-request'),
  object: refText('object', 'object', 'reason'),
  respond: {
    key: 'respond',
    read: (a) => {
      const ref = a.ref();
      const positions: Record<string, string> = {};
      const rest: Token[] = [];
      while (!a.done) {
        const t = a.next('a field');
        if (t.key !== undefined && SOLUTION.test(t.key)) {
          const v = t.value.toLowerCase();
          if (v !== 'support' && v !== 'oppose') throw new Bad(`${t.key}= must be support or oppose.`);
          positions[t.key.toUpperCase()] = v;
        } else rest.push(t);
      }
      const { pairs, words } = new Args(a.text, rest, 0, a.opts).options(['org', 'comments']);
      noWords(words);
      if (pairs.org === undefined) throw new Bad('Missing org="…".');
      if (Object.keys(positions).length === 0)
        throw new Bad('Give S0=support or S0=oppose (and A1=… for alternatives).');
      return clean({ type: 'respond', ref, org: pairs.org, positions, comments: pairs.comments });
    },
  },
  vote: {
    key: 'vote',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(['solution']);
      const vals = words.map((w) => w.value.toLowerCase());
      const options = vals.filter((v) => !SOLUTION.test(v));
      const sols = [
        ...vals.filter((v) => SOLUTION.test(v)),
        ...(pairs.solution === undefined ? [] : [pairs.solution]),
      ];
      // R80: which options are right depends on the ballot open on that modification, so any words
      // pass here as the option and the vote handler answers a wrong one with that ballot's options
      // (several words too: "sufficient # then …" pasted from a note is answered with the sufficiency
      // ballot's options, not another ballot's).
      const option = options.length > 1 ? words.map((w) => w.value).join(' ') : options[0];
      if (option === undefined)
        throw new Bad(
          "Give the option you vote for, as the ballot's card shows it: approve, reject or abstain on a decision or Fast Track ballot, sufficient or more-work on a sufficiency ballot, proceed or do-not-proceed on an Impact Assessment ballot.",
        );
      if (option.length > 200) throw new Bad('Give one option, a word such as approve or sufficient.');
      if (sols.length > 1) throw new Bad('Give at most one solution (S0, A1…).');
      if (sols[0] !== undefined && !SOLUTION.test(sols[0])) throw new Bad('A solution is S0, A1, A2….');
      return clean({ type: 'vote', ref, option, solution: sols[0]?.toUpperCase() });
    },
  },
  view: {
    key: 'view',
    read: (a) => {
      const ref = a.ref();
      const stance = a.oneOf('support, concerns or oppose', STANCES, {
        concern: 'concerns',
        opposed: 'oppose',
      });
      const { pairs, words } = a.options(pairKeys('view'));
      const free = wordsText(a, words);
      if (free !== undefined && pairs.comments !== undefined) throw new Bad('Give comments once.');
      return clean({ type: 'view', ref, stance, ...pairs, comments: pairs.comments ?? free });
    },
  },
  plan: refText('plan', 'plan', 'text'),
  comment: refText('comment', 'comment', 'text'),
};
