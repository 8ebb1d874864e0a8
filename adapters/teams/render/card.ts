// Card → Adaptive Card 1.5: a pure function of the neutral card, the Teams twin of
// adapters/slack/render/blocks.ts. The title is a bold TextBlock, the text a wrapping TextBlock, the fields
// a FactSet, the buttons ActionSets and the small print a subtle TextBlock. A button that runs a command
// (vote, available, attend) is an `Action.Execute` (verb = the action name, data = the checked payload plus
// the action name, see ../actions.ts), whose invoke is answered with the refreshed card
// (cardActionResponse), so a click updates the card in place. A button that opens a form (view, object,
// respond, and `form` on the `mine` card, R81) is an `Action.Submit` with the same data plus
// `msteams: { type: 'task/fetch' }`: only that opens a dialog (./dialog.ts). A card without buttons (a
// closed ballot) has no ActionSet. All user text is escaped (R44, escape.ts). The whole card is kept well
// under Teams' 28 KB message limit by shortening the body, never the buttons. Every line of a text, a
// field or the small print is its own TextBlock (R76): Adaptive Cards show a single line break as a space.
import type { AdaptiveCardActionCardResponse } from '@microsoft/teams.api';
import type {
  ActionStyle,
  CardElementArray,
  IActionSet,
  IAdaptiveCard,
  IExecuteAction,
  IFact,
  IFactSet,
  ISubmitAction,
  ITextBlock,
} from '@microsoft/teams.cards';
import type { Card, CardButton } from '../../../src/views/card.ts';
import { isMineCard } from '../../../src/views/mine.ts';
import type { ExecuteData } from '../actions.ts';
import { ON_MINE, actionToCommand, encodeExecute, opensForm, refreshAction } from '../actions.ts';
import { decodePayload } from '../../../src/views/actions.ts';
import { escapeFit, fitRaw } from './escape.ts';
import { cardWithMention } from './mention.ts';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const TEAMS_LIMITS = {
  /** Teams refuses a message over about 28 KB; we stay well below it. */
  cardBytes: 24_000,
  title: 300,
  /** Button titles: Teams shows about 20 characters before cutting; longer ones are ours to shorten. */
  buttonTitle: 60,
  /** Teams shows at most 6 actions in one ActionSet; more go to an overflow menu or are dropped. */
  actionsPerSet: 6,
  factTitle: 100,
  fallback: 1000,
} as const;

/** Shares of the byte budget tried in turn until the card fits: long texts lose their tails first. */
const BUDGETS = [
  // Whole where the card has room: a problem statement of a few thousand characters is read in full
  // (it was cut at 2,000, mid-word, on a card of under 5 KB).
  { text: 12000, fact: 8000, context: 2000 },
  { text: 8000, fact: 2000, context: 1500 },
  { text: 4000, fact: 800, context: 800 },
  { text: 1500, fact: 300, context: 400 },
  { text: 500, fact: 100, context: 200 },
] as const;
type Budget = (typeof BUDGETS)[number];

export interface RenderOptions {
  /** Told about a button the builders should never make; the card still renders, its twin still shown. */
  onBadButton?: (button: CardButton, error: Error) => void;
  /** In a channel or group chat, the bot's @mention, which every "Or type:" hint then shows (R77). */
  mention?: string | undefined;
}

const STYLE: Record<NonNullable<CardButton['style']>, ActionStyle> = {
  primary: 'positive',
  danger: 'destructive',
};

const textBlock = (text: string, extra: Partial<ITextBlock> = {}): ITextBlock => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

const chunk = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** What Teams needs in an Action.Submit's data to send `task/fetch` (open a dialog) instead of a message. */
export const TASK_FETCH = { type: 'task/fetch' } as const;
/** A dialog-opening button's data: Teams' marker plus our small payload (read back by ./dialog.ts). */
export type TaskFetchData<T extends object = ExecuteData> = T & { msteams: typeof TASK_FETCH };
export const taskFetchData = <T extends object>(payload: T): TaskFetchData<T> => ({
  msteams: TASK_FETCH,
  ...payload,
});

export type CardAction = IExecuteAction | ISubmitAction;

/** Whether a button's checked payload stands for a form rather than a command. */
function opensDialog(data: ExecuteData): boolean {
  const { action, ...value } = data;
  const decoded = decodePayload(action, value);
  return decoded.ok && opensForm(actionToCommand(decoded.action));
}

/**
 * The buttons: Action.Execute for commands, Action.Submit + task/fetch for forms. A bad button is
 * reported and left out (its twin stays in the context). On the `mine` card (`onMine`) each click says
 * so (ON_MINE), to be answered with that card drawn again (R81).
 */
