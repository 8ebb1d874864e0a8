// The forms of issue 4 item 3 as neutral data (principle 5): Slack renders them as modals, Teams as dialogs.
// Every form has a text twin (R43, R65): formToText writes the `key="value"` line that parse() reads back
// to the same command, so a submitted form and a typed line take one road into the core.
import { quote } from '../domain/button-twins.ts';
import { DETERMINATIONS, IAR_ROUTES, ROUTES, STANCES } from '../domain/commands.ts';
import { parse } from '../domain/grammar.ts';
import type { Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';

export const FORM_IDS = [
  'raise',
  'amend',
  'iar',
  'view',
  'respond',
  'object',
  'proceed',
  'withdraw',
  'panel-route',
  'panel-stall-notice',
  'panel-close',
  'meeting-propose',
] as const;
export type FormId = (typeof FORM_IDS)[number];
export const isFormId = (s: string): s is FormId => (FORM_IDS as readonly string[]).includes(s);

export type FieldKind = 'text' | 'textarea' | 'select' | 'checkbox' | 'date' | 'datetime';
export interface FieldOption {
  value: string;
  label: string;
}
export interface FormField {
  /** Also the twin's key where the twin has one (R43). */
  id: string;
  label: string;
  kind: FieldKind;
  options?: FieldOption[];
  optional?: boolean;
  /** text/select: a string; checkbox: a boolean; date: YYYY-MM-DD; datetime: London YYYY-MM-DDTHH:MM. */
  initial?: string | boolean;
  hint?: string;
  /** Only where the core's limit is below the platform's own (titles, organisations). */
  maxLength?: number;
}
export interface Form {
  id: FormId;
  title: string;
  submit: string;
  /** A sentence shown above the fields (the reference, what submitting does). */
  intro?: string;
  /** The modification the form is about, as `DP007`/`MP042`; absent for raise. */
  ref?: string;
  fields: FormField[];
}
/** Submitted values: text as typed, select values, checkbox booleans, dates and London datetimes. */
export type FormValues = Partial<Record<string, string | boolean>>;
export interface FormContext {
  ref?: string;
  modification?: Modification;
}

const opts = (values: readonly string[], labels: Record<string, string> = {}): FieldOption[] =>
  values.map((value) => ({ value, label: labels[value] ?? value }));
const text = (id: string, label: string, extra: Partial<FormField> = {}): FormField => ({
  id,
  label,
  kind: 'textarea',
  optional: true,
  ...extra,
});
const select = (
  id: string,
  label: string,
  options: FieldOption[],
  extra: Partial<FormField> = {},
): FormField => ({
  id,
  label,
  kind: 'select',
  options,
  ...extra,
});
const TITLE: FormField = { id: 'title', label: 'Title', kind: 'text', maxLength: 200 };
const PROBLEM: FormField = { id: 'problem', label: 'Problem statement', kind: 'textarea' };
const SOLUTION = text('solution', 'Proposed solution');
const BENEFITS = text('benefits', 'Benefits');
const reason = (label = 'Reason'): FormField => ({ id: 'reason', label, kind: 'textarea' });
const YES_NO = opts(['yes', 'no'], { yes: 'Yes, likely', no: 'No, not likely' });
const ROUTE_LABELS = { fasttrack: 'Fast Track' };
const DETERMINATION_LABELS = { 'self-governance': 'Self-Governance', authority: 'Authority' };

/** Drops empty optional initial values so a renderer never prefills a blank. */
const withInitial = (f: FormField, initial: string | boolean | undefined): FormField =>
  initial === undefined || initial === '' ? f : { ...f, initial };

function fieldsFor(id: FormId, m: Modification | undefined): FormField[] {
  const iar = m?.iar ?? {};
  switch (id) {
    case 'raise':
      return [
        TITLE,
        PROBLEM,
        SOLUTION,
        BENEFITS,
        {
          id: 'fasttrack',
          label: 'Fast Track',
          kind: 'checkbox',
          optional: true,
          options: [{ value: 'yes', label: 'Request Fast Track (a housekeeping change)' }],
        },
      ];
    case 'amend':
      // Prefilled with the current text; only what the proposer changes goes into the twin.
      return [
        withInitial({ ...TITLE, optional: true }, m?.title),
        withInitial({ ...PROBLEM, optional: true }, m?.problem),
        withInitial(SOLUTION, m?.solution),
        withInitial(BENEFITS, m?.benefits),
      ];
    case 'iar':
      return [
        withInitial(
          { ...text('impacts', 'Likely impacts on participants and systems'), optional: false },
          iar.impacts,
        ),
        withInitial(select('route', 'Recommended route', opts(IAR_ROUTES, ROUTE_LABELS)), iar.route),
        withInitial(text('questions', 'Areas and questions to assess'), iar.questions),
        withInitial(text('expertise', 'Expertise wanted for the Working Group'), iar.expertise),
        withInitial(
          text('subcommittees', 'Relevant Sub-Committees', {
            kind: 'text',
            hint: 'Separate names with commas.',
          }),
          iar.subcommittees?.join(', '),
        ),
        withInitial(text('timetable', 'Proposed timetable'), iar.timetable),
        withInitial(
          select('dcc', 'DCC system impacts', YES_NO, { optional: true }),
          iar.dcc === undefined ? undefined : iar.dcc ? 'yes' : 'no',
        ),
      ];
    case 'view':
      return [
        select('stance', 'Your view', opts(STANCES)),
        text('rationale', 'Rationale and merits'),
        text('fit', 'Fit to be raised, or needs more scope work?'),
        text('areas', 'Areas to consider'),
        text('questions', 'Questions for a Working Group'),
        text('parallel', 'Changes to progress in parallel'),
        text('comments', 'Other comments'),
      ];
    case 'respond': {
      const solutions = m?.solutions.length ? m.solutions : [{ id: 'S0', title: 'Proposed solution' }];
      return [
        { id: 'org', label: 'Organisation', kind: 'text', maxLength: 200 },
        ...solutions.map((s) => select(s.id, `${s.id}: ${s.title}`, opts(['support', 'oppose']))),
        text('comments', 'Comments'),
      ];
    }
    case 'object':
      return [reason('Why should this not follow Fast Track?')];
    case 'proceed':
      return [text('rationale', 'Rationale')];
    case 'withdraw':
      return [reason()];
    case 'panel-route':
      return [
        // The IAR's recommended route, when it is one the chair can pick.
        withInitial(
          select('route', 'Route', opts(ROUTES)),
          (ROUTES as readonly string[]).includes(iar.route ?? '') ? iar.route : undefined,
        ),
        withInitial(
          select('determination', 'Determination', opts(DETERMINATIONS, DETERMINATION_LABELS), {
            optional: true,
          }),
          m?.determination,
        ),
        { id: 'by', label: 'Report back by', kind: 'date', optional: true },
        text('questions', 'Areas and questions to answer'),
      ];
    case 'panel-stall-notice':
      return [];
    case 'panel-close':
      return [reason()];
    case 'meeting-propose':
      return [1, 2, 3, 4, 5].map((n) => ({
        id: `slot${n}`,
        label: `Slot ${n}`,
        kind: 'datetime' as const,
        optional: n > 2,
        ...(n === 1 ? { hint: 'London time. Propose 2 to 5 slots.' } : {}),
      }));
  }
}

const HEAD: Record<FormId, { title: string; submit: string; intro?: (ref: string) => string }> = {
  raise: { title: 'Raise a Draft Proposal', submit: 'Raise' },
  amend: { title: 'Amend', submit: 'Amend', intro: (r) => `Change ${r}. Fields you leave as they are stay.` },
  iar: { title: 'Initial Assessment', submit: 'Record', intro: (r) => `Initial Assessment Report for ${r}.` },
  view: { title: 'Give your view', submit: 'Send view', intro: (r) => `Your view on ${r}.` },
  respond: { title: 'Consultation response', submit: 'Respond', intro: (r) => `Your response on ${r}.` },
  object: { title: 'Object to Fast Track', submit: 'Object', intro: (r) => `Object to Fast Track for ${r}.` },
  proceed: { title: 'Proceed', submit: 'Proceed', intro: (r) => `Ask for ${r} to proceed.` },
  withdraw: { title: 'Withdraw', submit: 'Withdraw', intro: (r) => `Withdraw ${r}.` },
  'panel-route': { title: 'Route', submit: 'Route', intro: (r) => `Route ${r}.` },
  'panel-stall-notice': {
    title: 'Stall notice',
    submit: 'Send notice',
    intro: (r) => `Send the stalled-modification notice for ${r}: the proposer is asked for a plan.`,
  },
  'panel-close': { title: 'Close', submit: 'Close it', intro: (r) => `Close ${r} as stalled.` },
  'meeting-propose': {
    title: 'Propose a meeting',
    submit: 'Propose',
    intro: (r) => `Working Group meeting slots for ${r}.`,
  },
};

/** The form with what the context knows filled in (the current title for amend, one select per solution). */
export function formFor(id: FormId, ctx: FormContext = {}): Form {
  const ref = ctx.ref ?? (ctx.modification ? refOf(ctx.modification) : undefined);
  const head = HEAD[id];
  const intro = ref && head.intro ? head.intro(ref) : undefined;
  return {
    id,
    title: head.title,
    submit: head.submit,
    ...(intro ? { intro } : {}),
    ...(ref ? { ref } : {}),
    fields: fieldsFor(id, ctx.modification),
  };
}

const str = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
/** A bare word when it reads back as one; anything else is quoted (R66). */
const word = (s: string): string => (/^[A-Za-z0-9:_.-]+$/.test(s) ? s : quote(s));

/** The R43 twin of a filled form, e.g. `raise title="…" problem="…" fasttrack`. Never throws. */
export function formToText(form: Form, ref: string | undefined, values: FormValues): string {
  const r = word(ref ?? form.ref ?? '');
  const get = (id: string) => str(values[id]);
  const pairs = (ids: readonly string[]) =>
    ids
      .map((id) => [id, get(id)] as const)
      .flatMap(([id, v]) => (v === undefined ? [] : [` ${id}=${quote(v)}`]));
  const key = (id: string) => (get(id) === undefined ? '' : ` ${id}=${word(get(id) as string)}`);
  const pos = (id: string) => (get(id) === undefined ? '' : ` ${word(get(id) as string)}`);
  const trailing = (id: string) => (get(id) === undefined ? '' : ` ${quote(get(id) as string)}`);
  switch (form.id) {
    case 'raise':
      return `raise${pairs(['title', 'problem', 'solution', 'benefits']).join('')}${values.fasttrack === true ? ' fasttrack' : ''}`;
    case 'amend': {
      const changed = form.fields.filter((f) => get(f.id) !== str(f.initial)).map((f) => f.id);
      return `amend ${r}${pairs(changed).join('')}`;
    }
    case 'iar':
      return `iar ${r}${pairs(['impacts']).join('')}${key('route')}${pairs(['questions', 'expertise', 'subcommittees', 'timetable']).join('')}${key('dcc')}`;
    case 'view':
      return `view ${r}${pos('stance')}${pairs(['rationale', 'fit', 'areas', 'questions', 'parallel', 'comments']).join('')}`;
    case 'respond': {
      const positions = form.fields.filter((f) => /^(S0|A\d+)$/.test(f.id)).map((f) => key(f.id));
      return `respond ${r}${pairs(['org']).join('')}${positions.join('')}${pairs(['comments']).join('')}`;
    }
    case 'object':
    case 'withdraw':
      return `${form.id} ${r}${trailing('reason')}`;
    case 'proceed':
      return `proceed ${r}${trailing('rationale')}`;
    case 'panel-route':
      return `panel route ${r}${pos('route')}${pos('determination')}${key('by')}${pairs(['questions']).join('')}`;
    case 'panel-stall-notice':
      return `panel stall-notice ${r}`;
    case 'panel-close':
      return `panel close ${r}${trailing('reason')}`;
    case 'meeting-propose':
      return `meeting propose ${r}${form.fields.map((f) => pos(f.id)).join('')}`;
  }
}

/**
 * Checks across fields, after each field passed its own: what the twin would be refused for, on the
 * field it concerns (or the first), so a form answers like the grammar does (R45). Empty means fine.
 */
export function checkForm(form: Form, values: FormValues): Record<string, string> {
  const first = form.fields[0]?.id;
  if (form.id === 'amend' && form.fields.every((f) => str(values[f.id]) === str(f.initial)) && first) {
    return { [first]: 'Change at least one field.' };
  }
  if (form.id === 'meeting-propose') {
    const seen = new Map<string, string>();
    for (const f of form.fields) {
      const v = str(values[f.id]);
      if (v === undefined) continue;
      const dup = seen.get(v);
      if (dup) return { [f.id]: `The same time as ${dup}.` };
      seen.set(v, f.label);
    }
  }
  const parsed = parse(formToText(form, undefined, values));
  if (parsed.ok || !first) return {};
  const named = form.fields.find((f) => new RegExp(`^${f.id}\\b|\\b${f.id}=`, 'i').test(parsed.message));
  return { [named?.id ?? first]: parsed.message };
}
