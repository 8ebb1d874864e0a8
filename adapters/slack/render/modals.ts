// Neutral form → Slack modal, and a submitted modal's state → form values or per-field errors (the
// shape Slack wants in `ack({ response_action: 'errors', errors })`). Each input block's block_id and
// action_id are the field id, so state.values[id][id] is the field's value. Times are London wall-clock
// in the form model (R63); Slack's datetimepicker speaks Unix seconds and shows the viewer's own zone.
import type { FieldRead, Submission } from '../../../src/views/form-read.ts';
import { checkValue, readForm } from '../../../src/views/form-read.ts';
import type { FieldOption, Form, FormField, FormId } from '../../../src/views/forms.ts';
import { isFormId } from '../../../src/views/forms.ts';
import { isoLondon, parseLondonDateTime } from '../../../src/domain/working-days.ts';

export type { Submission } from '../../../src/views/form-read.ts';
import type { PlainText } from './escape.ts';
import { fit, plain } from './escape.ts';
import type { SectionBlock } from './blocks.ts';

interface Option {
  text: PlainText;
  value: string;
}
export type InputElement =
  | {
      type: 'plain_text_input';
      action_id: string;
      multiline?: boolean;
      max_length: number;
      initial_value?: string;
    }
  | {
      type: 'static_select';
      action_id: string;
      placeholder: PlainText;
      options: Option[];
      initial_option?: Option;
    }
  | { type: 'checkboxes'; action_id: string; options: Option[]; initial_options?: Option[] }
  | { type: 'datepicker'; action_id: string; initial_date?: string }
  | { type: 'datetimepicker'; action_id: string; initial_date_time?: number };
export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: InputElement;
  optional: boolean;
  hint?: PlainText;
}
export interface ModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: PlainText;
  submit?: PlainText;
  close: PlainText;
  blocks: (InputBlock | SectionBlock)[];
}

export const MODAL_LIMITS = {
  title: 24,
  submit: 24,
  label: 2000,
  hint: 2000,
  input: 3000,
  optionText: 75,
  options: 100,
  privateMetadata: 3000,
} as const;

export const FORM_CALLBACK_PREFIX = 'sec:form:';
export const formCallbackId = (id: FormId): string => `${FORM_CALLBACK_PREFIX}${id}`;
/** The form a `view_submission`'s callback_id names, if it is one of ours. */
export function formIdOfCallback(callbackId: unknown): FormId | undefined {
  if (typeof callbackId !== 'string' || !callbackId.startsWith(FORM_CALLBACK_PREFIX)) return undefined;
  const id = callbackId.slice(FORM_CALLBACK_PREFIX.length);
  return isFormId(id) ? id : undefined;
}

/** A London `YYYY-MM-DDTHH:MM` as Unix seconds, and back. */
const toUnix = (london: string): number | undefined => {
  const d = parseLondonDateTime(london);
  return d ? Math.floor(d.getTime() / 1000) : undefined;
};
const fromUnix = (seconds: number): string => isoLondon(new Date(seconds * 1000)).slice(0, 16);

const option = (o: FieldOption): Option => ({
  text: plain(o.label, MODAL_LIMITS.optionText),
  value: o.value,
});

function element(f: FormField): InputElement {
  const action_id = f.id;
  const options = (f.options ?? []).slice(0, MODAL_LIMITS.options).map(option);
  switch (f.kind) {
    case 'text':
    case 'textarea': {
      const max_length = Math.min(f.maxLength ?? MODAL_LIMITS.input, MODAL_LIMITS.input);
      // An input's value is edited, not displayed as a message: it stays raw (escaping would be saved back).
      const initial =
        typeof f.initial === 'string' ? [...f.initial].slice(0, max_length).join('') : undefined;
      return {
        type: 'plain_text_input',
        action_id,
        ...(f.kind === 'textarea' ? { multiline: true } : {}),
        max_length,
        ...(initial ? { initial_value: initial } : {}),
      };
    }
    case 'select': {
      const initial = options.find((o) => o.value === f.initial);
      return {
        type: 'static_select',
        action_id,
        placeholder: plain('Choose', MODAL_LIMITS.optionText),
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'checkbox': {
      const box = options.length ? options : [option({ value: 'yes', label: f.label })];
      return {
        type: 'checkboxes',
        action_id,
        options: box,
        ...(f.initial === true ? { initial_options: box } : {}),
      };
    }
    case 'date':
      return {
        type: 'datepicker',
        action_id,
        ...(typeof f.initial === 'string' ? { initial_date: f.initial } : {}),
      };
    case 'datetime': {
      const t = typeof f.initial === 'string' ? toUnix(f.initial) : undefined;
      return { type: 'datetimepicker', action_id, ...(t === undefined ? {} : { initial_date_time: t }) };
    }
  }
}

const inputBlock = (f: FormField): InputBlock => ({
  type: 'input',
  block_id: f.id,
  label: plain(f.label, MODAL_LIMITS.label),
  element: element(f),
  // An unticked checkbox is an answer (false), so Slack must not insist on a tick.
  optional: f.optional === true || f.kind === 'checkbox',
  ...(f.hint ? { hint: plain(f.hint, MODAL_LIMITS.hint) } : {}),
});

export interface ModalOptions {
  ref?: string;
  callbackId?: string;
  /** Up to 3000 characters, given back on submit; defaults to `{"form":…,"ref":…}`. */
  privateMetadata?: string;
}

export function renderModal(form: Form, opts: ModalOptions = {}): ModalView {
  const ref = opts.ref ?? form.ref;
  const intro = form.intro;
  return {
    type: 'modal',
    callback_id: opts.callbackId ?? formCallbackId(form.id),
    private_metadata: opts.privateMetadata ?? JSON.stringify({ form: form.id, ...(ref ? { ref } : {}) }),
    title: { type: 'plain_text', text: fit(form.title, MODAL_LIMITS.title) },
    submit: { type: 'plain_text', text: fit(form.submit, MODAL_LIMITS.submit) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      ...(intro ? [{ type: 'section' as const, text: plain(intro, MODAL_LIMITS.input) }] : []),
      ...form.fields.map(inputBlock),
    ],
  };
}

/** One entry of `view.state.values[block_id][action_id]` as Slack sends it (Bolt's ViewStateValue). */
export interface StateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_date_time?: number | null;
}
export type StateValues = Record<string, Record<string, StateValue | undefined> | undefined>;

/** One field of a view_submission, as the neutral reader wants it (datetimes are Unix seconds here). */
function readField(f: FormField, st: StateValue | undefined): FieldRead {
  switch (f.kind) {
    case 'checkbox': {
      // Ticked is its one box's value ticked (the box element() draws): any other value was never offered.
      const box = f.options?.[0]?.value ?? 'yes';
      return { value: st?.selected_options?.some((o) => o.value === box) ?? false };
    }
    case 'datetime': {
      const v = st?.selected_date_time;
      if (v === undefined || v === null) return {};
      return Number.isFinite(v) ? { value: fromUnix(v) } : { error: 'Choose a date and time.' };
    }
    case 'select':
      return checkValue(f, st?.selected_option?.value ?? '');
    case 'date':
      return checkValue(f, st?.selected_date ?? '');
    default:
      return checkValue(f, typeof st?.value === 'string' ? st.value : '');
  }
}

/** The form's values from a view_submission's `view.state.values`, or errors keyed by block_id. */
export const readSubmission = (form: Form, state: StateValues | undefined): Submission =>
  readForm(form, (f) => readField(f, state?.[f.id]?.[f.id]));
