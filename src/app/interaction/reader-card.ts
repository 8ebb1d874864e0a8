// R74: a card seen by many, drawn for one reader. A ballot card in a channel shows everyone the same
// progress; Teams asks the bot for each reader's own version as they open it (a user-specific view),
// and this is that version: the card as it stands now, with the reader's line on top (their vote and
// until when it can be changed, or what they have not voted on). A read: nothing is written, and a
// reader is found as any other Teams user is (R1). Nobody the directory knows is told nothing (R66).
import type { PersonId } from '../../domain/types.ts';
import { ballotCard, ballotCardKey, readerNotice } from '../../views/ballot-card.ts';
import type { Card } from '../../views/card.ts';
import type { Engine } from '../engine.ts';

/** The most a card key can be: what the card builders make is far shorter; anything longer is not ours. */
export const MAX_CARD_KEY = 120;

/** `ballot:<number>:<ballot id>`, as ballotCardKey makes it. */
const BALLOT_KEY = /^ballot:(\d{1,9}):([A-Za-z0-9_-]{1,60})$/;

/**
 * The card under `key` as `reader` sees it now; undefined when the key names no card with a reader's
 * version (an unknown or malformed key, a modification or ballot that does not exist).
 */
export async function readerCard(engine: Engine, key: string, reader: PersonId): Promise<Card | undefined> {
  const found = key.length <= MAX_CARD_KEY ? BALLOT_KEY.exec(key) : null;
  if (!found) return undefined;
  const m = await engine.modification(Number(found[1]));
  const b = m?.ballots.find((x) => x.id === found[2]);
  if (!m || !b || ballotCardKey(m, b) !== key) return undefined;
  const people = await engine.people();
  const card = ballotCard(m, b, { people, settings: engine.settings });
  const notice = readerNotice(m, b, { people }, reader);
  return notice ? { ...card, notice } : card;
}
