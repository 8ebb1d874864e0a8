// Text forms of SECAS's commands (§6, R11, R51, R56, R59–R65): assessment, Working Groups, steps,
// consultations, ballots, meetings, reports and decisions.
import { BALLOT_OPEN_KINDS, DOCS, IAR_ROUTES, STEP_STATES } from '../commands.ts';
import type { Args } from './args.ts';
import { intValue, peopleValue, slotValue, yesNo } from './args.ts';
import type { Draft, Reader } from './process.ts';
import { clean, days, noWords, refOnly, refText, wordsText } from './process.ts';
import { Bad, splitList, splitNames, unwrapLink } from './tokens.ts';
import { REFINEMENT_STEPS } from '../stages/refinement-steps.ts';
import { pairKeys } from './fields.ts';

const STEP_IDS = REFINEMENT_STEPS.map((d) => d.id).filter((id) => !id.includes('*'));

export const SECAS_READERS: Record<string, Reader> = {
  iar: {
    key: 'iar',
    read: (a) => {
      const ref = a.ref();
      const { pairs, words } = a.options(pairKeys('iar'));
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
        subcommittees: pairs.subcommittees === undefined ? undefined : splitNames(pairs.subcommittees),
        dcc: pairs.dcc === undefined ? undefined : yesNo(pairs.dcc, 'dcc=yes or dcc=no'),
      });
    },
  },
  'views open': {
    key: 'views-open',
    read: (a) => clean({ type: 'views-open', ref: a.ref(), days: days(a) }),
  },
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
      const raw = subcommitteeName(a, a.word('a step id'));
      const lower = raw.toLowerCase();
      const step = lower.startsWith('subcommittee:') ? `subcommittee:${raw.slice(13)}` : lower;
      if (!STEP_IDS.includes(step) && !/^subcommittee:\S/.test(step)) {
        throw new Bad(
          `Unknown step ${JSON.stringify(raw)}; steps are ${STEP_IDS.join(', ')}, subcommittee:<name>.`,
        );
      }
      const state = a.oneOf('requested, done or na', STEP_STATES, { 'n/a': 'na' });
      return clean({ type: 'step', ref, step, state, note: a.rest('note') });
    },
  },
  'consult open': {
    key: 'consult-open',
    read: (a) => clean({ type: 'consult-open', ref: a.ref(), days: days(a) }),
  },
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
      return {
        type: 'meeting-confirm',
        ref,
        slot: /^\d+$/.test(v) ? intValue(v, 'a slot number') : slotValue(v),
      };
    },
  },
  'meeting cancel': {
    key: 'meeting-cancel',
    read: (a) => {
      const ref = a.ref();
      // An optional London time picks one of several confirmed meetings; the rest is the reason.
      const first = a.peek();
      const at =
        first?.key === undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(first?.value ?? '')
          ? slotValue(a.word('a London time YYYY-MM-DDTHH:MM'))
          : undefined;
      return clean({ type: 'meeting-cancel', ref, at, reason: a.rest('reason') });
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
      const decision = a.oneOf(
        'approved, rejected or sent-back',
        ['approved', 'rejected', 'sent-back'] as const,
        {
          approve: 'approved',
          reject: 'rejected',
          'send-back': 'sent-back',
          sentback: 'sent-back',
        },
      );
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

/**
 * R16.3: a Sub-Committee's name may contain spaces (`subcommittee:Security Sub-Committee done`), so an
 * unquoted `subcommittee:` step id runs up to the state word.
 */
function subcommitteeName(a: Args, first: string): string {
  if (!/^subcommittee:/i.test(first)) return first;
  const left = a.toks.slice(a.i);
  const states: readonly string[] = [...STEP_STATES, 'n/a'];
  const at = left.findIndex((t) => t.key !== undefined || states.includes(t.value.toLowerCase()));
  const words = at > 0 && left[at]?.key === undefined ? left.slice(0, at) : [];
  a.i += words.length;
  return [first, ...words.map((t) => t.value)].join(' ').trim().replace(/\s+/g, ' ');
}

function personOf(a: Args, type: string): Draft {
  const ref = a.ref();
  const person = a.person();
  a.end();
  return { type, ref, person };
}
