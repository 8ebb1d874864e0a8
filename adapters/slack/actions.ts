// Slack's wire format for the shared button actions (src/views/actions.ts). A card button
// becomes a Slack `action_id` (`sec:<action>:<n>`, unique within its message as Slack asks) and a compact
// JSON `value` that names only the target (R2: never who clicked). A click is decoded back with the same
// schema, bad input giving a typed error (never a throw), and maps to the command its text twin stands
// for (R43).
import type { CardButton } from '../../src/views/card.ts';
import type { ActionError, Decoded } from '../../src/views/actions.ts';
import { ActionEncodeError, actionPayload, decodePayload, isActionName } from '../../src/views/actions.ts';

export type {
  ActionError,
  ActionName,
  ActionValue,
  Decoded,
  DecodedAction,
  OpensForm,
} from '../../src/views/actions.ts';
export {
  ACTION_FORMS,
  ACTION_NAMES,
  ACTION_SCHEMAS,
  ActionEncodeError,
  actionToCommand,
  opensForm,
} from '../../src/views/actions.ts';

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

/**
 * The Slack id and value of a card button; `index` keeps action ids unique within one message. Throws
 * ActionEncodeError only for a button the card builders should never make (unknown action, bad payload).
 */
export function encodeAction(button: CardButton, index = 0): EncodedAction {
  const { action, value } = actionPayload(button);
  const encoded = { action_id: `${ACTION_PREFIX}${action}:${index}`, value: JSON.stringify(value) };
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
    return {
      ok: false,
      code: 'bad_value',
      message: `The ${name} button value is not JSON.`,
    } satisfies ActionError;
  }
  return decodePayload(name, json);
}
