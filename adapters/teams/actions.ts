// Teams' wire format for the shared button actions (src/views/actions.ts). A card button
// becomes an `Action.Execute` whose `verb` is the action name and whose `data` is the checked payload
// plus `action` (the name again, so a Submit-style client that drops the verb still says what it was).
// An invoke (`adaptiveCard/action`) is decoded back with the same schema to the same DecodedAction as a
// Slack click, and actionToCommand gives the command the button's text twin stands for (R43). Malformed
// input is a typed error, never an exception (R45). The payload names the target only (R2): who clicked
// comes from the authenticated activity, never from `data`.
import { isRecord } from './is-record.ts';
import type { CardButton } from '../../src/views/card.ts';
import type { ActionName, Decoded } from '../../src/views/actions.ts';
import { ActionEncodeError, actionPayload, decodePayload, isActionName } from '../../src/views/actions.ts';

export type { Decoded, DecodedAction, OpensForm } from '../../src/views/actions.ts';
export { actionToCommand, opensForm } from '../../src/views/actions.ts';

/** Our own bound on a button's data: the payloads are tiny, so anything bigger is not ours. */
export const MAX_DATA_BYTES = 2000;

export interface ExecuteData {
  action: ActionName;
  [key: string]: string | number | boolean;
}
/**
 * R81: a button on the `mine` card says so in its data (`on: "mine"`), beside the payload the same button
 * carries on its own card: a click there is answered with the `mine` card drawn again (handlers.ts).
 */
export const ON_MINE = 'mine';

/** A decoded click, and whether its button was on the `mine` card. */
export type FromCard = Decoded | (Extract<Decoded, { ok: true }> & { onMine: true });

export interface EncodedExecute {
  verb: ActionName;
  data: ExecuteData;
}

/** The verb and data of a card button. Throws ActionEncodeError only for a button the builders never make. */
export function encodeExecute(button: CardButton): EncodedExecute {
  const { action, value } = actionPayload(button);
  const data: ExecuteData = { ...value, action };
  if (JSON.stringify(data).length > MAX_DATA_BYTES)
    throw new ActionEncodeError(`The ${action} value is too long.`);
  return { verb: action, data };
}

/**
 * An `Action.Execute` invoke's verb and data back to a typed action. `data` may arrive as an object or,
 * from some clients, as a JSON string; a verb that disagrees with `data.action` is refused.
 */
export function decodeExecute(verb: unknown, data: unknown): FromCard {
  if (!isActionName(verb)) {
    return { ok: false, code: 'unknown_action', message: `Unknown action ${JSON.stringify(verb)}.` };
  }
  let payload: unknown = data;
  if (typeof data === 'string') {
    if (data.length > MAX_DATA_BYTES)
      return { ok: false, code: 'bad_value', message: `The ${verb} button value is too long.` };
    try {
      payload = JSON.parse(data);
    } catch {
      return { ok: false, code: 'bad_value', message: `The ${verb} button value is not JSON.` };
    }
  }
  if (!isRecord(payload)) {
    return { ok: false, code: 'bad_value', message: `The ${verb} button carried no readable value.` };
  }
  const { action, on, ...rest } = payload;
  if (action !== undefined && action !== verb) {
    return {
      ok: false,
      code: 'bad_value',
      message: `The ${verb} button says it is ${JSON.stringify(action)}.`,
    };
  }
  if (on !== undefined && on !== ON_MINE) {
    return {
      ok: false,
      code: 'bad_value',
      message: `The ${verb} button says it is on ${JSON.stringify(on)}.`,
    };
  }
  const decoded = decodePayload(verb, rest);
  return decoded.ok && on === ON_MINE ? { ...decoded, onMine: true } : decoded;
}

/** The `value` of an `adaptiveCard/action` invoke activity, as Teams sends it. */
export interface ExecuteInvokeValue {
  action?: { type?: unknown; verb?: unknown; data?: unknown };
}

/** Decodes the whole invoke value (`activity.value`), so a listener needs no knowledge of its shape. */
export function decodeInvoke(value: unknown): FromCard {
  const action = isRecord(value) && isRecord(value.action) ? value.action : undefined;
  if (!action || action.type !== 'Action.Execute') {
    return { ok: false, code: 'unknown_action', message: 'Not an Action.Execute invoke.' };
  }
  return decodeExecute(action.verb, action.data);
}

/**
 * R74: the verb of a card's `refresh` action (render/card.ts). Teams sends it as each reader opens a
 * card drawn per reader (a ballot in a channel), and the answer is that reader's own version. It is not
 * a button and runs no command; its data names the card by its key only.
 */
export const REFRESH_VERB = 'refresh';

/** The refresh action a card drawn per reader carries. */
export const refreshAction = (key: string) => ({
  type: 'Action.Execute' as const,
  title: 'Refresh',
  verb: REFRESH_VERB,
  data: { action: REFRESH_VERB, card: key },
});

/**
 * The card key of a refresh invoke (automatic or from the Refresh menu); undefined when the invoke is
 * something else. A key that is not a string, or is too long to be ours, is `false`: refused.
 */
export function refreshKey(value: unknown): string | false | undefined {
  const action = isRecord(value) && isRecord(value.action) ? value.action : undefined;
  if (!action || action.type !== 'Action.Execute' || action.verb !== REFRESH_VERB) return undefined;
  const data = action.data;
  const key = isRecord(data) ? data.card : undefined;
  return typeof key === 'string' && key.length <= 200 ? key : false;
}
