// Forms, the same on every platform (R43, R45, R65): the form built from what its modification says,
// and a filled form run as its text twin through the one grammar, so a form and a typed line take one
// road into the core. Something the person can fix (the grammar's bad_input) goes back to the form,
// on the first field, and the form stays open; anything else is the outcome to tell.
import { parseRef } from '../../domain/grammar/args.ts';
import { decide } from '../../domain/decide.ts';
import type { ParseOptions } from '../../domain/grammar/parse.ts';
import { parse } from '../../domain/grammar/parse.ts';
import type { World } from '../../domain/modification.ts';
import type { Context, PersonId, Refusal, RefusalCode } from '../../domain/types.ts';
import { isRefusal, refuse } from '../../domain/types.ts';
import { createCalendar, londonDate } from '../../domain/working-days.ts';
import { formContext } from '../../views/form-request.ts';
import type { Form, FormField, FormId, FormValues } from '../../views/forms.ts';
import { fieldOf, formFor, formToText } from '../../views/forms.ts';
import type { Engine } from '../engine.ts';
import { NOT_REGISTERED, outcomeOf } from '../execute.ts';
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
  // R45: shown under the field it is about where that can be told (a date in the past, under the date).
  if (!outcome.ok && outcome.code === 'bad_input' && first)
    return { errors: { [fieldOf(form, values, outcome.reply) ?? first]: outcome.reply } };
  // A stranger gets the one sentence everyone unregistered gets (R1), nothing more.
  if (!outcome.ok && !outcome.duplicate && outcome.code !== 'not_registered')
    return { outcome: { ...outcome, reply: withWhatWasWritten(outcome.reply, form, values) } };
  return { outcome };
}

/**
 * A refused form closes (what refused it, a closed ballot or window, is not the person's to fix), and
 * the boxes they wrote in go with it. The longer text they wrote (a view, a response, a reason) comes
 * back under the refusal, so it is not lost: they can keep it or send it another way. Short answers
 * (choices, dates, a title) are not repeated.
 */
export function withWhatWasWritten(reply: string, form: Form, values: FormValues): string {
  const written = form.fields.filter((f) => {
    const v = values[f.id];
    return f.kind === 'textarea' && typeof v === 'string' && v.trim() !== '' && v.trim() !== f.initial;
  });
  if (written.length === 0) return reply;
  const parts = written.map((f) => `${f.label}:\n${String(values[f.id]).trim()}`);
  return `${reply}\nWhat you wrote, so it is not lost:\n${parts.join('\n\n')}`;
}

/**
 * Refusal codes that depend on what is filled in, or on the admin's changes to the holiday calendar
 * (stall criteria count Working Days), which formRefusal does not load: the form opens and its submit
 * decides.
 */
const DECIDED_ON_SUBMIT: ReadonlySet<RefusalCode> = new Set(['bad_input', 'not_stalled']);

const DAY_MS = 86_400_000;

/** A value for a field the person must fill in: what the grammar reads as an answer. */
function placeholder(f: FormField, i: number, later: string): string | undefined {
  switch (f.kind) {
    case 'select':
      return f.options?.[0]?.value;
    case 'checkbox':
      return undefined;
    case 'date':
      return later;
    case 'datetime':
      // Distinct times (meeting slots must differ).
      return `${later}T${String(8 + (i % 10)).padStart(2, '0')}:00`;
    default:
      return 'x';
  }
}

/**
 * The answers tried: the form as it opens with each required field given a placeholder, then each
 * choice of each select, and each text field changed (amend refuses an unchanged form), so a refusal
 * that holds for all of them does not depend on the answers.
 */
function tries(form: Form, now: Date): FormValues[] {
  const later = londonDate(new Date(now.getTime() + 60 * DAY_MS));
  const base: FormValues = {};
  form.fields.forEach((f, i) => {
    const v = f.initial ?? (f.optional ? undefined : placeholder(f, i, later));
    if (v !== undefined) base[f.id] = v;
  });
  const out: FormValues[] = [base];
  for (const f of form.fields) {
    if (f.kind === 'select')
      for (const o of f.options ?? []) if (o.value !== base[f.id]) out.push({ ...base, [f.id]: o.value });
    if (f.kind === 'text' || f.kind === 'textarea')
      out.push({ ...base, [f.id]: base[f.id] === 'x' ? 'y' : 'x' });
  }
  return out;
}

/**
 * R75: the refusal a filled form would get if submitted now, by this person, in this state; undefined
 * when some answers would be accepted, or when the refusal depends on the answers. It runs the very
 * decision the submit runs (decide, through the form's text twin), so the words are the stage's own.
 */
export function formRefusal(world: World, ctx: Context, form: Form): Refusal | undefined {
  const refusals: Refusal[] = [];
  for (const values of tries(form, ctx.now)) {
    const parsed = parse(formToText(form, form.ref, values));
    if (!parsed.ok || parsed.input.kind !== 'command') continue;
    const command = parsed.input.command;
    let r: ReturnType<typeof decide>;
    try {
      r = decide(world, command, ctx);
    } catch {
      return undefined; // the submit will say what is wrong
    }
    if (!isRefusal(r) || DECIDED_ON_SUBMIT.has(r.code)) return undefined;
    refusals.push(r);
  }
  const [first] = refusals;
  if (!first) return undefined;
  return refusals.every((r) => r.code === first.code && r.message === first.message) ? first : undefined;
}

/**
 * R75, R2: before a form opens (a button, a typed form command, a Teams task/fetch), the refusal its
 * submit would get now, as an outcome; undefined when it may open. `actor` is the person the submit
 * would run as (the platform user's person, or whom the local demo acts as, R79); null: nobody the
 * directory knows.
 */
export async function formOpenRefusal(
  engine: Engine,
  id: FormId,
  ref: string | undefined,
  actor: PersonId | null,
  now: Date,
): Promise<Outcome | undefined> {
  if (actor === null) return outcomeOf(refuse('not_registered', NOT_REGISTERED));
  const people = await engine.people();
  const person = people.find((p) => p.id === actor);
  if (!person) return outcomeOf(refuse('not_registered', NOT_REGISTERED));
  // A form concerns one modification at most: only that one is read, not the register, since this
  // runs before the modal opens, inside Slack's 3 s for the trigger id.
  const n = ref === undefined ? undefined : parseRef(ref);
  const one = n === undefined ? undefined : await engine.modification(n);
  const mods = one ? [one] : [];
  const form = formFor(id, await formContext(id, ref, () => Promise.resolve(mods)));
  const world: World = {
    modifications: Object.fromEntries(mods.map((m) => [m.number, m])),
    lastNumber: mods.reduce((n, m) => Math.max(n, m.number), 0),
    system: { torVersion: null },
  };
  const ctx: Context = {
    now,
    actor: { kind: 'person', person },
    // The calendar's admin changes are not read here: a refusal that counts Working Days is left to
    // the submit (DECIDED_ON_SUBMIT).
    calendar: createCalendar(),
    settings: engine.settings,
    people,
  };
  const refused = formRefusal(world, ctx, form);
  return refused ? outcomeOf(refused) : undefined;
}
