// Button actions and their payloads, declared once with zod and shared by both adapters:
// a card button's payload is checked here before any platform sees it, a click's payload is checked
// here on the way back (a typed error, never a throw), and a decoded action maps to the command its
// text twin stands for (R43). Only the wire format differs per platform: Slack's `action_id`/`value`
// (adapters/slack/actions.ts), Teams' `Action.Execute` `verb`/`data` (adapters/teams/actions.ts).
import { z } from 'zod';
import { BUTTON_TWINS, FORM_BUTTONS } from '../domain/grammar/button-twins.ts';
import type { Command } from '../domain/commands.ts';
import { parseRef } from '../domain/grammar/args.ts';
import type { CardButton } from './card.ts';
import type { FormId } from './forms.ts';

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
  'meeting-confirm': z.object({ ref, meeting: id, slot: z.number().int().min(1).max(20) }).strict(),
  // R81: opens the form of something owed that no card carries a button for; only those forms.
  form: z.object({ ref, form: z.enum(FORM_BUTTONS satisfies readonly FormId[]) }).strict(),
} as const;

export type ActionName = keyof typeof ACTION_SCHEMAS;
export type ActionValue<K extends ActionName> = z.infer<(typeof ACTION_SCHEMAS)[K]>;
export type DecodedAction = { [K in ActionName]: { action: K; value: ActionValue<K> } }[ActionName];
export const ACTION_NAMES = Object.keys(ACTION_SCHEMAS) as ActionName[];
export const isActionName = (s: unknown): s is ActionName =>
  typeof s === 'string' && Object.hasOwn(ACTION_SCHEMAS, s);

/** The buttons that open a form rather than run a command, and which form (`form` names its own). */
export const ACTION_FORMS = { view: 'view', object: 'object', respond: 'respond' } as const satisfies Partial<
  Record<ActionName, FormId>
>;

export type ActionError = { ok: false; code: 'unknown_action' | 'bad_value'; message: string };
export type Decoded = { ok: true; action: DecodedAction } | ActionError;

export class ActionEncodeError extends Error {}

/**
 * A card button's checked payload. Throws ActionEncodeError only for a button the card builders should
 * never make (unknown action, bad payload); renderers report it and leave the button out.
 */
export function actionPayload(button: CardButton): DecodedAction {
  const action = button.action;
  if (!isActionName(action)) throw new ActionEncodeError(`Unknown action ${JSON.stringify(action)}.`);
  const checked = ACTION_SCHEMAS[action].safeParse(button.value);
  if (!checked.success)
    throw new ActionEncodeError(`Bad ${action} value: ${checked.error.issues[0]?.message}`);
  return { action, value: checked.data } as DecodedAction;
}

/** A named action's payload (already read from the wire) back to a typed action, or a typed error. */
export function decodePayload(name: unknown, payload: unknown): Decoded {
  if (!isActionName(name)) {
    return { ok: false, code: 'unknown_action', message: `Unknown action ${JSON.stringify(name)}.` };
  }
  const checked = ACTION_SCHEMAS[name].safeParse(payload);
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
    // The ballot, poll or meeting a button was made for travels with it (R36, R75): an old button
    // never acts on a later one. Typed, the twin addresses the open ballot or the latest meeting.
    case 'vote': {
      const { option, solution: s, ballot } = decoded.value;
      return { type: 'vote', ref: r, option, ...(s === undefined ? {} : { solution: s }), ballot };
    }
    case 'available': {
      const { slot, yes, meeting } = decoded.value;
      return { type: 'available', ref: r, slot, yes, meeting };
    }
    case 'attend':
      return { type: 'attend', ref: r, yes: decoded.value.yes, meeting: decoded.value.meeting };
    case 'meeting-confirm':
      return { type: 'meeting-confirm', ref: r, slot: decoded.value.slot, meeting: decoded.value.meeting };
    case 'view':
    case 'object':
      return { opensForm: ACTION_FORMS[decoded.action], ref: r };
    case 'respond': {
      const c = decoded.value.consultation;
      return { opensForm: 'respond', ref: r, ...(c === undefined ? {} : { consultation: c }) };
    }
    case 'form':
      return { opensForm: decoded.value.form, ref: r };
  }
}

/**
 * What a click's command carries beyond its text twin's: the target the button was made for (R75), so an
 * old button never acts on a newer poll. Typed, the twin addresses the latest one (R63).
 */
export const CLICK_TARGETS: Partial<Record<ActionName, string>> = {
  vote: 'ballot',
  available: 'meeting',
  attend: 'meeting',
  'meeting-confirm': 'meeting',
};

/** A click's command less its target: what the button's twin parses to (R43). */
export function withoutClickTarget(action: ActionName, cmd: Command): Command {
  const field = CLICK_TARGETS[action];
  if (!field || !(field in cmd)) return cmd;
  const rest: Record<string, unknown> = { ...cmd };
  delete rest[field];
  return rest as Command;
}

/**
 * The click as its text twin (R43), kept in the history as the command's text (R8); for a `form` button,
 * the command its form runs.
 */
export function actionTwin(d: DecodedAction): string | undefined {
  const m = { number: parseRef(d.value.ref) ?? 0, isMP: /^mp/i.test(d.value.ref) };
  switch (d.action) {
    case 'vote':
      return BUTTON_TWINS.vote(m, d.value.option, d.value.solution);
    case 'available':
      return BUTTON_TWINS.available(m, d.value.slot, d.value.yes);
    case 'attend':
      return BUTTON_TWINS.attend(m, d.value.yes);
    case 'meeting-confirm':
      return BUTTON_TWINS.confirmSlot(m, d.value.slot);
    case 'form':
      return BUTTON_TWINS.form(m, d.value.form);
    default:
      return undefined;
  }
}
