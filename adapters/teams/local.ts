// Local mode (R47): `npm start` with no Slack and no Teams credentials. A demo
// directory is loaded into an empty database (the emulator's own user, Alex Wilber, holds every role;
// its five other users are Change Board and Panel members and parties), the bot's three channels are
// registered as the emulator's conversations, and Microsoft 365 Agents Playground (a dev dependency)
// is started pointed at the bot (local-emulator.ts), with a conversation reference for each demo channel
// and person at its connector. Nothing here runs when any credentials are set (src/main.ts).
import type { Engine, PersonInput } from '../../src/app/engine.ts';
import type { ChannelName } from '../../src/app/notification.ts';
import type { ConversationReference, ConversationStore } from './conversations.ts';
import type { EmulatorOptions, EmulatorStart } from './local-emulator.ts';
import { EMULATOR_PACKAGE, startEmulator } from './local-emulator.ts';

type Log = (msg: string, data?: object) => void;

/**
 * The conversations of playground.yml that stand for the bot's channels. The emulator allows one team
 * (its General channel's conversation id is the team id) with one more channel, and one group chat.
 */
export const DEMO_CHANNELS: Record<ChannelName, { id: string; where: string }> = {
  'change-board': { id: 'sec-change-board', where: 'the "Change Board" group chat' },
  panel: { id: 'sec-panel', where: 'the "SEC Panel" team\'s General channel' },
  announcements: { id: 'sec-announcements', where: 'the team\'s "Announcements" channel' },
};

const aad = (n: number): string => `00000000-0000-0000-0000-00000000000${20 + n}`;

/** The emulator's current user: every role, so one person can drive a modification end to end. */
export const DEMO_ADMIN: PersonInput = {
  email: 'alexw@example.com',
  name: 'Alex Wilber',
  handle: 'alex',
  roles: ['party', 'secas', 'change_board', 'panel', 'panel_chair', 'admin'],
  group: 'suppliers',
  teams: aad(0),
};

/**
 * The emulator's other users: five Change Board members in three voting groups, five Panel members
 * with Alex (a Fast Track ballot needs five), parties for Working Groups and consultations.
 */
export const DEMO_PEOPLE: readonly PersonInput[] = [
  DEMO_ADMIN,
  demo('meganb', 'Megan Bowen', 'megan', ['change_board', 'panel'], 'suppliers', 1),
  demo('adelev', 'Adele Vance', 'adele', ['change_board', 'panel'], 'networks', 2),
  demo('isaiahl', 'Isaiah Langer', 'isaiah', ['party', 'change_board', 'panel'], 'consumers', 3),
  demo('pattif', 'Patti Fernandez', 'patti', ['party', 'change_board', 'panel'], 'networks', 4),
  demo('lynner', 'Lynne Robbins', 'lynne', ['party'], undefined, 5),
];

function demo(
  user: string,
  name: string,
  handle: string,
  roles: PersonInput['roles'],
  group: string | undefined,
  n: number,
): PersonInput {
  return { email: `${user}@example.com`, name, handle, roles, ...(group ? { group } : {}), teams: aad(n) };
}

/** The emulator's tenant, bot and team (playground.yml). */
export const EMULATOR_TENANT = '00000000-0000-0000-0000-0000000000001';
export const EMULATOR_BOT = '00000000-0000-0000-0000-00000000000011';
const TEAM = { id: DEMO_CHANNELS.panel.id, name: 'SEC Panel' };
/** The emulator's own id of the demo person at this index of DEMO_PEOPLE (playground.yml). */
export const emulatorUserId = (index: number): string => `user-id-${index}`;

export interface DemoDirectory {
  /** True when this start loaded the demo people (the directory was empty). */
  loaded: boolean;
  /** People in the directory now. */
  people: number;
  /** True when the demo admin is in the directory, linked to the emulator's user. */
  demo: boolean;
  /** The channels registered by this start. */
  registered: ChannelName[];
}