export function cardActions(
  buttons: readonly CardButton[],
  opts: RenderOptions = {},
  onMine = false,
): CardAction[] {
  const out: CardAction[] = [];
  for (const b of buttons) {
    try {
      const { verb, data } = encodeExecute(b);
      const title = fitRaw(b.label, TEAMS_LIMITS.buttonTitle);
      const style = b.style ? { style: STYLE[b.style] } : {};
      out.push(
        opensDialog(data)
          ? { type: 'Action.Submit', title, data: taskFetchData(data), ...style }
          : {
              type: 'Action.Execute',
              title,
              verb,
              data: onMine ? { ...data, on: ON_MINE } : data,
              ...style,
            },
      );
    } catch (e) {
      opts.onBadButton?.(b, e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
}

/**
 * R76: Adaptive Cards show a single "\n" as a space, so a multi-line text is one TextBlock per line
 * (fitted as a whole first, so the byte budget still holds); a blank line becomes spacing before the
 * next block instead of an empty block.
 */
export function lineBlocks(escaped: string, extra: Partial<ITextBlock> = {}): ITextBlock[] {
  const out: ITextBlock[] = [];
  let gap = false;
  for (const line of escaped.split('\n')) {
    if (line.trim() === '') {
      gap = out.length > 0;
      continue;
    }
    const spacing = out.length === 0 ? {} : { spacing: gap ? ('Medium' as const) : ('None' as const) };
    out.push(textBlock(line, { ...extra, ...spacing }));
    gap = false;
  }
  return out;
}

/**
 * The fields: runs of one-line fields as a FactSet; a field of several lines (the votes of a closed
 * ballot, a problem statement) as its bold label and then one TextBlock per line (R76), in the card's
 * order.
 */
function fieldElements(fields: Card['fields'], budget: Budget): CardElementArray {
  const out: CardElementArray = [];
  let facts: IFact[] = [];
  const flush = () => {
    if (facts.length) out.push({ type: 'FactSet', facts } satisfies IFactSet);
    facts = [];
  };
  for (const f of fields) {
    const title = escapeFit(f.label, TEAMS_LIMITS.factTitle);
    const value = escapeFit(f.value, budget.fact);
    if (!value.includes('\n')) {
      facts.push({ title, value });
      continue;
    }
    flush();
    out.push(textBlock(title, { weight: 'Bolder' }), ...lineBlocks(value, { spacing: 'None' }));
  }
  flush();
  return out;
}

function body(card: Card, budget: Budget): CardElementArray {
  return [
    textBlock(escapeFit(card.title, TEAMS_LIMITS.title), {
      weight: 'Bolder',
      size: 'Medium',
      style: 'heading',
    }),
    // R74: what the click recorded, for the clicker only (the invoke's answer), before the card itself.
    ...(card.notice
      ? lineBlocks(escapeFit(card.notice, budget.text), { weight: 'Bolder', color: 'Good' })
      : []),
    ...(card.text ? lineBlocks(escapeFit(card.text, budget.text)) : []),
    ...fieldElements(card.fields, budget),
  ];
}

/** The Adaptive Card for a neutral card. */
export function renderCard(neutral: Card, opts: RenderOptions = {}): IAdaptiveCard {
  const onMine = isMineCard(neutral.key);
  const card = cardWithMention(neutral, opts.mention);
  const actions = cardActions(card.buttons, opts, onMine);
  const sets: IActionSet[] = chunk(actions, TEAMS_LIMITS.actionsPerSet).map((a) => ({
    type: 'ActionSet',
    actions: a,
  }));
  // Shown by clients that cannot draw the card, which treat it as message text: escaped like the rest.
  const fallbackText = escapeFit(
    card.text ? `${card.title}\n${card.text}` : card.title,
    TEAMS_LIMITS.fallback,
  );
  const build = (budget: Budget): IAdaptiveCard => ({
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    fallbackText,
    // Wider than the default bubble so fact values and the tally are not squeezed.
    msteams: { width: 'full' },
    // R74: a card drawn per reader (a ballot in a channel) is fetched again by each reader's Teams as
    // they open it and whenever it is updated, so the clicker's own line ("Your vote: …") survives the
    // update everyone gets, and each member sees their own vote. No userIds: Teams then refreshes it for
    // everyone in a conversation of up to 60 people; in a bigger one, from the card's Refresh menu.
    ...(neutral.perReader ? { refresh: { action: refreshAction(neutral.key) } } : {}),
    body: [
      ...body(card, budget),
      // R81: a list card's items, each its bold title, its lines (R76) and its buttons.
      ...(card.sections ?? []).flatMap((sec): CardElementArray => [
        textBlock(escapeFit(sec.title, TEAMS_LIMITS.title), { weight: 'Bolder', spacing: 'Medium' }),
        ...(sec.text ? lineBlocks(escapeFit(sec.text, budget.fact), { spacing: 'None' }) : []),
        ...chunk(cardActions(sec.buttons, opts, onMine), TEAMS_LIMITS.actionsPerSet).map((a): IActionSet => ({
          type: 'ActionSet',
          actions: a,
        })),
      ]),
      ...sets,
      ...(card.context
        ? lineBlocks(escapeFit(card.context, budget.context), { isSubtle: true, size: 'Small' })
        : []),
    ],
  });
  let last = build(BUDGETS[0]);
  for (const budget of BUDGETS) {
    last = build(budget);
    if (cardBytes(last) <= TEAMS_LIMITS.cardBytes) return last;
  }
  // Even the smallest budget is too big (hundreds of fields): keep the title, the card's text (where the
  // builders put what stands and what is asked, R75) when it still fits, and the buttons.
  const head = last.body.slice(0, 1);
  const text = card.text ? lineBlocks(escapeFit(card.text, (BUDGETS.at(-1) as Budget).text)) : [];
  const buttons = last.body.filter((e) => e.type === 'ActionSet');
  const note = textBlock('(Shortened: open the modification for the full text.)');
  const withText = { ...last, body: [...head, ...text, ...buttons, note] };
  return cardBytes(withText) <= TEAMS_LIMITS.cardBytes
    ? withText
    : { ...last, body: [...head, ...buttons, note] };
}

export const cardBytes = (c: IAdaptiveCard): number => Buffer.byteLength(JSON.stringify(c), 'utf8');

/**
 * The answer to an `Action.Execute` invoke: the card rendered again from the current state, which Teams
 * puts in place of the clicked one (for the clicker at once, for everyone with the message update).
 */
export const cardActionResponse = (card: Card, opts: RenderOptions = {}): AdaptiveCardActionCardResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: renderCard(card, opts),
});
