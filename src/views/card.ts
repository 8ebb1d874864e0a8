// The neutral card model: what a message shows and which buttons it has, with no
// platform type. adapters/slack/render and adapters/teams/render turn it into Block Kit / Adaptive Cards.

/** A button: its action id and payload are decoded the same way on both platforms. */
export interface CardButton {
  /** Stable action id, e.g. `vote`, `view`, `object`, `respond`, `available`, `attend`. */
  action: string;
  label: string;
  /** The payload: only what identifies the target (ref, ballot, option…), never who clicked (R2). */
  value: Record<string, string | number | boolean>;
  /** The text-command twin (R43), e.g. `vote MP042 approve`. */
  twin: string;
  style?: 'primary' | 'danger';
  /** Buttons that open a form (give a view, respond, object with a reason). */
  opensForm?: boolean;
}

export interface Card {
  /**
   * Identifies the message across updates: a later card with the same key replaces it in place
   * (ballot progress, the closed ballot without buttons).
   */
  key: string;
  title: string;
  /** Plain text, never markup: renderers escape it (R44). */
  text?: string;
  fields: { label: string; value: string }[];
  buttons: CardButton[];
  /**
   * A line for the one person this version is shown to, under the title: the card refreshed for the
   * clicker says what was recorded and until when it can be changed (R74). Never in the outbox.
   */
  notice?: string;
  /**
   * R74: a card seen by many (a ballot in a channel) that each reader may see with their own notice,
   * drawn for them on request (Interaction.cardFor; Teams asks for it as each person opens the card).
   */
  perReader?: boolean;
  /**
   * Items of a list card, each with its own buttons (R81: what a person owes, one item per action),
   * shown after the fields and before the card's own buttons.
   */
  sections?: CardSection[];
  /** Small print under the card (deadline, rule, the twins). */
  context?: string;
  /** Files sent with the message, such as a meeting's iCalendar invite (R40). */
  attachments?: CardAttachment[];
}

/** One item of a list card: a heading, plain text and the buttons that act on it. */
export interface CardSection {
  title: string;
  /** Plain text, never markup (R44); one line per line (R76). */
  text?: string;
  buttons: CardButton[];
}

export interface CardAttachment {
  filename: string;
  /** e.g. `text/calendar; method=PUBLISH`. */
  contentType: string;
  text: string;
}
