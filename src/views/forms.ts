// The forms as neutral data: Slack renders them as modals, Teams as dialogs. A form's fields are its
// command's, declared once (domain/grammar/fields.ts); this file adds what a modification prefills. Every form
// has a text twin (R43, R65): formToText writes the line that parse() reads back to the same command,
// so a submitted form and a typed line take one road into the core.
import { ROUTES } from '../domain/commands.ts';
import type { Field, FieldCommand, FieldValues } from '../domain/grammar/fields.ts';
import { asWord, fieldsOf, quote, twinOf } from '../domain/grammar/fields.ts';
import { parse } from '../domain/grammar/parse.ts';
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

/** A form field from the command's declared field (domain/grammar/fields.ts): kind, options, limits. */
function formField(f: Field): FormField {
  const options = (values: readonly string[]): FieldOption[] =>
    values.map((value) => ({ value, label: f.choices?.[value as keyof typeof f.choices] ?? value }));
  const kind =
    f.syntax === 'flag'
      ? 'checkbox'
      : f.holds === 'choice' || f.holds === 'yes-no'
        ? 'select'
        : f.holds === 'date'
          ? 'date'
          : f.line
            ? 'text'
            : 'textarea';
  return {
    id: f.id,
    label: f.label,
    kind,
    ...(f.syntax === 'flag' ? { options: [{ value: 'yes', label: f.choices?.yes ?? f.label }] } : {}),
    ...(f.holds === 'choice' && f.values ? { options: options(f.values) } : {}),
    // A flag is one box, ticked for yes (R9: `raise … fasttrack`); only a yes-no pair is a yes/no choice.
    ...(f.holds === 'yes-no' && f.syntax !== 'flag' ? { options: options(['yes', 'no']) } : {}),
    ...(f.optional || f.syntax === 'flag' ? { optional: true } : {}),
    ...(f.hint ? { hint: f.hint } : {}),
    // Only where the core's limit is below the platforms' own (titles, organisations).
    ...(f.maxLength !== undefined && f.maxLength < 3000 ? { maxLength: f.maxLength } : {}),
  };
}

/** The form's fields from the command's, with what the modification says filled in. */
const declared = (type: FieldCommand, initial: FieldValues = {}): FormField[] =>
  fieldsOf(type).map((f) => withInitial(formField(f), initial[f.id]));

/** Drops empty optional initial values so a renderer never prefills a blank. */
const withInitial = (f: FormField, initial: string | boolean | undefined): FormField =>
  initial === undefined || initial === '' ? f : { ...f, initial };

/** The most a text box holds on either platform (a Slack modal's input, a Teams dialog's: 3,000). */
export const FORM_INPUT_MAX = 3000;

/**
 * A text longer than a text box holds (a problem statement typed at length) is not prefilled: cut to
 * fit, it would read as the whole text, and submitting would save the cut copy as an amendment. The
 * box is left empty, which keeps the text, and says so.
 */
function notCut(f: FormField): FormField {
  if (typeof f.initial !== 'string') return f;
  const n = [...f.initial].length;
  if (n <= FORM_INPUT_MAX) return f;
  const { initial: _cut, ...rest } = f;
  return {
    ...rest,
    optional: true,
    hint: `It is ${n.toLocaleString('en-GB')} characters long, more than this box holds, so it is not shown here. Leave the box empty to keep it, or write the whole new text.`,
  };
}

