// Identity (R1, R2): a Teams user is named by the (authenticated) activity's `from`, never by a card's
// data or typed text; the core finds the person in the command's transaction, by the linked AAD object
// id or else by the e-mail or UPN the activity carries for them. Teams types stay in adapters/teams/.
import { isRecord } from './is-record.ts';
import type { Interaction } from '../../src/app/interaction/index.ts';
import type { PlatformUser } from '../../src/app/ports.ts';
import type { PersonId } from '../../src/domain/types.ts';
import { canonicalPlatformId } from '../../src/domain/types.ts';

/** The parts of a Teams account we read; `email`/`userPrincipalName` appear on some activities only. */
export interface TeamsAccount {
  id: string;
  aadObjectId?: string | undefined;
  name?: string | undefined;
}

/** A mention entity as Teams sends it in `activity.entities`. */
export interface TeamsMention {
  type: 'mention';
  mentioned: TeamsAccount;
  text?: string | null | undefined;
}

/** The e-mail or UPN on an account, lower-cased; Teams puts it there only in some payloads. */
function emailOf(account: TeamsAccount): string | undefined {
  const a: Record<string, unknown> = { ...account };
  for (const key of ['email', 'userPrincipalName']) {
    const v = a[key];
    if (typeof v === 'string' && v.includes('@')) return v.trim().toLowerCase();
  }
  return undefined;
}

/** The person behind a Teams account, for the core to find (R1); without an AAD id nothing is linked. */
export const teamsUser = (account: TeamsAccount): PlatformUser => ({
  platform: 'teams',
  platformId: account.aadObjectId && canonicalPlatformId('teams', account.aadObjectId),
  email: emailOf(account),
});

/** The mention entities of an activity (anything else in `entities` is ignored). */
export function mentionsOf(entities: unknown): TeamsMention[] {
  if (!Array.isArray(entities)) return [];
  return entities.filter(
    (e): e is TeamsMention =>
      isRecord(e) && e.type === 'mention' && isRecord(e.mentioned) && typeof e.mentioned.id === 'string',
  );
}

/**
 * R44 R71: how each `<at>…</at>` of another person reads in a typed line's free text, `@` and the name
 * Teams showed in the box (a comment "ask <at>Ann Lee</at>" is stored as "ask @Ann Lee"). The bot's own
 * mention is cut from the line before (handlers.ts addressedText).
 */
export function mentionNamesOf(entities: unknown, botId: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of mentionsOf(entities)) {
    if (m.mentioned.id === botId || !m.text) continue;
    const shown = /^<at>(.*)<\/at>$/s.exec(m.text)?.[1]?.trim() || m.mentioned.name?.trim();
    if (shown) out[m.text] = `@${shown}`;
  }
  return out;
}

/**
 * The mention map for parse() (R66): each `<at>…</at>` token of another user → their person, by the
 * AAD id the entity gives. The bot's own mention and unregistered people are left out, so the grammar
 * names the latter in its refusal.
 */
export async function resolveMentions(
  ix: Interaction,
  entities: unknown,
  botId: string | undefined,
): Promise<Record<string, PersonId>> {
  const out: Record<string, PersonId> = {};
  for (const m of mentionsOf(entities)) {
    if (m.mentioned.id === botId || !m.text || !m.mentioned.aadObjectId) continue;
    const person = await ix.identify({
      platform: 'teams',
      platformId: canonicalPlatformId('teams', m.mentioned.aadObjectId),
    });
    if (person) out[m.text] = person;
  }
  return out;
}
