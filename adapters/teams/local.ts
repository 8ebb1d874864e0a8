// Local mode (issue 5 item 7, R47): `npm start` with no Slack and no Teams credentials. A demo
// directory is loaded into an empty database (the emulator's own user, Alex Wilber, holds every role;
// its five other users are Change Board and Panel members and parties), the bot's three channels are
// registered as the emulator's conversations, and Microsoft 365 Agents Playground (a dev dependency)
// is started pointed at the bot. Nothing here runs when any credentials are set (src/main.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, PersonInput } from '../../src/app/engine.ts';
import type { ChannelName } from '../../src/app/notification.ts';

type Log = (msg: string, data?: object) => void;

/** The emulator's world (same tenant, bot and users as its default config; our team and group chat). */
export const PLAYGROUND_CONFIG = fileURLToPath(
  new URL('../../manifest/teams/playground.yml', import.meta.url),
);
export const EMULATOR_PACKAGE = '@microsoft/m365agentsplayground';
/** The emulator's default port; when it is taken the emulator picks another and prints it. */
export const EMULATOR_PORT = 56150;

/**
 * The conversations of playground.yml that stand for the bot's channels. The emulator allows one team
 * (its General channel's conversation id is the team id) with one more channel, and one group chat.
 */
export const DEMO_CHANNELS: Record<ChannelName, { id: string; where: string }> = {
  'change-board': { id: 'sec-change-board', where: 'the "Change Board" group chat' },
  panel: { id: 'sec-panel', where: 'the "SEC Panel" team\'s General channel' },
  announcements: { id: 'sec-announcements', where: 'its "Announcements" channel' },
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

export interface Emulator {
  /** The page to open in a browser. */
  url: string;
  /** The emulator's Bot Connector, the serviceUrl of the activities it sends. */
  connectorUrl: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

export type EmulatorStart =
  { ok: true; emulator: Emulator } | { ok: false; reason: 'missing' | 'failed'; message: string };

export interface EmulatorOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botUrl: string;
  port?: number;
  configPath?: string;
  logFile?: string;
  timeoutMs?: number;
  log?: Log;
}

/** The emulator's CLI script, or undefined when the dev dependency is not installed. */
export function emulatorCli(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(`${EMULATOR_PACKAGE}/cli.js`);
  } catch {
    return undefined;
  }
}

// Preloaded into the emulator: it exits when our end of its stdin closes, so it never outlives the bot
// even when the bot is killed without a chance to stop it.
const WATCHDOG =
  'data:text/javascript,process.stdin.on("end",()=>process.exit(0)).on("error",()=>process.exit(0)).resume()';

/**
 * Starts the emulator pointed at the bot and resolves once it listens (its port may differ from the one
 * asked for: it silently moves when that one is taken). `TEAMSAPPTESTER_BROWSER=none`: without a
 * display it would otherwise exit silently; its log goes to a temporary file instead of ./devTools.
 */
export async function startEmulator(opts: EmulatorOptions): Promise<EmulatorStart> {
  const cli = emulatorCli();
  if (!cli)
    return {
      ok: false,
      reason: 'missing',
      message: `${EMULATOR_PACKAGE} is not installed (a dev dependency)`,
    };
  const port = opts.port ?? EMULATOR_PORT;
  const logFile = opts.logFile ?? join(tmpdir(), `secbot-emulator-${process.pid}.log`);
  const args = [
    '--import',
    WATCHDOG,
    cli,
    'start',
    '-e',
    opts.botUrl,
    '-c',
    'msteams',
    '-p',
    String(port),
    '--dt',
  ];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: opts.configPath ?? PLAYGROUND_CONFIG,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exit;
    clearTimeout(timer);
  };

  const listening = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => resolve('it did not start listening in time'), opts.timeoutMs ?? 30_000);
    const check = () => {
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    void exit.then(() => {
      clearTimeout(timer);
      resolve(`it exited: ${output.trim().split('\n').slice(-3).join(' ') || 'no output'}`);
    });
    child.once('error', (e) => resolve(e.message));
  });
  if (typeof listening === 'string') {
    await stop();
    return { ok: false, reason: 'failed', message: listening };
  }
  // A bad config file is reported after "Listening", in the log file only.
  await new Promise((r) => setTimeout(r, 300));
  const problem = logErrors(logFile);
  if (problem) {
    await stop();
    return { ok: false, reason: 'failed', message: problem };
  }
  void exit.then(() => opts.log?.('the Teams emulator stopped', { level: exited ? 'info' : 'warn' }));
  return {
    ok: true,
    emulator: {
      url: `http://127.0.0.1:${listening}/`,
      connectorUrl: `http://localhost:${listening}/_connector`,
      port: listening,
      logFile,
      stop,
    },
  };
}

/** The emulator's own error lines ("Failed to start …", "Reason: …"), or undefined. */
function logErrors(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter((l) => l.startsWith('error '));
  return lines.length ? lines.map((l) => l.slice(6)).join(' ') : undefined;
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
  /** The bot's port (it listens on 127.0.0.1 in local mode). */
  botPort: number;
  emulatorPort?: number;
  log?: Log;
  now?: () => Date;
}

/** Local mode's start: the demo directory and the emulator, side by side. */
export async function startLocalMode(opts: LocalModeOptions): Promise<LocalMode> {
  const botUrl = `http://127.0.0.1:${opts.botPort}/api/messages`;
  const [emulator, demo] = await Promise.all([
    startEmulator({
      botUrl,
      ...(opts.emulatorPort ? { port: opts.emulatorPort } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    }),
    prepareDemo(opts.engine, opts.channelId, (opts.now ?? (() => new Date()))()),
  ]);
  if (!emulator.ok) opts.log?.('the Teams emulator is not running', { level: 'warn', why: emulator.message });
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
    ? `You are Alex Wilber, who holds every role; Megan, Adele, Isaiah, Patti and Lynne are demo members, and the bot posts to the Change Board in ${DEMO_CHANNELS['change-board'].where}, to the Panel in ${DEMO_CHANNELS.panel.where} and to ${DEMO_CHANNELS.announcements.where} for announcements.`
    : `The directory already holds ${demo.people} people, so no demo people were added.`;
  return [
    `SEC Change Bot is running in local mode: no Slack or Teams credentials were found, so it answers only on this machine, as a Teams bot without authentication at ${s.botUrl}.`,
    /^postgres(ql)?:/.test(s.data)
      ? `Its data is in the PostgreSQL database ${s.data}.`
      : `Its data is in ${s.data} (delete that folder to start again with the demo directory).`,
    open,
    people,
    'To connect real workspaces, stop it and set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README, "Connect to Slack") or TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID (README, "Connect to Teams"); local mode and the emulator are then off.',
  ].join(' ');
}
