// Identity (issue 5 §6, R1, R2): a Teams user is a person by their linked AAD object id; else by the
// e-mail or UPN the activity carries for them, which is then linked so the next message is one lookup;
// else nobody. The person always comes from the (authenticated) activity's `from`, never from a card's
// data or typed text (R2). Teams types stay inside adapters/teams/.
import { isRecord } from './is-record.ts';
import type { Engine } from '../../src/app/engine.ts';
import type { PersonId } from '../../src/domain/types.ts';

export interface IdentityDeps {
  engine: Engine;
  now: () => Date;
  log: (msg: string, data?: object) => void;
}

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

/** The person behind a Teams account, linking them by e-mail/UPN on first sight; null when unregistered. */
export async function resolvePerson(deps: IdentityDeps, account: TeamsAccount): Promise<PersonId | null> {
  const aad = account.aadObjectId;
  if (aad) {
    const linked = await deps.engine.whoIs('teams', aad);
    if (linked) return linked;
  }
  const email = emailOf(account);
  if (!email) return null;
  const person = (await deps.engine.people()).find((p) => p.email.trim().toLowerCase() === email);
  if (!person) return null;
  // Without an AAD id there is nothing durable to link; the e-mail alone answers this one message.
  if (aad) {
    const r = await deps.engine.linkIdentity(person.id, 'teams', aad, deps.now());
    if (r === 'linked') deps.log('teams user linked by e-mail', { level: 'info', person: person.id, aad });
  }
  return person.id;
}

/** The mention entities of an activity (anything else in `entities` is ignored). */
export function mentionsOf(entities: unknown): TeamsMention[] {
  if (!Array.isArray(entities)) return [];
  return entities.filter(
    (e): e is TeamsMention =>
      isRecord(e) && e.type === 'mention' && isRecord(e.mentioned) && typeof e.mentioned.id === 'string',
  );
}

/**
 * The mention map for parse() (R66): each `<at>…</at>` token of another user → their person, by the
 * AAD id the entity gives. The bot's own mention and unregistered people are left out, so the grammar
 * names the latter in its refusal.
 */
export async function resolveMentions(
  deps: IdentityDeps,
  entities: unknown,
  botId: string | undefined,
): Promise<Record<string, PersonId>> {
  const out: Record<string, PersonId> = {};
  for (const m of mentionsOf(entities)) {
    if (m.mentioned.id === botId || !m.text || !m.mentioned.aadObjectId) continue;
    const person = await deps.engine.whoIs('teams', m.mentioned.aadObjectId);
    if (person) out[m.text] = person;
  }
  return out;
}
