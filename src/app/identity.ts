// R1 and R2 inside the transaction that uses them: the person behind a platform identity is found by
// the linked id; else by the e-mail the platform holds for them, and then linked (an IdentityLinked
// system event in that same transaction, so the next request is one lookup); else nobody. The
// person always comes from the platform's signed request, never from a button value or typed text.
import type { Person, PersonId } from '../domain/types.ts';
import { canonicalPlatformId } from '../domain/types.ts';
import type { PlatformUser } from './ports.ts';
import type { IdentityKey, StoreTx } from './store.ts';
import type { TxState } from './unit-of-work.ts';
import { stageEvents } from './unit-of-work.ts';

/** A platform user with the e-mail as a value (or none): what a transaction can use. */
export type KnownUser = Omit<PlatformUser, 'email'> & { email?: string | undefined };

export const isPlatformUser = (x: unknown): x is PlatformUser =>
  typeof x === 'object' && x !== null && 'platform' in x;

/** The identity to look up, when the platform gave an id. */
export const identityKey = (u: Pick<PlatformUser, 'platform' | 'platformId'>): IdentityKey | undefined =>
  u.platformId ? { platform: u.platform, platformId: u.platformId } : undefined;

/** One string per identity, as the directory matches them (R1: a Teams id without case). */
export const identityString = (k: IdentityKey): string =>
  `${k.platform}:${canonicalPlatformId(k.platform, k.platformId)}`;

const norm = (email: string): string => email.trim().toLowerCase();

/** The person whose directory e-mail this is (R1: compared trimmed and lower-cased). */
export const personByEmail = (people: readonly Person[], email: string): Person | undefined =>
  people.find((p) => norm(p.email) === norm(email));

export interface Identified {
  person: Person;
  /** This request linked the platform id to them by e-mail. */
  linked?: IdentityKey;
}

/**
 * Who `user` is, in this transaction (the directory loaded in `st`). `linked` is what an earlier
 * statement of the transaction already answered for the identity (undefined: not asked yet). A
 * match by e-mail stages the link. Undefined: nobody the directory knows.
 */
export async function identifyIn(
  tx: StoreTx,
  st: TxState,
  user: KnownUser,
  now: Date,
  linked?: PersonId | null,
): Promise<Identified | undefined> {
  const people = st.people ?? [];
  const key = identityKey(user);
  const id =
    linked !== undefined ? linked : key ? await tx.personByIdentity(key.platform, key.platformId) : null;
  const byId = id ? people.find((p) => p.id === id) : undefined;
  if (byId) return { person: byId };
  const person = user.email ? personByEmail(people, user.email) : undefined;
  if (!person) return undefined;
  // Without a platform id there is nothing durable to link: the e-mail answers this request alone.
  if (!key) return { person };
  const meta = {
    actor: 'system' as const,
    platform: user.platform,
    deliveryId: null,
    commandText: `link by e-mail ${person.id}`,
  };
  const event = {
    type: 'IdentityLinked' as const,
    person: person.id,
    platform: user.platform,
    platformId: key.platformId,
  };
  stageEvents(st, meta, [event], now);
  return { person, linked: key };
}

/**
 * Runs `attempt` with what is known of the user; when it finds nobody and the e-mail costs a platform
 * call (Slack's users.info), asks for the e-mail and runs it once more. So a linked user costs one
 * transaction and no platform call, and only a first contact costs two. `last` tells the attempt
 * that nothing more will be learnt (an attempt that answers nobody too may answer then).
 */
export async function withEmail<T>(
  user: PlatformUser,
  attempt: (u: KnownUser, last: boolean) => Promise<T | undefined>,
): Promise<T | undefined> {
  const { email, ...rest } = user;
  const lazy = typeof email === 'function';
  const first = await attempt(knownOf(user), !lazy);
  if (first !== undefined || !lazy) return first;
  const found = await email();
  return attempt(found ? { ...rest, email: found } : rest, true);
}

/** What a transaction can use of a user before the platform is asked for an e-mail (withEmail's first try). */
export function knownOf(user: PlatformUser): KnownUser {
  const { email, ...rest } = user;
  return typeof email === 'function' ? rest : { ...rest, email };
}

/** The log line of a link made by e-mail (R1), in the fields operators already search by. */
export function linkedLine(key: IdentityKey, person: PersonId): [string, object] {
  const id = key.platform === 'slack' ? { userId: key.platformId } : { aad: key.platformId };
  return [`${key.platform} user linked by e-mail`, { level: 'info', person, ...id }];
}
