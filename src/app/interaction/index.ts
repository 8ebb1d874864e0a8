// The use cases both platforms share (the interaction layer): who someone is, a typed line, a click,
// a form. An adapter only translates its payloads to these calls and their answers back; no rule of
// the process and no second copy of a use case lives in an adapter. Compare vercel/chat's
// processAction: the core sees a decoded action and a platform identity, never a Slack or Teams type.
import type { ParseOptions } from '../../domain/grammar/parse.ts';
import type { PersonId } from '../../domain/types.ts';
import type { DecodedAction } from '../../views/actions.ts';
import type { Card } from '../../views/card.ts';
import type { Form, FormId, FormValues } from '../../views/forms.ts';
import type { Engine } from '../engine.ts';
import type { Outcome, PlatformUser } from '../ports.ts';
import type { ActingAs } from './acting-as.ts';
import { actAs, actingEngine, labelled } from './act-as.ts';
import { actingLine } from './acting-as.ts';
import type { ClickAnswer, ClickPlace } from './click.ts';
import { click } from './click.ts';
import type { FormAnswer, SubmitOptions } from './forms.ts';
import { formOf, formOpenRefusal, submitForm } from './forms.ts';
import { readerCard } from './reader-card.ts';

export type { ClickAnswer } from './click.ts';
export type { FormAnswer } from './forms.ts';
export type { ActingAs } from './acting-as.ts';
export { AS_LOCAL_ONLY, actingAs } from './acting-as.ts';
export { NOT_REGISTERED, SORRY, errorText, outOfDate } from './replies.ts';

export interface InteractionDeps {
  engine: Engine;
  /** The adapter's log: `data.level` is 'info' (default), 'warn' or 'error'. */
  log: (msg: string, data?: object) => void;
  /** The business clock: commands are decided at this time. */
  now: () => Date;
  /** Local mode only (R79, R89): who each person at the keyboard acts as. Elsewhere `as …` is refused. */
  actingAs?: ActingAs | undefined;
}

export interface Interaction {
  readonly deps: InteractionDeps;
  /** R1: the person behind a platform identity (a mention, a dialog about to open), linked by e-mail. */
  identify(user: PlatformUser): Promise<PersonId | null>;
  /** A line of the grammar typed by someone (R42, R66): the reply, a command run in one transaction. */
  ask(
    text: string,
    user: PlatformUser,
    opts: { deliveryId?: string; parse?: ParseOptions; privately?: boolean },
  ): Promise<Outcome>;
  /** A button (R43): the command its twin stands for, or the form it opens. */
  click(
    decoded: DecodedAction,
    user: PlatformUser,
    deliveryId: string,
    where?: ClickPlace,
  ): Promise<ClickAnswer>;
  /**
   * R81, R74: after a click on the person's `mine` card, that card drawn again, with what the click
   * recorded (its outcome, as `click` answered it) on top; undefined when there is no card to draw.
   */
  mineAfter(user: PlatformUser, clicked: Outcome): Promise<Card | undefined>;
  /**
   * R74: a card seen by many (a ballot in a channel) as this person sees it now, with their own line
   * on top; a read. Undefined when the key names no such card; null for nobody the directory knows (R66).
   */
  cardFor(key: string, user: PlatformUser): Promise<Card | undefined | null>;
  /** A form with what its modification says. */
  form(id: FormId, ref?: string): Promise<Form>;
  /**
   * R75, R2: asked before a form opens (a typed form command, a Teams dialog's task/fetch; a button's
   * `click` asks it itself): the refusal its submit would get now, for this person, in the submit's
   * words; undefined when it may open. Nobody the directory knows is told they are not registered.
   */
  formRefusal(id: FormId, ref: string | undefined, user: PlatformUser): Promise<Outcome | undefined>;
  /** R81: the person opened the bot's Slack Home tab (recorded, and the tab drawn); null: not registered. */
  homeOpened(user: PlatformUser): Promise<PersonId | null>;
  /** A filled form: field errors to show (it stays open), or the outcome of its twin. */
  submitForm(
    form: Form,
    ref: string | undefined,
    values: FormValues,
    user: PlatformUser,
    deliveryId: string | ((twin: string) => string),
    opts?: SubmitOptions,
  ): Promise<FormAnswer>;
}

export function interaction(deps: InteractionDeps): Interaction {
  const { engine, now, actingAs } = deps;
  /** R79: the person this identity acts as in the local demo, if any, and the engine running as them. */
  const as = (user: PlatformUser) => {
    const person = actingAs?.current(user);
    return { person, engine: person ? actingEngine(engine, person.id) : engine };
  };
  return {
    deps,
    identify: (user) => engine.identify(user, now()),
    ask: async (text, user, opts) => {
      const o = {
        platform: user.platform,
        ...(opts.deliveryId !== undefined ? { deliveryId: opts.deliveryId } : {}),
        ...(opts.parse ? { parse: opts.parse } : {}),
        ...(opts.privately !== undefined ? { privately: opts.privately } : {}),
      };
      const answered = await actAs(engine, actingAs, text, user, now(), o);
      if (answered) return answered;
      const { person, engine: e } = as(user);
      return labelled(
        await e.ask(text, user, now(), o),
        person,
        actingAs !== undefined && /^\s*(sec\s+)?help\s*$/i.test(text),
      );
    },
    click: async (decoded, user, deliveryId, where) => {
      const { person, engine: e } = as(user);
      const answer = await click(e, decoded, user, deliveryId, now(), where, person?.id);
      if (!('outcome' in answer)) return answer;
      // The sentence, or the refreshed card's notice, says who acted (R79).
      const outcome = labelled(answer.outcome, person);
      return answer.card ? { outcome, card: { ...answer.card, notice: outcome.reply } } : { outcome };
    },
    mineAfter: async (user, clicked) => {
      const { engine: e } = as(user);
      // Not labelled (R79): the notice, the click's answer, already says who acted.
      const mine = await e.ask('mine', user, now(), { platform: user.platform, privately: true });
      return mine.card ? { ...mine.card, notice: clicked.reply } : undefined;
    },
    cardFor: async (key, user) => {
      // R79: in the local demo the card is drawn for the person acted as.
      const { person } = as(user);
      const who = person?.id ?? (await engine.identify(user, now()));
      const card = who ? await readerCard(engine, key, who) : null;
      // R79: whose card it is, as a click's answer says who acted.
      return card && person
        ? { ...card, notice: [actingLine(person.name), card.notice].filter(Boolean).join('\n') }
        : card;
    },
    form: (id, ref) => formOf(engine, id, ref),
    formRefusal: async (id, ref, user) => {
      const { person } = as(user);
      const at = now();
      const who = person?.id ?? (await engine.identify(user, at));
      const refused = await formOpenRefusal(engine, id, ref, who, at);
      return refused && labelled(refused, person);
    },
    homeOpened: (user) => engine.homeOpened(user, now()),
    submitForm: async (form, ref, values, user, deliveryId, opts) => {
      const { person, engine: e } = as(user);
      const answer = await submitForm(e, form, ref, values, user, deliveryId, now(), opts);
      return 'outcome' in answer ? { outcome: labelled(answer.outcome, person) } : answer;
    },
  };
}