/** Where a channel is registered (the platform port's `channelId`). */
export type ChannelLookup = (platform: string, name: ChannelName) => Promise<string | null>;

/**
 * Loads the demo people into an empty directory (never into a real one), then registers each of the
 * bot's channels not yet registered for Teams as the emulator's conversation, as the demo admin through
 * the engine. Safe to run at every start: a second run finds the people and the channels in place.
 */
export async function prepareDemo(
  engine: Engine,
  channelId: ChannelLookup,
  now: Date,
): Promise<DemoDirectory> {
  let people = await engine.people();
  let loaded = false;
  if (people.length === 0) {
    await engine.importPeople(DEMO_PEOPLE, { source: 'local mode demo directory', now });
    people = await engine.people();
    loaded = true;
  }
  const admin = await engine.whoIs('teams', DEMO_ADMIN.teams as string);
  const isDemo =
    admin === DEMO_ADMIN.email && people.some((p) => p.id === admin && p.roles.includes('admin'));
  const registered: ChannelName[] = [];
  if (isDemo && admin) {
    for (const [name, { id }] of Object.entries(DEMO_CHANNELS) as [ChannelName, { id: string }][]) {
      if ((await channelId('teams', name)) !== null) continue;
      const outcome = await engine.execute(
        {
          command: { type: 'admin-channel', channel: name, platform: 'teams', channelId: id },
          actor: admin,
          platform: 'teams',
          deliveryId: `local:admin-channel:${name}:${id}`,
          text: `admin channel ${name}`,
        },
        now,
      );
      if (outcome.ok && !outcome.duplicate) registered.push(name);
    }
  }
  return { loaded, people: people.length, demo: isDemo, registered };
}

/**
 * Conversation references at the emulator's connector for the demo channels and a 1:1 chat with each
 * demo person, written at every start (the emulator's port may differ from the last run's). The
 * emulator opens a 1:1 chat only for its own user ids (`user-id-<n>`), not for the AAD ids real Teams
 * accepts, so the deliverer could not open them itself; Alex's is the emulator's Personal Chat.
 */
