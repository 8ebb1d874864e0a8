// The Teams conversation references (the ConversationStore of src/app/platform-port.ts) over drizzle:
// one row per conversation, upserted by conversation id. Each call is one short statement outside any
// transaction: the recorder runs while an activity is answered, the deliverer while a send is paced.
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { ConversationReference, ConversationStore } from '../src/app/platform-port.ts';
import type { Q } from './client.ts';
import { rowsOf } from './client.ts';
import { teamsConversations as t } from './schema/teams-conversations.ts';

type Row = typeof t.$inferSelect;

/** The greeting claim's outcome, in the shape of a stored command outcome (R36). */
const GREETED = JSON.stringify({ ok: true, code: null, reply: 'greeted' });

const referenceOf = (r: Row): ConversationReference => ({
  conversationId: r.conversationId,
  serviceUrl: r.serviceUrl,
  tenantId: r.tenantId,
  type: r.conversationType as ConversationReference['type'],
  teamId: r.teamId,
  teamName: r.teamName,
  channelId: r.channelId,
  channelName: r.channelName,
  userAadId: r.userAadId,
  botId: r.botId,
});

/** The new value, or the stored one when the activity did not carry it (names come on some only). */
const keep = (column: string) => sql.raw(`coalesce(excluded.${column}, teams_conversations.${column})`);

export function teamsStore(q: Q): ConversationStore {
  const first = async (where: ReturnType<typeof eq> | undefined) => {
    const [row] = await q.select().from(t).where(where).orderBy(desc(t.updatedAt)).limit(1);
    return row ? referenceOf(row) : null;
  };
  return {
    save: async (ref, at) => {
      const row = {
        conversationId: ref.conversationId,
        serviceUrl: ref.serviceUrl,
        tenantId: ref.tenantId,
        conversationType: ref.type,
        teamId: ref.teamId,
        teamName: ref.teamName,
        channelId: ref.channelId,
        channelName: ref.channelName,
        userAadId: ref.userAadId,
        botId: ref.botId,
        updatedAt: at,
      };
      await q
        .insert(t)
        .values(row)
        .onConflictDoUpdate({
          target: t.conversationId,
          set: {
            serviceUrl: ref.serviceUrl,
            conversationType: ref.type,
            tenantId: keep('tenant_id'),
            teamId: keep('team_id'),
            teamName: keep('team_name'),
            channelId: keep('channel_id'),
            channelName: keep('channel_name'),
            userAadId: keep('user_aad_id'),
            botId: keep('bot_id'),
            // A late, older activity does not make the row look newer than it is.
            updatedAt: sql`greatest(excluded.updated_at, teams_conversations.updated_at)`,
          },
        });
    },

    remove: async (conversationId, teamId) => {
      const mine = eq(t.conversationId, conversationId);
      await q.delete(t).where(teamId ? or(mine, eq(t.teamId, teamId)) : mine);
    },

    get: (conversationId) => first(eq(t.conversationId, conversationId)),

    personal: (aad) => first(and(eq(t.userAadId, aad), eq(t.conversationType, 'personal'))),

    latest: (tenantId) => first(tenantId ? eq(t.tenantId, tenantId) : undefined),

    // Teams sends an installationUpdate and a conversationUpdate for one opening, and behind a load
    // balancer they may reach two replicas. The claim is a processed delivery (R36) keyed by the
    // person rather than by the activity, renewed only once the gap has passed: one statement, atomic.
    greet: async (userId, at, gapMs) => {
      const rows = rowsOf(
        await q.execute(sql`
          insert into deliveries (delivery_id, outcome, at)
          values (${`teams:greeting:${userId}`}, ${GREETED}::jsonb, ${at.toISOString()}::timestamptz)
          on conflict (delivery_id) do update set at = excluded.at
          where deliveries.at <= excluded.at - ${`${gapMs} milliseconds`}::interval
          returning delivery_id`),
      );
      return rows.length > 0;
    },
  };
}
