// Card → Block Kit: a pure function of the neutral card. The title is a header, the text
// plain_text sections (one per line while the message stays within 50 blocks, R76), the fields section fields (10 a section), the buttons an actions block (25 a
// block) whose ids and values come from actions.ts, and the small print a context line. A card without
// buttons (a closed ballot) has no actions block. All user text is escaped (R44, see escape.ts) and
// every element is kept inside Slack's limits, so a long title or problem can never make Slack refuse
// the message (`invalid_blocks`).
import type { Card, CardButton } from '../../../src/views/card.ts';
import { SLACK_COMMAND, cardWithPrefix, commandsAs } from '../../../src/views/hints.ts';
import { isMineCard } from '../../../src/views/mine.ts';
import { encodeAction } from '../actions.ts';
import type { PlainText, TextObject } from './escape.ts';
import { escapeChunks, escapeFit, escapeMrkdwn, formattable, inert, mrkdwn, plain } from './escape.ts';

/** The slash command (manifest/slack/manifest.yaml): on Slack the only way to type a command (R42). */
export const SLASH_COMMAND = SLACK_COMMAND;

/** R42: every command a core text names (views/hints.ts cmd), as Slack users type it: "/sec vote …". */
export const slackCommands = (text: string): string => commandsAs(text, SLASH_COMMAND);

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  fields?: TextObject[];
}
export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}
export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
  /** On the `mine` card, MINE_BLOCK and a number: a click there is answered with the card redrawn (R81). */
  block_id?: string;
}

/** The start of the block_id of every button row on a `mine` card (unique in the message by its number). */
export const MINE_BLOCK = 'mine:';
export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock;

export interface RenderedCard {
  /** The notification and screen-reader fallback (mrkdwn, escaped). */
  text: string;
  blocks: Block[];
}

/** Slack's Block Kit limits (reference pages of each block and element). */
export const SLACK_LIMITS = {
  header: 150,
  sectionText: 3000,
  field: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  buttonsPerActions: 25,
  contextText: 3000,
  blocksPerMessage: 50,
  /** A Home tab view (views.publish). */
  blocksPerHome: 100,
  /** Ours: a notification preview needs no more. */
  fallback: 3000,
} as const;

export interface RenderOptions {
  /** Told about a button the builders should never make; the card still renders, its twin still shown. */
  onBadButton?: (button: CardButton, error: Error) => void;
  /** The most blocks (a message holds 50, the Home tab 100). */
  maxBlocks?: number;
}

const chunk = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** The title: a header, plus the whole title in a section when the header had to cut it. */
function titleBlocks(title: string): Block[] {
  const header: HeaderBlock = { type: 'header', text: plain(title, SLACK_LIMITS.header) };
  if (escapeMrkdwn(title).length <= SLACK_LIMITS.header) return [header];
  return [header, ...escapeChunks(title, SLACK_LIMITS.sectionText).map(plainSection)];
}

const plainSection = (escaped: string): SectionBlock => ({
  type: 'section',
  text: { type: 'plain_text', text: escaped === '' ? '-' : escaped, emoji: true },
});

/**
 * A text as sections (R76). Fine: one section per line, a blank line dropped (Slack spaces sections
 * apart already). Coarse, when the fine form would pass Slack's 50 blocks: the lines joined with "\n"
 * in as few sections as fit 3000 characters, which Slack still shows as separate lines.
 */
function textSections(raw: string, fine: boolean): SectionBlock[] {
  if (!fine) return escapeChunks(raw, SLACK_LIMITS.sectionText).map(plainSection);
  const lines = raw.split('\n').filter((l) => l.trim() !== '');
  return (lines.length ? lines : [raw]).flatMap((l) =>
    escapeChunks(l, SLACK_LIMITS.sectionText).map(plainSection),
  );
}

/**
 * Fields as section fields, ten a section; one too long for a field becomes its own sections, and so
 * does one of several lines (the votes of a closed ballot, R76): its label, then one section per line
 * (fine) or its lines in as few sections as fit (coarse). The label is bold (mrkdwn) unless the field
 * holds a mark Slack would format (R44): then the whole field is plain_text, the label on its own first
 * line.
 */
function fieldBlocks(fields: Card['fields'], fine: boolean): Block[] {
  const blocks: Block[] = [];
  let run: TextObject[] = [];
  const flush = () => {
    blocks.push(
      ...chunk(run, SLACK_LIMITS.fieldsPerSection).map((fs) => ({ type: 'section' as const, fields: fs })),
    );
    run = [];
  };
  for (const f of fields) {
    const name = escapeFit(f.label, 200);
    const value = escapeMrkdwn(f.value);
    const styled = !formattable(name) && !formattable(value);
    const label = styled ? `*${name}*` : name;
    const text = (t: string): TextObject => (styled ? mrkdwn(t) : inert(t));
    const whole = `${label}\n${value}`;
    const lines = f.value.split('\n').filter((l) => l.trim() !== '');
    if (whole.length <= SLACK_LIMITS.field && lines.length <= 1) {
      run.push(text(whole));
      continue;
    }
    flush();
    if (fine) {
      blocks.push({ type: 'section', text: text(label) });
      for (const line of lines)
        for (const p of escapeChunks(line, SLACK_LIMITS.sectionText))
          blocks.push({ type: 'section', text: text(p) });
      continue;
    }
    const parts = escapeChunks(f.value, SLACK_LIMITS.sectionText - label.length - 1);
    parts.forEach((p, i) => blocks.push({ type: 'section', text: text(i === 0 ? `${label}\n${p}` : p) }));
  }
  flush();
  return blocks;
}

