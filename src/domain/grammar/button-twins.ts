// R43: every button has a text-command twin. Cards put these next to their buttons (and screen readers,
// keyboards and tests use them); parse() reads each one back to the same command as the button.
import type { Ballot } from '../ballots.ts';
import type { CommandOf, STANCES } from '../commands.ts';
import { quote, twinOf } from './fields.ts';
import type { Modification } from '../modification.ts';
import { refOf } from '../modification.ts';

export { quote } from './fields.ts';

export type RefLike = Pick<Modification, 'number' | 'isMP'>;

const r = refOf;

const pairs = (fields: Record<string, string | undefined>): string =>
  Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}=${quote(v)}`)
    .join('');

export type Stance = (typeof STANCES)[number];
/** A view's fields besides the stance, as the view command declares them. */
export type ViewFields = Omit<CommandOf<'view'>, 'type' | 'ref' | 'stance'>;
export interface ResponseFields {
  org: string;
  positions: Record<string, 'support' | 'oppose'>;
  comments?: string;
}

/**
 * R81: the forms a `mine` item's own button may open, for what is owed with no card of its own to carry
 * a button (the Initial Assessment Report, the routing, the proposer's decision). Each is the form the
 * item's typed command opens.
 */
export const FORM_BUTTONS = ['iar', 'panel-route', 'proceed', 'withdraw'] as const;
export type FormButton = (typeof FORM_BUTTONS)[number];

/**
 * R43: each such button's twin, the command its form runs, with the kind of answers it asks for (as the
 * Respond button's `S0=support` and the Object button's `<reason>`): `parse` reads each back to the
 * form's command about the same modification.
 */
const FORM_BUTTON_TWINS: Record<FormButton, (m: RefLike) => string> = {
  iar: (m) => twinOf('iar', r(m), { impacts: '…', route: 'refinement' }),
  'panel-route': (m) => twinOf('panel-route', r(m), { route: 'refinement' }),
  proceed: (m) => twinOf('proceed', r(m), {}),
  withdraw: (m) => `withdraw ${r(m)} <reason>`,
};

export const BUTTON_TWINS = {
  /** A ballot option button (every kind: fasttrack, sufficiency, ia, decision); solution for decision ballots. */
  vote: (m: RefLike, option: string, solution?: string): string =>
    `vote ${r(m)} ${option}${solution ? ` ${solution}` : ''}`,
  /** "Give your view" (R12, R51): the stance, and the form's fields if filled in. */
  view: (m: RefLike, stance: Stance, fields: ViewFields = {}): string =>
    twinOf('view', r(m), { stance, ...fields }),
  /** "Object" on a Fast Track announcement (R24). */
  object: (m: RefLike, reason: string): string => twinOf('object', r(m), { reason }),
  /** "Respond" on a consultation (R37, R65). */
  respond: (m: RefLike, f: ResponseFields): string =>
    `respond ${r(m)}${pairs({ org: f.org })}${Object.entries(f.positions)
      .map(([s, p]) => ` ${s}=${p}`)
      .join('')}${pairs({ comments: f.comments })}`,
  /** "Can attend" / "Can't" for one slot of a proposed meeting (R40, R63). */
  available: (m: RefLike, slot: number, yes: boolean): string =>
    `available ${r(m)} ${slot} ${yes ? 'yes' : 'no'}`,
  /** "Confirm slot n" on the recommendation sent to SECAS (R40, R63). */
  confirmSlot: (m: RefLike, slot: number): string => `meeting confirm ${r(m)} ${slot}`,
  /** "Attending" / "Can't attend" for a confirmed meeting (R40, R63). */
  attend: (m: RefLike, yes: boolean): string => `attend ${r(m)} ${yes ? 'yes' : 'no'}`,
  /** A button on `mine` that opens the form for what is owed (R81): the command that form runs. */
  form: (m: RefLike, form: FormButton): string => FORM_BUTTON_TWINS[form](m),
} as const;

/** The twin of every button on a ballot card: one per option, per solution on a decision ballot. */
export function ballotTwins(
  m: RefLike,
  b: Pick<Ballot, 'kind' | 'options' | 'solutions'>,
): { option: string; solution?: string; text: string }[] {
  const perSolution = b.kind === 'decision' && b.solutions.length > 1;
  return (perSolution ? b.solutions : [undefined]).flatMap((solution) =>
    b.options.map((option) => ({
      option,
      ...(solution ? { solution } : {}),
      text: BUTTON_TWINS.vote(m, option, solution),
    })),
  );
}
