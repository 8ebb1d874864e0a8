// The PlatformPort (src/app/platform-port.ts) over drizzle: the per-platform delivery records of
// outbox messages, and the directory look-ups a deliverer needs. Each call is one short statement,
// outside any transaction, because it runs while a platform call is in flight.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { PlatformPort } from '../src/app/platform-port.ts';
import type { Q } from './client.ts';
import { channels, identities } from './schema/directory.ts';
import { outbox } from './schema/outbox.ts';
import { platformMessages } from './schema/platform-messages.ts';

export function platformStore(q: Q): PlatformPort {
  return {
    deliveredTo: async (outboxKey) => {
      const rows = await q
        .select({ platform: platformMessages.platform })
        .from(platformMessages)
        .where(eq(platformMessages.outboxKey, outboxKey));
      return new Set(rows.map((r) => r.platform));
    },

    recordSent: async (row) => {
      await q.insert(platformMessages).values(row).onConflictDoNothing();
    },

    latestCard: async (platform, cardKey, audience) => {
      // Newest version first: outbox ids follow the order in which the bot decided the versions.
      const [row] = await q
        .select({ channel: platformMessages.channel, ts: platformMessages.ts, outboxId: outbox.id })
        .from(platformMessages)
        .innerJoin(outbox, eq(outbox.key, platformMessages.outboxKey))
        .where(
          and(
            eq(platformMessages.platform, platform),
            eq(platformMessages.cardKey, cardKey),
            eq(platformMessages.audience, audience),
          ),
        )
        .orderBy(desc(outbox.id))
        .limit(1);
      return row ?? null;
    },

    channelId: async (platform, name) => {
      const [row] = await q
        .select({ id: channels.channelId })
        .from(channels)
        .where(and(eq(channels.platform, platform), eq(channels.name, name)));
      return row?.id ?? null;
    },

    platformId: async (platform, person) => {
      const [row] = await q
        .select({ id: identities.platformId })
        .from(identities)
        .where(and(eq(identities.platform, platform), eq(identities.personId, person)))
        .orderBy(asc(identities.platformId))
        .limit(1);
      return row?.id ?? null;
    },
  };
}
