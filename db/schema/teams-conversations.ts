// Teams conversation references (R46): where the bot may post proactively. Teams sends
// one with every activity (install, conversationUpdate, each message or click); the newest wins. A
// channel is keyed by its channel id (never a thread's `;messageid=`), a 1:1 chat by its conversation
// id with the person's AAD object id, so a DM reuses it instead of creating a conversation.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const teamsConversations = pgTable(
  'teams_conversations',
  {
    conversationId: text('conversation_id').primaryKey(),
    /** The Bot Connector to call for this conversation (it differs by region and cloud). */
    serviceUrl: text('service_url').notNull(),
    tenantId: text('tenant_id'),
    /** personal | channel | groupChat */
    conversationType: text('conversation_type').notNull(),
    teamId: text('team_id'),
    teamName: text('team_name'),
    channelId: text('channel_id'),
    channelName: text('channel_name'),
    /** The person of a personal chat. */
    userAadId: text('user_aad_id'),
    botId: text('bot_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('teams_conversations_user').on(t.userAadId, t.updatedAt),
    index('teams_conversations_tenant').on(t.tenantId, t.updatedAt),
  ],
);