function actionBlocks(buttons: readonly CardButton[], opts: RenderOptions): ActionsBlock[] {
  const elements: ButtonElement[] = [];
  buttons.forEach((b, i) => {
    try {
      const { action_id, value } = encodeAction(b, i);
      elements.push({
        type: 'button',
        text: plain(b.label, SLACK_LIMITS.buttonText),
        action_id,
        value,
        ...(b.style ? { style: b.style } : {}),
      });
    } catch (e) {
      opts.onBadButton?.(b, e instanceof Error ? e : new Error(String(e)));
    }
  });
  return chunk(elements, SLACK_LIMITS.buttonsPerActions).map((els) => ({ type: 'actions', elements: els }));
}

/**
 * R81: the items of a list card, each a section (its title bold, then its lines) followed by its buttons.
 * A section holding a mark Slack would format is plain_text (R44).
 */
function sectionBlocks(section: NonNullable<Card['sections']>[number], opts: RenderOptions): Block[] {
  const title = escapeFit(section.title, 300);
  const body = section.text ? escapeFit(section.text, SLACK_LIMITS.sectionText - title.length - 10) : '';
  const styled = !formattable(title) && !formattable(body);
  const text = styled
    ? mrkdwn(body ? `*${title}*\n${body}` : `*${title}*`)
    : inert(body ? `${title}\n${body}` : title);
  return [{ type: 'section', text }, ...actionBlocks(section.buttons, opts)];
}

/**
 * A message without a card (a DM, a private reply). Slack shows `text` as mrkdwn, so text holding a mark
 * it would format (R44) also goes as plain_text sections, which are what people then see; `text` stays
 * the notification and screen-reader fallback. Every command it names reads "/sec …" (R42).
 */
export function renderText(core: string, max: number = SLACK_LIMITS.fallback): RenderedText {
  const raw = slackCommands(core);
  const text = escapeFit(raw, max);
  if (!formattable(text)) return { text };
  const sections = escapeChunks(raw, SLACK_LIMITS.sectionText).map(plainSection);
  return { text, blocks: sections.slice(0, SLACK_LIMITS.blocksPerMessage) };
}
export interface RenderedText {
  text: string;
  blocks?: Block[];
}

/**
 * The Block Kit message for a card: `text` is the notification fallback, `blocks` what people see.
 * Every command it names reads as Slack users type it, "Or type: /sec vote MP042 approve" (R42, R43).
 */
export function renderCard(neutral: Card, opts: RenderOptions = {}): RenderedCard {
  const card = cardWithPrefix(neutral, SLASH_COMMAND);
  const bodyOf = (fine: boolean): Block[] => [
    ...titleBlocks(card.title),
    // R74: a note for the one person shown this version (Slack confirms a click ephemerally instead).
    ...(card.notice ? textSections(card.notice, fine) : []),
    ...(card.text ? textSections(card.text, fine) : []),
    ...fieldBlocks(card.fields, fine),
  ];
  const tail: Block[] = [
    ...actionBlocks(card.buttons, opts),
    ...(card.context
      ? [{ type: 'context' as const, elements: [inert(escapeFit(card.context, SLACK_LIMITS.contextText))] }]
      : []),
  ];
  // Buttons and the twins matter more than the end of a very long text: cut the body, never the tail.
  // A list card's items come whole or not at all, as many as fit after the body.
  const limit = opts.maxBlocks ?? SLACK_LIMITS.blocksPerMessage;
  const room = limit - tail.length;
  const fine = bodyOf(true);
  const body = fine.length <= room ? fine : bodyOf(false);
  const cut = body.length > room ? body.slice(0, room) : body;
  const items: Block[][] = (card.sections ?? []).map((x) => sectionBlocks(x, opts));
  const fits = (n: number, extra: number) =>
    cut.length + items.slice(0, n).reduce((k, b) => k + b.length, 0) + extra <= room;
  let shown = items.length;
  while (shown > 0 && !fits(shown, 0)) shown--;
  // Items that do not fit are counted on a line of their own rather than dropped unsaid.
  if (shown < items.length) while (shown > 0 && !fits(shown, 1)) shown--;
  const left = items.length - shown;
  const note: Block[] = left
    ? [{ type: 'context', elements: [inert(escapeMrkdwn(`…and ${left} more not shown here`))] }]
    : [];
  const all = [...cut, ...items.slice(0, shown).flat(), ...note, ...tail];
  const mine = isMineCard(card.key);
  const blocks = mine
    ? all.map((b, i): Block => (b.type === 'actions' ? { ...b, block_id: `${MINE_BLOCK}${i}` } : b))
    : all;
  const fallback = card.text ? `${card.title}\n${card.text}` : card.title;
  return { text: escapeFit(fallback, SLACK_LIMITS.fallback), blocks };
}