// Every form's fields come from its command's declaration (domain/grammar/fields.ts) except two whose
// fields depend on the modification: `respond` has one select per solution, `meeting-propose` a row
// per slot (its command takes positional times). Their twins are built below for the same reason.
function fieldsFor(id: FormId, m: Modification | undefined): FormField[] {
  const iar = m?.iar ?? {};
  switch (id) {
    case 'amend':
      // Prefilled with the current text; only what the proposer changes goes into the twin.
      return declared('amend', {
        title: m?.title,
        problem: m?.problem,
        solution: m?.solution,
        benefits: m?.benefits,
      }).map(notCut);
    case 'iar':
      return declared('iar', {
        ...iar,
        subcommittees: iar.subcommittees?.join(', '),
        dcc: iar.dcc === undefined ? undefined : iar.dcc ? 'yes' : 'no',
      });
    case 'respond': {
      const solutions = m?.solutions.length ? m.solutions : [{ id: 'S0', title: 'Proposed solution' }];
      const positions = [
        { value: 'support', label: 'Support' },
        { value: 'oppose', label: 'Oppose' },
      ];
      return [
        { id: 'org', label: 'Organisation', kind: 'text', maxLength: 200 },
        ...solutions.map((s) => ({
          id: s.id,
          label: `${s.id}: ${s.title}`,
          kind: 'select' as const,
          options: positions,
        })),
        { id: 'comments', label: 'Comments', kind: 'textarea', optional: true },
      ];
    }
    case 'panel-route':
      return declared('panel-route', {
        // The IAR's recommended route, when it is one the chair can pick.
        route: (ROUTES as readonly string[]).includes(iar.route ?? '') ? iar.route : undefined,
        determination: m?.determination,
      });
    case 'meeting-propose':
      return [1, 2, 3, 4, 5].map((n) => ({
        id: `slot${n}`,
        label: `Slot ${n}`,
        kind: 'datetime' as const,
        optional: n > 2,
        ...(n === 1 ? { hint: 'London time. Propose 2 to 5 slots.' } : {}),
      }));
    default:
      return declared(id);
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

/** The R43 twin of a filled form, e.g. `raise title="…" problem="…" fasttrack`. Never throws. */
export function formToText(form: Form, ref: string | undefined, values: FormValues): string {
  const r = form.id === 'raise' ? undefined : (ref ?? form.ref ?? '');
  switch (form.id) {
    case 'amend': {
      const changed = form.fields.filter((f) => str(values[f.id]) !== str(f.initial)).map((f) => f.id);
      return twinOf('amend', r, values, new Set(changed));
    }
    case 'respond': {
      const value = (id: string) => str(values[id]);
      const pair = (id: string) => (value(id) === undefined ? '' : ` ${id}=${quote(value(id) as string)}`);
      const positions = form.fields
        .filter((f) => /^(S0|A\d+)$/.test(f.id) && value(f.id) !== undefined)
        .map((f) => ` ${f.id}=${asWord(value(f.id) as string)}`);
      return `respond ${asWord(r ?? '')}${pair('org')}${positions.join('')}${pair('comments')}`;
    }
    case 'meeting-propose': {
      const slots = form.fields.flatMap((f) => {
        const v = str(values[f.id]);
        return v === undefined ? [] : [` ${asWord(v)}`];
      });
      return `meeting propose ${asWord(r ?? '')}${slots.join('')}`;
    }
    default:
      return twinOf(form.id, r, values);
  }
}

/**
 * Checks across fields, after each field passed its own: what the twin would be refused for, on the
 * field it concerns (or the first), so a form answers like the grammar does (R45). Empty means fine.
 */
export function checkForm(form: Form, values: FormValues): Record<string, string> {
  const first = form.fields[0]?.id;
  if (form.id === 'amend') {
    // A prefilled field emptied: the twin would leave it out (an amendment never clears a field), and the
    // grammar would then ask for any field at all, under the first.
    const emptied = form.fields.find((f) => str(f.initial) !== undefined && str(values[f.id]) === undefined);
    if (emptied)
      return {
        [emptied.id]: `An amendment cannot empty the ${emptied.label.toLowerCase()}: put its text back to keep it as it is.`,
      };
    if (form.fields.every((f) => str(values[f.id]) === str(f.initial)) && first)
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
  return { [fieldOf(form, values, parsed.message) ?? first]: parsed.message };
}

/**
 * The field a refusal is about, so it is shown under that field (R45): the one it names as typed
 * (`by=…`), by its label, or whose answer it quotes ("The report-back date 2020-01-01 must be …");
 * undefined when none can be told.
 */
export function fieldOf(form: Form, values: FormValues, message: string): string | undefined {
  const word = (t: string) => new RegExp(`\\b${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  const byName = form.fields.find(
    (f) => new RegExp(`^${f.id}\\b|\\b${f.id}=`, 'i').test(message) || word(f.label).test(message),
  );
  if (byName) return byName.id;
  const quoted = form.fields.find((f) => {
    const v = str(values[f.id]);
    return v !== undefined && v.length >= 3 && message.includes(v);
  });
  return quoted?.id;
}
