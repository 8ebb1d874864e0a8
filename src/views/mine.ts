// R81 "what do I owe": one person's pending actions across every modification, soonest due first, each
// with the buttons the other cards carry for it (the same action ids and payloads, so a click here does
// what it does there), or, for what no card carries a button for, buttons that open the forms of the
// commands it shows (as typing them would), and its due date in words (London). What is owed comes from
// owedBy (domain/owed.ts), the one account help, the status DMs and the digests read; this file only lays
// it out. Pure.
import type { FormButton } from '../domain/grammar/button-twins.ts';
import { BUTTON_TWINS } from '../domain/grammar/button-twins.ts';
import type { Modification, World } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import type { Owed } from '../domain/owed.ts';
import { owedBy } from '../domain/owed.ts';
import type { Context, PersonId } from '../domain/types.ts';
import { when } from '../domain/words.ts';
import { voteButtons } from './ballot-card.ts';
import type { Card, CardButton, CardSection } from './card.ts';
import { cmd, cmds, orType } from './hints.ts';
import { objectButton, respondButton, viewButton } from './cards.ts';
import { attendButtons, pollButtons } from './meeting-cards.ts';

const MINE_KEY = 'mine:';
export const mineCardKey = (person: PersonId): string => `${MINE_KEY}${person}`;
/** Whether a card is someone's `mine` card, by its key. */
export const isMineCard = (key: string): boolean => key.startsWith(MINE_KEY);

export const NOTHING_OWED = 'You owe nothing right now. Enjoy the quiet; I will tell you when that changes.';

export interface MineOptions {
  /** The most items shown; the rest are counted in a last line (Slack's Home tab holds 100 blocks). */
  max?: number;
  /** The card's key (default `mine:<person>`; the Slack Home tab uses its own). */
  key?: string;
}

export interface MineView {
  /** The plain-text twin: what a script, the command line or a screen reader reads. */
  text: string;
  card: Card;
  /** How many items are owed in all (the card may show fewer). */
  count: number;
}

/** What this person owes, with optional consultation responses (R81: every pending action). */
export const mineItems = (
  world: World,
  person: PersonId,
  ctx: Pick<Context, 'people' | 'settings'>,
): Owed[] => owedBy(world, person, ctx, { optional: true });

/** Plain words, as the other form buttons ("Give your view", "Respond", "Object"). */
const FORM_BUTTON_LOOKS: Record<FormButton, Pick<CardButton, 'label' | 'style'>> = {
  iar: { label: 'Record the Initial Assessment Report', style: 'primary' },
  'panel-route': { label: 'Route', style: 'primary' },
  proceed: { label: 'Proceed', style: 'primary' },
  withdraw: { label: 'Withdraw', style: 'danger' },
};

/**
 * R43 R81: a button that opens the form of something owed that no card carries a button for. Its submit
 * is the command, decided then (R2): a click when it is no longer owed gets that command's refusal.
 */
export const formButton = (m: Modification, form: FormButton): CardButton => ({
  action: 'form',
  ...FORM_BUTTON_LOOKS[form],
  value: { ref: refOf(m), form },
  twin: BUTTON_TWINS.form(m, form),
  opensForm: true,
});

/**
 * The buttons that do it: those of the card that carries it (ballot, views, consultation, meeting), or
 * those that open its commands' forms.
 */
export function buttonsFor(o: Owed, world: World): CardButton[] {
  const m = world.modifications[o.number];
  const b = o.button;
  if (!m || !b) return [];
  switch (b.action) {
    case 'vote': {
      const ballot = m.ballots.find((x) => x.id === b.ballot && x.status === 'open');
      return ballot ? voteButtons(m, ballot) : [];
    }
    case 'view':
      return [viewButton(m)];
    case 'respond':
      return [respondButton(m, { id: b.consultation })];
    case 'available': {
      const mt = m.meetings.find((x) => x.id === b.meeting);
      return mt ? pollButtons(m, mt) : [];
    }
    case 'attend':
      return attendButtons(m, { id: b.meeting });
    case 'object':
      return m.status === 'fast_track_window' ? [objectButton(m)] : [];
    case 'form':
      return b.forms.map((f) => formButton(m, f));
  }
}

/** R27 R28 R81: a date that has passed while it is still owed stays, said as overdue. */
const dueWords = (o: Owed): string =>
  o.due ? `${o.overdue ? 'Overdue since' : 'Due'} ${when(o.due)}` : 'No deadline set';

function section(o: Owed, world: World): CardSection {
  const m = world.modifications[o.number];
  const buttons = buttonsFor(o, world);
  const lines = [
    `${o.what}${o.optional ? ' (if you wish)' : ''}`,
    dueWords(o),
    ...(o.twin ? [orType([o.twin])] : []),
  ];
  return { title: m ? `${o.ref} "${m.title}"` : o.ref, text: lines.join('\n'), buttons };
}

/** One line of the text twin: `MP001 "Title": Vote on … Due Fri 18 Dec 2026, 17:00. Type: vote …`. */
function line(o: Owed, world: World): string {
  const m = world.modifications[o.number];
  const head = m ? `${o.ref} "${m.title}"` : o.ref;
  const opt = o.optional ? ' (if you wish)' : '';
  return `- ${head}: ${o.what}${opt}. ${dueWords(o)}.${o.twin ? ` Type: ${cmds(o.twin)}` : ''}`;
}

/** The card and its text for this person now. */
export function mineView(
  world: World,
  person: PersonId,
  ctx: Pick<Context, 'people' | 'settings'>,
  opts: MineOptions = {},
): MineView {
  const items = mineItems(world, person, ctx);
  const max = Math.max(1, opts.max ?? 20);
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  // Each platform shows the command as typed there (views/hints.ts): `/sec mine` on Slack.
  const moreLine = more > 0 ? `…and ${more} more — type ${cmd('mine')}` : undefined;
  const key = opts.key ?? mineCardKey(person);
  if (items.length === 0)
    return {
      text: NOTHING_OWED,
      card: { key, title: 'What you owe', text: NOTHING_OWED, fields: [], buttons: [] },
      count: 0,
    };
  const title = `What you owe (${items.length})`;
  const card: Card = {
    key,
    title,
    text: 'Soonest due first. A button here does what typing the command beside it does; where an item has no button, type its command.',
    fields: [],
    buttons: [],
    sections: shown.map((o) => section(o, world)),
    ...(moreLine ? { context: moreLine } : {}),
  };
  const text = [
    `${title}, soonest due first:`,
    ...shown.map((o) => line(o, world)),
    ...(moreLine ? [moreLine] : []),
  ];
  return { text: text.join('\n'), card, count: items.length };
}
