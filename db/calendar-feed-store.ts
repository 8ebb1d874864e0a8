// R84: the calendar feed tokens (FeedTokens, src/app/web-ports.ts). Only hashes are stored; the row is
// locked while a token is issued so two `calendar` requests at once agree on one generation.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { FeedTokens } from '../src/app/web-ports.ts';
import type { Db } from './client.ts';
import { people } from './schema/directory.ts';
import { calendarFeeds } from './schema/calendar-feeds.ts';

export function feedTokens(db: Db): FeedTokens {
  return {
    issue: (person, hashOf, now) =>
      db.transaction(async (tx) => {
        // A first issue races on the primary key: the loser's insert waits, then updates nothing new.
        await tx
          .insert(calendarFeeds)
          .values({ personId: person, generation: 0, tokenHash: null, issuedAt: now, revokedAt: now })
          .onConflictDoNothing({ target: calendarFeeds.personId });
        const [row] = await tx
          .select()
          .from(calendarFeeds)
          .where(eq(calendarFeeds.personId, person))
          .for('update');
        const live = row?.tokenHash !== null && row?.tokenHash !== undefined;
        const generation = live ? (row?.generation ?? 1) : (row?.generation ?? 0) + 1;
        const hash = hashOf(generation);
        if (!live || row?.tokenHash !== hash) {
          await tx
            .update(calendarFeeds)
            .set({ generation, tokenHash: hash, issuedAt: now, revokedAt: null })
            .where(eq(calendarFeeds.personId, person));
        }
        return generation;
      }),
    revoke: async (person, now) => {
      const rows = await db
        .update(calendarFeeds)
        .set({ tokenHash: null, revokedAt: now })
        .where(and(eq(calendarFeeds.personId, person), isNotNull(calendarFeeds.tokenHash)))
        .returning({ person: calendarFeeds.personId });
      return rows.length > 0;
    },
    personFor: async (hash) => {
      const [row] = await db
        .select({ person: people.id })
        .from(calendarFeeds)
        .innerJoin(people, eq(people.id, calendarFeeds.personId))
        .where(eq(calendarFeeds.tokenHash, hash));
      return row?.person ?? null;
    },
  };
}
