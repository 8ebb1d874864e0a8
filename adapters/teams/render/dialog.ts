// Neutral form → an Adaptive Card for a Teams dialog (task module), the twin of
// adapters/slack/render/modals.ts, and a submitted dialog's data → form values or per-field errors. Each
// input's id is the field id, so the submitted data holds the field's value under that id; the submit
// button's own data uses `secForm`/`secRef`, which no field id can take. Teams sends every input value as
// a string (a toggle as "true"/"false"). Times are London wall-clock in the form model (R63): Teams has
// no date-time input, so a datetime is one text input `YYYY-MM-DD HH:MM` read as London time.
//
// A dialog opens from a card through an `Action.Submit` whose data carries `msteams: { type:
// 'task/fetch' }` (an Action.Execute cannot open one). The rest of that data is small and checked: a
// card button's shared payload (`action` + the ACTION_SCHEMAS value, as for Action.Execute), or, for the
// "open the form" button offered after a typed command, the DialogMeta below.
import { isRecord } from '../is-record.ts';
import type { TaskModuleResponse } from '@microsoft/teams.api';
import type {
  CardElementArray,
  IAdaptiveCard,
  IChoiceSetInput,
  IDateInput,
  ISubmitAction,
  ITextBlock,
  ITextInput,
  IToggleInput,
} from '@microsoft/teams.cards';
import type { ActionError } from '../../../src/views/actions.ts';
import { actionToCommand, opensForm } from '../../../src/views/actions.ts';
import type { FieldRead, Submission } from '../../../src/views/form-read.ts';
import { checkValue, readForm } from '../../../src/views/form-read.ts';
import type { Form, FormField, FormId, FormValues } from '../../../src/views/forms.ts';
import { isFormId } from '../../../src/views/forms.ts';
import { parseRef } from '../../../src/domain/grammar/args.ts';
import { MAX_DATA_BYTES, decodeExecute } from '../actions.ts';
import { parseLondonDateTime } from '../../../src/domain/working-days.ts';
import { CARD_SCHEMA, taskFetchData } from './card.ts';
import { escapeFit, fitRaw } from './escape.ts';
import { commandsAs } from '../../../src/views/hints.ts';

export const DIALOG_LIMITS = { label: 200, input: 3000, hint: 500, title: 60 } as const;
export const DATETIME_PLACEHOLDER = 'YYYY-MM-DD HH:MM (London)';

export interface DialogOptions {
  ref?: string;
  /** Values to show again (a dialog answered with errors keeps what was typed). */
  values?: FormValues;
  /** Per-field errors from readDialogSubmission, shown under their fields. */
  errors?: Record<string, string>;
}

/** What the submit button adds to the submitted data: which form, about which modification. */
export interface DialogMeta {
  secForm: FormId;
  secRef?: string;
}

const asString = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

function input(f: FormField, shown: string | boolean | undefined): CardElementArray[number] {
  const label = fitRaw(f.label, DIALOG_LIMITS.label);
  // An unticked toggle is an answer (false), so Teams must not insist on it.
  const required = f.optional !== true && f.kind !== 'checkbox';
  const common = { id: f.id, label, ...(required ? { isRequired: true, errorMessage: 'Required.' } : {}) };
  // Input values are edited, not displayed as Markdown: they stay raw (escaping would be saved back).
  const value = asString(shown);
  switch (f.kind) {
    case 'text':
    case 'textarea': {
      const maxLength = Math.min(f.maxLength ?? DIALOG_LIMITS.input, DIALOG_LIMITS.input);
      return {
        type: 'Input.Text',
        ...common,
        maxLength,
        ...(f.kind === 'textarea' ? { isMultiline: true } : {}),
        ...(value ? { value: fitRaw(value, maxLength) } : {}),
      } satisfies ITextInput;
    }
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        placeholder: 'Choose',
        choices: (f.options ?? []).map((o) => ({
          title: fitRaw(o.label, DIALOG_LIMITS.label),
          value: o.value,
        })),
        ...(value && f.options?.some((o) => o.value === value) ? { value } : {}),
      } satisfies IChoiceSetInput;
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        ...common,
        title: fitRaw(f.options?.[0]?.label ?? f.label, DIALOG_LIMITS.label),
        valueOn: 'true',
        valueOff: 'false',
        value: shown === true || shown === 'true' ? 'true' : 'false',
      } satisfies IToggleInput;
    case 'date':
      return { type: 'Input.Date', ...common, ...(value ? { value } : {}) } satisfies IDateInput;
    case 'datetime':
      return {
        type: 'Input.Text',
        ...common,
        placeholder: DATETIME_PLACEHOLDER,
        maxLength: 16,
        ...(value ? { value: value.replace('T', ' ') } : {}),
      } satisfies ITextInput;
  }
}

