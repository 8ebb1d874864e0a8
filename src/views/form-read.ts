// Reading a submitted form, the same on every platform (R45): each platform turns its own payload into
// one raw value per field (a Slack modal's state, a Teams dialog's data); the checks after that are
// here once: lengths, options, dates, the required fields, then the checks across fields (checkForm).
import { parseLocalDate } from '../domain/working-days.ts';
import type { Form, FormField, FormValues } from './forms.ts';
import { checkForm } from './forms.ts';

/** One field as read: its value, an error, or neither (left empty). */
export type FieldRead = { value?: string | boolean; error?: string };
export type Submission = { ok: true; values: FormValues } | { ok: false; errors: Record<string, string> };

/** A value typed or chosen for a text, select or date field, checked against the field. */
export function checkValue(f: FormField, raw: string): FieldRead {
  const v = raw.trim();
  if (v === '') return {};
  switch (f.kind) {
    case 'select':
      return f.options?.some((o) => o.value === v) ? { value: v } : { error: 'Choose one of the options.' };
    case 'date':
      return parseLocalDate(v) ? { value: v } : { error: 'Choose a date.' };
    default: {
      const n = [...v].length;
      if (f.maxLength !== undefined && n > f.maxLength)
        return { error: `At most ${f.maxLength} characters (this has ${n}).` };
      return { value: v };
    }
  }
}

/** The form's values from one read per field, or the errors keyed by field id. */
export function readForm(form: Form, read: (f: FormField) => FieldRead): Submission {
  const values: FormValues = {};
  const errors: Record<string, string> = {};
  for (const f of form.fields) {
    const r = read(f);
    if (r.error) errors[f.id] = r.error;
    else if (r.value !== undefined) values[f.id] = r.value;
    else if (!f.optional) errors[f.id] = f.kind === 'select' ? 'Please choose one.' : 'Please fill this in.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const across = checkForm(form, values);
  return Object.keys(across).length ? { ok: false, errors: across } : { ok: true, values };
}
