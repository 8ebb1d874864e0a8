// A button click, the same on every platform (R2, R36, R43): the decoded action becomes the command
// its text twin stands for, run as the person the platform's signed request names (found in the
// command's transaction, R1) under the click's delivery id, or the form the button opens, unless its
// submit would be refused now (R75: then the refusal, before anything is filled in). The answer
// carries the refreshed card when the click changed the card it was on (a ballot's progress, a poll),
// the same card again for a repeated delivery (R36), with what was recorded as its notice (R74).
import { parseRef } from '../../domain/grammar/args.ts';
import type { DecodedAction } from '../../views/actions.ts';
import { actionToCommand, actionTwin, opensForm } from '../../views/actions.ts';
import { ballotCardKey } from '../../views/ballot-card.ts';
import type { Card } from '../../views/card.ts';
import type { FormId } from '../../views/forms.ts';
import { meetingCardKey, pollCardKey } from '../../views/meeting-cards.ts';
import type { PersonId } from '../../domain/types.ts';
import type { Engine } from '../engine.ts';
import type { Outcome, PlatformUser } from '../ports.ts';
import { formOpenRefusal } from './forms.ts';

export type ClickAnswer =
  /**
   * The button opens a form about this modification: the platform shows it (nothing ran). Only when
   * its submit could be accepted now; else the outcome is the refusal the submit would get (R75).
   */
  | { opens: { form: FormId; ref: string } }
  /** The command ran (or was refused, or was a repeat, R36); `card` is the card it refreshed. */
  | { outcome: Outcome; card?: Card };

/** Where the click happened, as the platform's request says. */
export interface ClickPlace {
  /** In the person's 1:1 chat with the bot. */
  privately?: boolean;
}

/** The card a button sits on, by the keys the card builders give it (src/views). */
function clickedCardKey(a: DecodedAction, where: ClickPlace): string | undefined {
  const number = parseRef(a.value.ref) ?? 0;
  switch (a.action) {
    case 'vote':
      // A ballot's card is posted in a channel only. A vote button in the 1:1 chat is on a reminder
      // DM or the `mine` card, which the channel's card must not replace: the sentence answers (R74)
      // (a clicked `mine` card is drawn again by the adapter, with Interaction.mineAfter).
      return where.privately ? undefined : ballotCardKey({ number }, { id: a.value.ballot });
    case 'available':
      return pollCardKey({ number }, { id: a.value.meeting });
    case 'attend':
      return meetingCardKey({ number }, { id: a.value.meeting });
    default:
      return undefined;
  }
}

export async function click(
  engine: Engine,
  decoded: DecodedAction,
  user: PlatformUser,
  deliveryId: string,
  now: Date,
  where: ClickPlace = {},
  /** Whom the command runs as when not the platform user's own person (the local demo, R79). */
  actor?: PersonId,
): Promise<ClickAnswer> {
  const target = actionToCommand(decoded);
  if (opensForm(target)) {
    const form = target.opensForm;
    const ref = decoded.value.ref.toUpperCase();
    // R75: a form button on an old card (views closed, the DP withdrawn, the objection window over)
    // says so at the click, in the words its submit would use, not after the form is filled in.
    const who = actor ?? (await engine.identify(user, now));
    const refused = await formOpenRefusal(engine, form, ref, who, now);
    return refused ? { outcome: refused } : { opens: { form, ref } };
  }
  const text = actionTwin(decoded);
  const key = clickedCardKey(decoded, where);
  const outcome = await engine.execute(
    {
      command: target,
      actor: user,
      platform: user.platform,
      deliveryId,
      ...(text ? { text } : {}),
      // R36: the card this click refreshes is kept with its outcome, so a repeat gets the same answer.
      // Only a platform that answers a click with the card needs it (Slack answers ephemerally).
      ...(key && user.platform === 'teams' ? { answerCard: key } : {}),
    },
    now,
  );
  // A refusal, or a card this command did not change: the sentence alone. R74: the refreshed card
  // says, for the clicker, exactly what was recorded and until when it can be changed.
  const card = outcome.ok && outcome.card ? { ...outcome.card, notice: outcome.reply } : undefined;
  return card ? { outcome, card } : { outcome };
}
