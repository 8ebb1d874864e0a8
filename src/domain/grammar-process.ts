// Text forms of the proposer's, voters' and SECAS's commands (§6, R43, R59–R66). Each reader turns
// the arguments after the subcommand words into a command draft; parse validates it with zod.
import { BALLOT_OPTIONS } from './ballots.ts';
import { BALLOT_OPEN_KINDS, DOCS, IAR_ROUTES, STANCES, STEP_STATES } from './commands.ts';
import type { Token } from './grammar-tokens.ts';
import { Args, Bad, intValue, peopleValue, slotValue, splitList, unwrapLink, yesNo } from './grammar-tokens.ts';
import { REFINEMENT_STEPS } from './stages/refinement-steps.ts';
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
const VOTE_OPTIONS = [...new Set(Object.values(BALLOT_OPTIONS).flat())];

/** Bare words left over where only pairs may follow. */
export function noWords(words: readonly Token[]): void {
  const w = words[0];
  if (w) throw new Bad(`Unexpected ${JSON.stringify(w.raw)}.`);
}

const wordsText = (a: Args, words: readonly Token[]): string | undefined => {
  const first = words[0];
  if (!first) return undefined;
  if (words.length === 1 && first.quoted) return first.value;
  return words.map((w) => a.text.slice(w.start, w.end)).join(' ');
};

/** Optional `[days]`, positional or `days=`. */
function days(a: Args): number | undefined {
  const { pairs, words } = a.options(['days']);
  if (words.length > 1) noWords(words.slice(1));
  const v = words[0]?.value ?? pairs.days;
  if (words[0] && pairs.days !== undefined) throw new Bad('Give the number of days once.');
  return v === undefined ? undefined : intValue(v, 'a number of Working Days');
}

const refOnly = (type: string, key: UsageKey): Reader => ({
  key,
  read: (a) => {
    const ref = a.ref();
    a.end();
    return { type, ref };
  },
});