export async function seedConversations(
  conversations: ConversationStore,
  connectorUrl: string,
  now: Date,
): Promise<number> {
  const none = { teamId: null, teamName: null, channelId: null, channelName: null, userAadId: null };
  const base = { ...none, serviceUrl: connectorUrl, tenantId: EMULATOR_TENANT, botId: EMULATOR_BOT };
  const channel = (id: string, name: string): ConversationReference => ({
    ...base,
    conversationId: id,
    type: 'channel',
    teamId: TEAM.id,
    teamName: TEAM.name,
    channelId: id,
    channelName: name,
  });
  const refs: ConversationReference[] = [
    { ...base, conversationId: DEMO_CHANNELS['change-board'].id, type: 'groupChat' },
    channel(DEMO_CHANNELS.panel.id, 'General'),
    channel(DEMO_CHANNELS.announcements.id, 'Announcements'),
  ];
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    const res = await fetch(`${connectorUrl}/v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        bot: { id: EMULATOR_BOT },
        members: [{ id: emulatorUserId(i), aadObjectId: person.teams }],
        tenantId: EMULATOR_TENANT,
        isGroup: false,
      }),
      signal: AbortSignal.timeout(5000),
    });
    const id = res.ok ? ((await res.json()) as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw new Error(`no 1:1 chat with ${person.name} (HTTP ${res.status})`);
    refs.push({ ...base, conversationId: id, type: 'personal', userAadId: person.teams ?? null });
  }
  for (const r of refs) await conversations.save(r, now);
  return refs.length;
}

export interface LocalMode {
  emulator: EmulatorStart;
  demo: DemoDirectory;
  /** The emulator's connector (the Teams deliverer's fallback serviceUrl), when it runs. */
  connectorUrl: string | undefined;
  /** The paragraph `npm start` prints: data, credentials, how to add them, the emulator's URL. */
  paragraph(data: string): string;
  stop(): Promise<void>;
}

export interface LocalModeOptions {
  engine: Engine;
  channelId: ChannelLookup;
  /** Where the Teams deliverer finds conversations (db/teams-store.ts). */
  conversations: ConversationStore;
  /** The bot's port (it listens on 127.0.0.1 in local mode). */
  botPort: number;
  /** Overrides for the emulator (tests: its port, a missing package). */
  emulator?: Partial<EmulatorOptions>;
  log?: Log;
  now?: () => Date;
}

/** Local mode's start: the demo directory and the emulator, side by side. */
export async function startLocalMode(opts: LocalModeOptions): Promise<LocalMode> {
  const botUrl = `http://127.0.0.1:${opts.botPort}/api/messages`;
  const now = opts.now ?? (() => new Date());
  const [emulator, demo] = await Promise.all([
    startEmulator({
      ...(opts.log ? { log: opts.log } : {}),
      ...opts.emulator,
      botUrl,
    }),
    prepareDemo(opts.engine, opts.channelId, now()),
  ]);
  if (!emulator.ok) opts.log?.('the Teams emulator is not running', { level: 'warn', why: emulator.message });
  if (emulator.ok && demo.demo) {
    try {
      await seedConversations(opts.conversations, emulator.emulator.connectorUrl, now());
    } catch (e) {
      opts.log?.('local mode: no conversation references for the emulator; DMs may not arrive', {
        level: 'warn',
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  if (demo.loaded) opts.log?.('local mode: demo directory loaded', { people: demo.people });
  if (demo.registered.length) opts.log?.('local mode: channels registered', { channels: demo.registered });
  return {
    emulator,
    demo,
    connectorUrl: emulator.ok ? emulator.emulator.connectorUrl : undefined,
    paragraph: (data) => localModeParagraph({ data, botUrl, emulator, demo }),
    stop: async () => {
      if (emulator.ok) await emulator.emulator.stop();
    },
  };
}

/** One paragraph for a newcomer (R47): plain sentences, every address spelled out. */
export function localModeParagraph(s: {
  data: string;
  botUrl: string;
  emulator: EmulatorStart;
  demo: DemoDirectory;
}): string {
  const { emulator, demo } = s;
  const open = emulator.ok
    ? `Open the Teams emulator at ${emulator.emulator.url} and type "sec help" in Personal Chat.`
    : emulator.reason === 'missing'
      ? `The Teams emulator is not installed (${EMULATOR_PACKAGE} comes with "npm install" as a dev dependency; an install with --omit=dev leaves it out), so only a Bot Framework client on this machine can talk to the bot.`
      : `The Teams emulator did not start (${emulator.message}); the bot runs without it.`;
  const people = demo.demo
    ? `You are Alex Wilber, who holds every role; Megan, Adele, Isaiah, Patti and Lynne are demo members, and the bot's Change Board posts go to ${DEMO_CHANNELS['change-board'].where}, its Panel posts to ${DEMO_CHANNELS.panel.where} and its announcements to ${DEMO_CHANNELS.announcements.where}.`
    : `The directory already holds ${demo.people} people, so no demo people were added.`;
  // R79: the emulator has no user switch; an admin acts as anyone by starting a line with "as".
  const actAs = demo.demo
    ? 'To act as one of them, start a line with "as" and their name, e.g. "as Megan vote DP001 approve", or type "as Megan" to be Megan (typing and clicking) until you type "as me".'
    : undefined;
  return [
    `SEC Change Bot is running in local mode: no Slack or Teams credentials were found, so it answers only on this machine, as a Teams bot without authentication at ${s.botUrl}.`,
    /^postgres(ql)?:/.test(s.data)
      ? `Its data is in the PostgreSQL database ${s.data}.`
      : `Its data is in ${s.data} (delete that folder to start again with the demo directory).`,
    open,
    people,
    ...(actAs ? [actAs] : []),
    'To connect real workspaces, stop it and set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README, "Connect to Slack") or TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID (README, "Connect to Teams"); local mode and the emulator are then off.',
  ].join(' ');
}
