// Every table, for the stores (drizzle-kit reads the files of this folder directly).
export * from './calendar-feeds.ts';
export * from './deadlines.ts';
export * from './deliveries.ts';
export * from './directory.ts';
export * from './events.ts';
export * from './modifications.ts';
export * from './outbox.ts';
export * from './person-prefs.ts';
export * from './platform-messages.ts';
export * from './system.ts';
export * from './votes.ts';
export * from './teams-conversations.ts';