const refText = (type: string, key: UsageKey, field: string, optional = false): Reader => ({
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
const STEP_IDS = REFINEMENT_STEPS.map((d) => d.id).filter((id) => !id.includes('*'));

export const PROCESS_READERS: Record<string, Reader> = {
  raise: {
    key: 'raise',
    read: (a) => {
      const { pairs, words } = a.options(['title', 'problem', 'solution', 'benefits', 'fasttrack']);
      let fastTrack = pairs.fasttrack === undefined ? false : yesNo(pairs.fasttrack);
      for (const w of words) {
        if (!['fasttrack', 'fast-track'].includes(w.value.toLowerCase())) noWords([w]);
        fastTrack = true;
      }
      if (pairs.title === undefined || pairs.problem === undefined) throw new Bad('Give title="…" and problem="…".');
      return clean({ type: 'raise', ...pairs, fasttrack: undefined, fastTrack });
    },
  },
  amend: {
    key: 'amend',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(['title', 'problem', 'solution', 'benefits']);
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
      if (Object.keys(positions).length === 0) throw new Bad('Give S0=support or S0=oppose (and A1=… for alternatives).');
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
      const sols = [...vals.filter((v) => SOLUTION.test(v)), ...(pairs.solution === undefined ? [] : [pairs.solution])];
      const option = options[0];
      if (options.length !== 1 || option === undefined || !VOTE_OPTIONS.includes(option)) {
        throw new Bad(`Give one option: ${VOTE_OPTIONS.join(', ')}.`);
      }
      if (sols.length > 1) throw new Bad('Give at most one solution (S0, A1…).');
      if (sols[0] !== undefined && !SOLUTION.test(sols[0])) throw new Bad('A solution is S0, A1, A2….');
      return clean({ type: 'vote', ref, option, solution: sols[0]?.toUpperCase() });
    },
  },
  view: {
    key: 'view',
    read: (a) => {
      const ref = a.ref();
      const stance = a.oneOf('support, concerns or oppose', STANCES, { concern: 'concerns', opposed: 'oppose' });
      const { pairs, words } = a.options(['rationale', 'fit', 'areas', 'questions', 'parallel', 'comments']);
      const free = wordsText(a, words);
      if (free !== undefined && pairs.comments !== undefined) throw new Bad('Give comments once.');
      return clean({ type: 'view', ref, stance, ...pairs, comments: pairs.comments ?? free });
    },
  },
  plan: refText('plan', 'plan', 'text'),
  comment: refText('comment', 'comment', 'text'),
  iar: {
    key: 'iar',
    read: (a) => {
      const ref = a.ref();
      const known = ['impacts', 'questions', 'expertise', 'route', 'subcommittees', 'timetable', 'dcc'];
      const { pairs, words } = a.options(known);
      noWords(words);
      if (Object.keys(pairs).length === 0) throw new Bad('Give at least impacts="…" and route=….');
      const route = pairs.route?.toLowerCase().replace(/^fast[- ]track$/, 'fasttrack');
      if (route !== undefined && !(IAR_ROUTES as readonly string[]).includes(route)) {
        throw new Bad(`route= must be ${IAR_ROUTES.join(', ')}.`);
      }
      return clean({
        type: 'iar',
        ref,
        ...pairs,
        route,
        subcommittees: pairs.subcommittees === undefined ? undefined : splitList(pairs.subcommittees),
        dcc: pairs.dcc === undefined ? undefined : yesNo(pairs.dcc, 'dcc=yes or dcc=no'),
      });
    },
  },
  'views open': { key: 'views-open', read: (a) => clean({ type: 'views-open', ref: a.ref(), days: days(a) }) },
  'views close': refOnly('views-close', 'views-close'),
  merge: {
    key: 'merge',
    read: (a) => {
      const ref = a.ref();
      a.optOneOf(['into']);
      const into = a.ref();
      a.end();
      return { type: 'merge', ref, into };
    },
  },
  batch: {
    key: 'batch',
    read: (a) => {
      const refs = a.refs();
      a.end();
      if (refs.length < 2) throw new Bad('Name at least two Draft Proposals to batch.');
      return { type: 'batch', refs };
    },
  },
  'wg form': {
    key: 'wg-form',
    read: (a) => {
      const refs = a.refs();
      const people = a.done ? [] : peopleValue(a.text.slice(a.peek()?.start ?? 0), a.opts);
      a.i = a.toks.length;
      return { type: 'wg-form', refs, people };
    },
  },
  'wg add': { key: 'wg-add', read: (a) => personOf(a, 'wg-add') },
  'wg remove': { key: 'wg-remove', read: (a) => personOf(a, 'wg-remove') },
  'solution add': refText('solution-add', 'solution-add', 'title'),
  step: {
    key: 'step',
    read: (a) => {
      const ref = a.ref();
      const raw = a.word('a step id');
      const lower = raw.toLowerCase();
      const step = lower.startsWith('subcommittee:') ? `subcommittee:${raw.slice(13)}` : lower;
      if (!STEP_IDS.includes(step) && !/^subcommittee:\S+$/.test(step)) {
        throw new Bad(`Unknown step ${JSON.stringify(raw)}; steps are ${STEP_IDS.join(', ')}, subcommittee:<name>.`);
      }
      const state = a.oneOf('requested, done or na', STEP_STATES, { 'n/a': 'na' });
      return clean({ type: 'step', ref, step, state, note: a.rest('note') });
    },
  },
  'consult open': { key: 'consult-open', read: (a) => clean({ type: 'consult-open', ref: a.ref(), days: days(a) }) },
  'consult close': refOnly('consult-close', 'consult-close'),
  'ballot open': {
    key: 'ballot-open',
    read: (a) => {
      const ref = a.ref();
      const kind = a.oneOf('sufficiency, ia or decision', BALLOT_OPEN_KINDS, { 'impact-assessment': 'ia' });
      return clean({ type: 'ballot-open', ref, kind, days: days(a) });
    },
  },
  'ballot close': refOnly('ballot-close', 'ballot-close'),
  'meeting propose': {
    key: 'meeting-propose',
    read: (a) => {
      const ref = a.ref();
      const slots: string[] = [];
      while (!a.done) slots.push(slotValue(a.word('a London time YYYY-MM-DDTHH:MM')));
      if (slots.length < 2 || slots.length > 5) throw new Bad(`Propose 2 to 5 slots, not ${slots.length}.`);
      return { type: 'meeting-propose', ref, slots };
    },
  },
  'meeting confirm': {
    key: 'meeting-confirm',
    read: (a) => {
      const ref = a.ref();
      const v = a.word('a slot number or a London time YYYY-MM-DDTHH:MM');
      a.end();
      return { type: 'meeting-confirm', ref, slot: /^\d+$/.test(v) ? intValue(v, 'a slot number') : slotValue(v) };
    },
  },
  'meeting held': {
    key: 'meeting-held',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(['attended', 'comments', 'notes']);
      const notes = wordsText(a, words);
      if (notes !== undefined && pairs.notes !== undefined) throw new Bad('Give the notes once.');
      if (pairs.attended === undefined) throw new Bad('Missing attended=<person,…>.');
      return clean({
        type: 'meeting-held',
        ref,
        attended: peopleValue(pairs.attended, a.opts),
        comments: pairs.comments === undefined ? undefined : peopleValue(pairs.comments, a.opts),
        notes: pairs.notes ?? notes,
      });
    },
  },
  available: {
    key: 'available',
    read: (a) => {
      const ref = a.ref();
      const slot = a.int('a slot number');
      const yes = yesNo(a.word('yes or no'));
      a.end();
      return { type: 'available', ref, slot, yes };
    },
  },
  attend: {
    key: 'attend',
    read: (a) => {
      const ref = a.ref();
      const yes = yesNo(a.word('yes or no'));
      a.end();
      return { type: 'attend', ref, yes };
    },
  },
  report: {
    key: 'report',
    read: (a) => {
      const ref = a.ref();
      const doc = a.oneOf(DOCS.join(', '), DOCS, { mr: 'modification', dr: 'development' });
      const link = unwrapLink(a.word('a link'));
      const { pairs, words } = a.options(['note', 'items']);
      let nonMaterial = false;
      const left = words.filter((w) => {
        const hit = ['non-material', 'nonmaterial'].includes(w.value.toLowerCase());
        nonMaterial ||= hit;
        return !hit;
      });
      const note = wordsText(a, left);
      if (note !== undefined && pairs.note !== undefined) throw new Bad('Give the note once.');
      const items = pairs.items === undefined ? undefined : splitList(pairs.items);
      return clean({ type: 'report', ref, doc, link, nonMaterial, note: pairs.note ?? note, items });
    },
  },
  authority: {
    key: 'authority',
    read: (a) => {
      const ref = a.ref();
      const decision = a.oneOf('approved, rejected or sent-back', ['approved', 'rejected', 'sent-back'] as const, {
        approve: 'approved',
        reject: 'rejected',
        'send-back': 'sent-back',
        sentback: 'sent-back',
      });
      const stage = decision === 'sent-back' ? a.optOneOf(['refinement', 'report'] as const) : undefined;
      return clean({ type: 'authority', ref, decision, stage, note: a.rest('note') });
    },
  },
  implement: {
    key: 'implement',
    read: (a) => {
      const ref = a.ref();
      const date = a.date();
      a.end();
      return { type: 'implement', ref, date };
    },
  },
  'extension request': {
    key: 'extension-request',
    read: (a) => {
      const ref = a.ref();
      const item = a.word('a timetable item');
      const date = a.date();
      const reason = a.rest('reason');
      if (reason === undefined) throw new Bad('Missing the reason.');
      return { type: 'extension-request', ref, item, date, reason };
    },
  },
};

function personOf(a: Args, type: string): Draft {
  const ref = a.ref();
  const person = a.person();
  a.end();
  return { type, ref, person };
}
