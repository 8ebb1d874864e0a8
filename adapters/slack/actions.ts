// Action ids and their payloads, declared once with zod (principle 6). A card button becomes a Slack
// `action_id` (`sec:<action>:<n>`, unique within its message as Slack asks) and a compact JSON `value`
// that names only the target (R2: never who clicked). A click is decoded back with the same schema,
// bad input giving a typed error (never a throw), and maps to the command its text twin stands for (R43).
import { z } from 'zod';
import type { Command } from '../../src/domain/commands.ts';
import { parseRef } from '../../src/domain/grammar-args.ts';
import { parse } from '../../src/domain/grammar.ts';
import type { CardButton } from '../../src/views/card.ts';
import type { FormId } from '../../src/views/forms.ts';

const ref = z.string().regex(/^(?:dp|mp)0*\d{1,9}$/i);
const id = z.string().min(1).max(100);
const solution = z.string().regex(/^(S0|A\d{1,3})$/);

export const ACTION_SCHEMAS = {
  vote: z
    .object({ ref, ballot: id, option: z.string().min(1).max(50), solution: solution.optional() })
    .strict(),
  view: z.object({ ref }).strict(),
  object: z.object({ ref }).strict(),
  respond: z.object({ ref, consultation: id.optional() }).strict(),
  available: z.object({ ref, meeting: id, slot: z.number().int().min(1).max(20), yes: z.boolean() }).strict(),
  attend: z.object({ ref, meeting: id, yes: z.boolean() }).strict(),
} as const;

export type ActionName = keyof typeof ACTION_SCHEMAS;
export type ActionValue<K extends ActionName> = z.infer<(typeof ACTION_SCHEMAS)[K]>;
export type DecodedAction = { [K in ActionName]: { action: K; value: ActionValue<K> } }[ActionName];
export const ACTION_NAMES = Object.keys(ACTION_SCHEMAS) as ActionName[];
const isActionName = (s: string): s is ActionName => Object.hasOwn(ACTION_SCHEMAS, s);

/** The buttons that open a form rather than run a command, and which form. */
export const ACTION_FORMS = { view: 'view', object: 'object', respond: 'respond' } as const satisfies Partial<
  Record<ActionName, FormId>
>;

export const ACTION_PREFIX = 'sec:';
/** Slack's limits on a button (Block Kit reference). */
export const MAX_ACTION_ID = 255;
export const MAX_VALUE = 2000;
/** Every action id this app sends matches this; a Bolt listener can register it once. */
export const ACTION_ID_PATTERN = /^sec:([a-z][a-z-]*)(?::(\d{1,4}))?$/;

export interface EncodedAction {
  action_id: string;
  value: string;
}
export type ActionError = { ok: false; code: 'unknown_action' | 'bad_value'; message: string };
export type Decoded = { ok: true; action: DecodedAction } | ActionError;

export class ActionEncodeError extends Error {}

/**
 * The Slack id and value of a card button; `index` keeps action ids unique within one message. Throws
 * ActionEncodeError only for a button the card builders should never make (unknown action, bad payload).
 */
export function encodeAction(button: CardButton, index = 0): EncodedAction {
  const action = button.action;
  if (!isActionName(action)) throw new ActionEncodeError(`Unknown action ${JSON.stringify(action)}.`);
  const value: Record<string, unknown> = { ...button.value };
  // A vote names its solution only when the twin does (a per-solution decision ballot), so that the
  // click and the typed twin give the very same command; the core reads a missing solution as S0.
  if (action === 'vote') {
    const twin = parse(button.twin);
    const cmd = twin.ok && twin.input.kind === 'command' ? twin.input.command : undefined;
    if (cmd?.type !== 'vote' || cmd.solution === undefined) delete value.solution;
  }
  const checked = ACTION_SCHEMAS[action].safeParse(value);
  if (!checked.success)
    throw new ActionEncodeError(`Bad ${action} value: ${checked.error.issues[0]?.message}`);
  const encoded = { action_id: `${ACTION_PREFIX}${action}:${index}`, value: JSON.stringify(checked.data) };
  if (encoded.value.length > MAX_VALUE) throw new ActionEncodeError(`The ${action} value is too long.`);
  return encoded;
}

/** A click back to a typed action; anything malformed is an ActionError, never an exception. */
export function decodeAction(actionId: unknown, value: unknown): Decoded {
  const m = typeof actionId === 'string' ? ACTION_ID_PATTERN.exec(actionId) : null;
  const name = m?.[1];
  if (!name || !isActionName(name)) {
    return { ok: false, code: 'unknown_action', message: `Unknown action ${JSON.stringify(actionId)}.` };
  }
  if (typeof value !== 'string' || value.length > MAX_VALUE) {
    return { ok: false, code: 'bad_value', message: `The ${name} button carried no readable value.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { ok: false, code: 'bad_value', message: `The ${name} button value is not JSON.` };
  }
  const checked = ACTION_SCHEMAS[name].safeParse(json);
  if (!checked.success) {
    const i = checked.error.issues[0];
    const where = i?.path.map(String).join('.') ?? '';
    return {
      ok: false,
      code: 'bad_value',
      message: `Bad ${name} value${where ? ` (${where})` : ''}: ${i?.message}.`,
    };
  }
  return { ok: true, action: { action: name, value: checked.data } as DecodedAction };
}

export interface OpensForm {
  opensForm: FormId;
  ref: number;
  /** For respond: the consultation the button was on. */
  consultation?: string;
}
export const opensForm = (x: Command | OpensForm): x is OpensForm => 'opensForm' in x;

/** The command a decoded button stands for (equal to its twin's), or the form it opens. */
export function actionToCommand(decoded: DecodedAction): Command | OpensForm {
  // The schema admits only references parseRef reads, so this is always a number.
  const r = parseRef(decoded.value.ref) ?? 0;
  switch (decoded.action) {
    case 'vote': {
      const { option, solution: s } = decoded.value;
      return { type: 'vote', ref: r, option, ...(s === undefined ? {} : { solution: s }) };
    }
    case 'available':
      return { type: 'available', ref: r, slot: decoded.value.slot, yes: decoded.value.yes };
    case 'attend':
      return { type: 'attend', ref: r, yes: decoded.value.yes };
    case 'view':
    case 'object':
      return { opensForm: ACTION_FORMS[decoded.action], ref: r };
    case 'respond': {
      const c = decoded.value.consultation;
      return { opensForm: 'respond', ref: r, ...(c === undefined ? {} : { consultation: c }) };
    }
  }
}
