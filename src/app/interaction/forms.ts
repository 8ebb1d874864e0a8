// Forms, the same on every platform (R43, R45, R65): the form built from what its modification says,
// and a filled form run as its text twin through the one grammar, so a form and a typed line take one
// road into the core. Something the person can fix (the grammar's bad_input) goes back to the form,
// on the first field, and the form stays open; anything else is the outcome to tell.
import type { ParseOptions } from '../../domain/grammar/parse.ts';
import { formContext } from '../../views/form-request.ts';
import type { Form, FormId, FormValues } from '../../views/forms.ts';
import { formFor, formToText } from '../../views/forms.ts';
import type { Engine } from '../engine.ts';
import type { Outcome, PlatformUser } from '../ports.ts';

export type FormAnswer = { errors: Record<string, string> } | { outcome: Outcome };

/** The form, prefilled from its modification where it reads one (amend, iar, respond, panel route). */
export async function formOf(engine: Engine, id: FormId, ref: string | undefined): Promise<Form> {
  return formFor(id, await formContext(id, ref, () => engine.modifications()));
}

export interface SubmitOptions {
  /** The channel it was submitted from, for commands that read it. */
  parse?: ParseOptions;
}

/**
 * Runs a filled form. `deliveryId` names the submission (R36); a function of the twin when the same
 * form may be sent again with corrected answers (each is then a new delivery).
 */
export async function submitForm(
  engine: Engine,
  form: Form,
  ref: string | undefined,
  values: FormValues,
  user: PlatformUser,
  deliveryId: string | ((twin: string) => string),
  now: Date,
  opts: SubmitOptions = {},
): Promise<FormAnswer> {
  const text = formToText(form, ref, values);
  const outcome = await engine.ask(text, user, now, {
    platform: user.platform,
    deliveryId: typeof deliveryId === 'string' ? deliveryId : deliveryId(text),
    ...(opts.parse ? { parse: opts.parse } : {}),
  });
  const first = form.fields[0]?.id;
  if (!outcome.ok && outcome.code === 'bad_input' && first) return { errors: { [first]: outcome.reply } };
  return { outcome };
}