const note = (text: string, extra: Partial<ITextBlock> = {}): ITextBlock => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** The dialog's Adaptive Card: intro, one input per field (hint and any error under it), Submit. */
export function renderDialog(form: Form, opts: DialogOptions = {}): IAdaptiveCard {
  const ref = opts.ref ?? form.ref;
  const meta: DialogMeta = { secForm: form.id, ...(ref ? { secRef: ref } : {}) };
  const body: CardElementArray = [];
  if (form.intro) body.push(note(escapeFit(form.intro, DIALOG_LIMITS.input)));
  for (const f of form.fields) {
    body.push(input(f, opts.values?.[f.id] ?? f.initial));
    if (f.hint) body.push(note(escapeFit(f.hint, DIALOG_LIMITS.hint), { isSubtle: true, size: 'Small' }));
    const error = opts.errors?.[f.id];
    if (error) body.push(note(escapeFit(error, DIALOG_LIMITS.hint), { color: 'Attention', size: 'Small' }));
  }
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body,
    actions: [{ type: 'Action.Submit', title: fitRaw(form.submit, DIALOG_LIMITS.title), data: meta }],
  };
}

/** The task module answer that opens (or re-shows, with errors) the dialog. */
export function dialogResponse(form: Form, opts: DialogOptions = {}): TaskModuleResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: fitRaw(form.title, DIALOG_LIMITS.title),
        card: { contentType: 'application/vnd.microsoft.card.adaptive', content: renderDialog(form, opts) },
      },
    },
  };
}

/** The form a dialog submission's data names, and its reference, if it is one of ours. */
export function dialogMeta(data: unknown): DialogMeta | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { secForm, secRef } = data as Record<string, unknown>;
  if (typeof secForm !== 'string' || !isFormId(secForm)) return undefined;
  return { secForm, ...(typeof secRef === 'string' ? { secRef } : {}) };
}

export type { Submission } from '../../../src/views/form-read.ts';

/** One field of a dialog's data, as the neutral reader wants it (every value is a string on Teams). */
function readField(f: FormField, raw: unknown): FieldRead {
  const v = typeof raw === 'string' ? raw.trim() : typeof raw === 'boolean' ? String(raw) : '';
  if (f.kind === 'checkbox') return { value: v === 'true' };
  if (f.kind !== 'datetime') return checkValue(f, v);
  if (v === '') return {};
  const iso = v.replace(/\s+/, 'T');
  return parseLondonDateTime(iso) && /T\d{2}:\d{2}$/.test(iso)
    ? { value: iso }
    : { error: `Write it as ${DATETIME_PLACEHOLDER}.` };
}

/** The form's values from a dialog's submitted data, or errors keyed by field id. */
export function readDialogSubmission(form: Form, data: unknown): Submission {
  const got = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return readForm(form, (f) => readField(f, Object.hasOwn(got, f.id) ? got[f.id] : undefined));
}

/** Which dialog a `task/fetch` asks for, or a typed error (R45): never a throw. */
export type DialogRequest = { ok: true; form: FormId; ref?: string } | ActionError;

const bad = (message: string): ActionError => ({ ok: false, code: 'bad_value', message });

/**
 * A `task/fetch` invoke's value (`{ data, context }`) back to a form and reference. The data is a card
 * button's shared payload, decoded with the same schemas as a click (it must be one that opens a form),
 * or a DialogMeta with nothing else in it. Who asked is never read from it (R2).
 */
export function decodeTaskFetch(value: unknown): DialogRequest {
  const raw = isRecord(value) ? value.data : undefined;
  if (!isRecord(raw)) return { ok: false, code: 'unknown_action', message: 'No dialog was asked for.' };
  if (JSON.stringify(raw).length > MAX_DATA_BYTES) return bad('The form button value is too long.');
  const { msteams: _marker, ...data } = raw;
  if ('action' in data) {
    const decoded = decodeExecute(data.action, data);
    if (!decoded.ok) return decoded;
    const target = actionToCommand(decoded.action);
    if (!opensForm(target)) return bad(`The ${decoded.action.action} button does not open a form.`);
    return { ok: true, form: target.opensForm, ref: decoded.action.value.ref.toUpperCase() };
  }
  const meta = dialogMeta(data);
  if (!meta) return { ok: false, code: 'unknown_action', message: 'Not one of our forms.' };
  const extra = Object.keys(data).filter((k) => k !== 'secForm' && k !== 'secRef');
  if (extra.length) return bad(`Unexpected ${extra.join(', ')} in the form button.`);
  if (meta.secRef !== undefined && parseRef(meta.secRef) === undefined)
    return bad(`${meta.secRef} is not a reference.`);
  return { ok: true, form: meta.secForm, ...(meta.secRef ? { ref: meta.secRef.toUpperCase() } : {}) };
}

/** A button that opens the form's dialog (the answer to a typed `raise` or `view DP001`). */
export function openFormButton(form: Form, title = 'Open the form'): ISubmitAction {
  const meta: DialogMeta = { secForm: form.id, ...(form.ref ? { secRef: form.ref } : {}) };
  return { type: 'Action.Submit', title: fitRaw(title, DIALOG_LIMITS.title), data: taskFetchData(meta) };
}

/**
 * The card a typed form command gets (Slack opens the modal at once, but a typed message
 * cannot open a Teams dialog): what the form is for, the usage line for typing it instead (as the
 * conversation types it: the caller translates its command marks, R77), and a button that opens the
 * same dialog a card button would.
 */
export function formPromptCard(form: Form, usage: string): IAdaptiveCard {
  // R71: the intro names the form and its reference ("Withdraw DP001."); the title before it said the
  // same again ("Withdraw: Withdraw DP001."). The dialog keeps the title, as Slack's modal does.
  const heading = form.intro ?? form.title;
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    fallbackText: escapeFit(`${heading.replace(/\.$/, '')}. Or type: ${usage}`, DIALOG_LIMITS.input),
    body: [
      note(escapeFit(heading, DIALOG_LIMITS.input), { weight: 'Bolder' }),
      note(escapeFit(`Or type: ${usage}`, DIALOG_LIMITS.input), { isSubtle: true, size: 'Small' }),
      { type: 'ActionSet', actions: [openFormButton(form)] },
    ],
  };
}

/** The values a dialog shows again after errors: what was typed, for the form's own fields only. */
export function submittedValues(form: Form, data: unknown): FormValues {
  const got = isRecord(data) ? data : {};
  const out: FormValues = {};
  for (const f of form.fields) {
    const v = Object.hasOwn(got, f.id) ? got[f.id] : undefined;
    if (typeof v === 'string' || typeof v === 'boolean') out[f.id] = v;
  }
  return out;
}

/**
 * A dialog's answer that closes it with a sentence (the outcome, a refusal, an apology). Teams shows the
 * value in a plain-text pop-up, not as Markdown, so it is not escaped (escaping would show backslashes).
 */
export const dialogMessage = (text: string): TaskModuleResponse => ({
  // The callers put commands in the conversation's form (R77); any left marked read bare.
  task: { type: 'message', value: commandsAs(text, undefined) },
});
