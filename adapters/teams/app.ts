// The Teams app: the Teams SDK's App on the shared HTTP server, answering POST
// /api/messages (JSON parsed on that route only; the SDK's ExpressAdapter adds express.json() to the
// route it registers). With credentials every activity is authenticated by the SDK (no or a bad token:
// 401, nothing changes). Without them the adapter runs only in local mode, unauthenticated, and only
// for callers on the loopback interface. The adapter is thin: handlers.ts and dialogs.ts turn
// activities into calls of the interaction layer.
import { isRecord } from './is-record.ts';
import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { HttpServer } from '../http.ts';
import type { Engine } from '../../src/app/engine.ts';
import type { ActingAs } from '../../src/app/interaction/index.ts';
import { interaction } from '../../src/app/interaction/index.ts';
import type { PlatformDeliverer } from '../../src/app/platform-port.ts';
import type { ConversationStore } from './conversations.ts';
import { referenceRecorder } from './conversations.ts';
import type { TeamsDelivererOptions } from './notifier.ts';
import { teamsDeliverer } from './notifier.ts';
import type { TeamsDeps, TeamsLog } from './handlers.ts';
import { messageText } from './render/escape.ts';
import type { GreetingLike } from './handlers.ts';
import { answerCardAction, answerMessage, errorText, greetPersonal, greetingClaim } from './handlers.ts';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { formPrompt, openDialog, submitDialog } from './dialogs.ts';
import { lazyClones } from './lazy-clients.ts';
import { teamsStartProblem } from './start-problem.ts';

/** The SDK's logger interface, taken from its options (@microsoft/teams.common is not our dependency). */
type ILogger = NonNullable<NonNullable<ConstructorParameters<typeof App>[0]>['logger']>;

export const TEAMS_MESSAGES_PATH = '/api/messages';

/** TEAMS_CLIENT_ID / TEAMS_CLIENT_SECRET / TEAMS_TENANT_ID, mapped here onto the SDK's own options. */
export interface TeamsConfig {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /**
   * TEAMS_OPENID_METADATA_URL: where the Bot Framework's token-signing keys are published (default
   * Microsoft's, https://login.botframework.com/v1/.well-known/openidconfiguration). The SDK fetches the
   * keys from this URL with its trailing `/openidconfiguration` replaced by `/keys`. Tests point it at a
   * local key set they sign with.
   */
  openIdMetadataUrl?: string | undefined;
  /**
   * SERVICE_URL, checked by config.ts: the connector for a conversation no stored reference names
   * (the SDK's default https://smba.trafficmanager.net/teams when unset).
   */
  serviceUrl?: string | undefined;
}

export interface TeamsAppOptions {
  config?: TeamsConfig | undefined;
  engine: Engine;
  log: TeamsLog;
  http: HttpServer;
  /** Local mode (no credentials, the emulator): unauthenticated activities from 127.0.0.1 only. */
  local: boolean;
  /** The business clock (tests move it). */
  now?: () => Date;
  /** Local mode's `as <name>` switch (R79); only with `local`, never with credentials. */
  actingAs?: ActingAs | undefined;
  /** Where conversation references are kept (db/teams-store.ts); without it none are recorded. */
  conversations?: ConversationStore | undefined;
  /** How long start() waits for Microsoft's answer to the credential check (default 5 s; tests shorten it). */
  credentialCheckMs?: number | undefined;
  /** Obtains the bot's token instead of the client secret (the SDK's `token` option; tests use it). */
  botToken?: ((scope: string | string[], tenantId?: string) => string | Promise<string>) | undefined;
}

/** What main.ts adds to the deliverer; the rest (references, token, tenant) comes from the app. */
export type TeamsDeliveryOptions = Omit<TeamsDelivererOptions, 'conversations' | 'token' | 'tenantId'>;

export interface TeamsApp {
  app: App;
  /** The bot's bearer token for the Bot Connector (the SDK's, cached by it); none in local mode. */
  token(): Promise<string | undefined>;
  /**
   * Proactive delivery of outbox messages (R46) for fanOut, through the recorded references.
   * `serviceUrl`: the connector for a conversation no reference names (local mode: the emulator's).
   */
  deliverer(opts: TeamsDeliveryOptions): PlatformDeliverer;
  /** Registers /api/messages on the shared server: call it before `http.listen()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTeamsApp(opts: TeamsAppOptions): TeamsApp {
  const { config, engine, log, http, local } = opts;
  if (!config && !local)
    throw new Error('Teams needs TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID');
  const unauthenticated = !config;
  const app = new BotApp({
    // Passed explicitly, in local mode too: given none, the SDK reads CLIENT_ID, CLIENT_SECRET and
    // TENANT_ID from the environment (`options.clientId ?? process.env.CLIENT_ID`), and Teams developers
    // often have them exported; local mode then asked Microsoft for a bot token for every reply and the
    // emulator got none (R47, R79). An empty id is "no credentials" to the SDK and stops the `??` at it,
    // without touching process.env.
    ...(config
      ? {
          clientId: config.clientId,
          tenantId: config.tenantId,
          // Given, the SDK does not read SERVICE_URL itself (the value is the same, checked by config.ts).
          ...(config.serviceUrl ? { serviceUrl: config.serviceUrl } : {}),
          ...(opts.botToken ? { token: opts.botToken } : { clientSecret: config.clientSecret }),
        }
      : { clientId: '', clientSecret: '', tenantId: '' }),
    ...(config?.openIdMetadataUrl
      ? { cloud: withOverrides(PUBLIC, { openIdMetadataUrl: config.openIdMetadataUrl }) }
      : {}),
    // Given the express app (not the http.Server), the adapter adds its route to the shared server
    // instead of taking over every request on the socket.
    httpServerAdapter: new ExpressAdapter(http.app),
    logger: sdkLogger(log, unauthenticated ? LOCAL_MODE_NOISE : []),
    dangerouslyAllowUnauthenticatedRequests: unauthenticated,
  });
  // The clients the SDK makes for every activity are made only when used (lazy-clients.ts, P2).
  lazyClones(app.client);
  if (opts.actingAs && !unauthenticated)
    throw new Error('acting as someone else is for local mode only, never with Teams credentials');
  const deps: TeamsDeps = {
    ix: interaction({ engine, log, now: opts.now ?? (() => new Date()), actingAs: opts.actingAs }),
    log,
  };

  // First, for every activity: keep its conversation reference (a failure is logged, never fatal).
  if (opts.conversations) {
    const record = referenceRecorder(opts.conversations, { log });
    app.use(async ({ activity, next }) => {
      await record(activity);
      return next();
    });
  }
  app.on('message', async ({ activity, send }) => {
    // A line that opens a form on Slack gets a card whose button opens the dialog (dialogs.ts).
    const reply = (await formPrompt(deps, activity)) ?? (await answerMessage(deps, activity));
    if (reply === undefined) return;
    try {
      await send(
        typeof reply === 'string'
          ? { type: 'message', textFormat: 'markdown', text: messageText(reply) }
          : reply,
      );
    } catch (e) {
      // The command has committed; a lost reply loses nothing durable, but the person should retry `status`.
      log('teams reply failed', { level: 'warn', activity: activity.id, error: errorText(e) });
    }
  });
  // R81: opening the 1:1 chat with the bot shows what the person owes (at most once a minute each).
  const claim = greetingClaim(opts.conversations);
  const greet = async (activity: GreetingLike, send: (a: string | IAdaptiveCard) => Promise<unknown>) => {
    const card = await greetPersonal(deps, activity, claim);
    if (card === undefined) return;
    try {
      await send(typeof card === 'string' ? messageText(card) : card);
    } catch (e) {
      log('teams greeting not sent', { level: 'warn', activity: activity.id, error: errorText(e) });
    }
  };
  app.on('conversationUpdate', ({ activity, send }) => greet(activity as GreetingLike, send));
  app.on('installationUpdate', ({ activity, send }) => greet(activity as GreetingLike, send));
  app.on('card.action', ({ activity }) => answerCardAction(deps, activity));
  app.on('dialog.open', ({ activity }) => openDialog(deps, activity));
  app.on('dialog.submit', ({ activity }) => submitDialog(deps, activity));

  const token = async () => (config ? (await app.botToken())?.toString() : undefined);

  return {
    app,
    token,
    deliverer: (d) => {
      if (!opts.conversations) throw new Error('Teams delivery needs the conversations store');
      return teamsDeliverer({
        ...d,
        // With credentials, Teams' global connector (SERVICE_URL overrides it) when nothing better is known.
        serviceUrl: d.serviceUrl ?? (config ? app.api.serviceUrl : undefined),
        conversations: opts.conversations,
        token,
        // Teams names a bot `28:<app id>` in a conversation's members.
        ...(config ? { tenantId: config.tenantId, botId: d.botId ?? `28:${config.clientId}` } : {}),
      });
    },
    start: async () => {
      // Mounted before the SDK's route, so they run first; mount() also refuses once listening.
      const guard = express.Router();
      if (unauthenticated) guard.use(TEAMS_MESSAGES_PATH, loopbackOnly(log));
      guard.post(TEAMS_MESSAGES_PATH, activityEnvelope(log));
      http.mount(guard);
      await app.initialize();
      if (config) await checkCredentials(token, config, log, opts.credentialCheckMs ?? CREDENTIAL_CHECK_MS);
    },
    // The shared HTTP server owns the socket (adapters/http.ts): nothing to stop here.
    stop: async () => {},
  };
}

const CREDENTIAL_CHECK_MS = 5_000;

/**
 * R47: the start asks for the bot's token once (the SDK caches it for the first reply). Credentials
 * Microsoft refuses stop the start; no answer within `waitMs` lets it go on and logs the outcome when
 * it comes, so a login that hangs does not hold up Slack and the register.
 */
async function checkCredentials(
  token: () => Promise<string | undefined>,
  ids: { clientId: string; tenantId: string },
  log: TeamsLog,
  waitMs: number,
): Promise<void> {
  const said = (e: unknown): void => {
    const p = teamsStartProblem(e, ids);
    log(`teams: ${p.line}`, { level: p.refused ? 'error' : 'warn' });
  };
  const check = token().then(
    () => undefined,
    (e: unknown) => ({ failed: e }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
    timer.unref();
  });
  const first = await Promise.race([check, late]);
  clearTimeout(timer);
  if (first === 'late') {
    log(
      `teams: no answer yet from Microsoft's login to check TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET; starting anyway, and the answer is logged when it comes`,
      { level: 'warn' },
    );
    void check.then((r) => (r ? said(r.failed) : log('teams: Microsoft accepted the Teams credentials')));
    return;
  }
  if (!first) return;
  const p = teamsStartProblem(first.failed, ids);
  if (p.refused) throw new Error(p.line, { cause: first.failed });
  log(`teams: ${p.line}`, { level: 'warn' });
}

/** The App with its bot token reachable (the SDK keeps getBotToken protected; its TokenManager caches). */
class BotApp extends App {
  botToken() {
    return this.getBotToken();
  }
}

const hasId = (x: unknown) => isRecord(x) && typeof x.id === 'string';

/**
 * QUALITY.md (every endpoint answers bad input with a 4xx): the SDK reads the activity's envelope
 * without checking it, and a body that is not JSON or lacks `conversation` made it answer 500. Parsed
 * here (the SDK's own express.json() then leaves the body alone): not JSON → 415, not an activity → 400.
 */
function activityEnvelope(log: TeamsLog) {
  const json = express.json({ limit: '1mb' });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('application/json')) {
        res.status(415).json({ error: 'an activity is JSON (Content-Type: application/json)' });
        return;
      }
      next();
    },
    json,
    (req: Request, res: Response, next: NextFunction) => {
      const a: unknown = req.body;
      if (
        isRecord(a) &&
        typeof a.type === 'string' &&
        typeof a.serviceUrl === 'string' &&
        hasId(a.from) &&
        hasId(a.conversation)
      ) {
        next();
        return;
      }
      log('teams request refused: not an activity', { level: 'warn' });
      res.status(400).json({ error: 'not a Bot Framework activity (type, serviceUrl, from, conversation)' });
    },
  ];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Unauthenticated activities are accepted from this machine only (STACK-NOTES: local mode, 127.0.0.1). */
function loopbackOnly(log: TeamsLog) {
  return (req: Request, res: Response, next: NextFunction) => {
    const from = req.socket.remoteAddress ?? '';
    if (LOOPBACK.has(from)) {
      next();
      return;
    }
    log('teams activity refused: local mode accepts 127.0.0.1 only', { level: 'warn', from });
    res.status(401).send();
  };
}

/**
 * The SDK's warnings that local mode has no credentials and accepts unauthenticated requests: they name
 * the SDK's own variables (CLIENT_ID / CLIENT_SECRET / TENANT_ID), which are not ours and which local
 * mode ignores, and npm start's paragraph already says the bot runs unauthenticated, on this machine only.
 */
const LOCAL_MODE_NOISE: readonly RegExp[] = [/^No credentials configured\b/];

/** The SDK's logger on the adapter's log function; its debug and trace chatter is dropped, and `drop`. */
function sdkLogger(log: TeamsLog, drop: readonly RegExp[]): ILogger {
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  const say = (level: string, m: unknown[]) => {
    const t = text(m);
    if (!drop.some((re) => re.test(t))) log(t, { level, source: 'teams-sdk' });
  };
  const make = (quietInfo: boolean): ILogger => {
    const logger: ILogger = {
      debug: () => {},
      trace: () => {},
      info: (...m: unknown[]) => (quietInfo ? undefined : say('info', m)),
      warn: (...m: unknown[]) => say('warn', m),
      error: (...m: unknown[]) => say('error', m),
      log: (level, ...m: unknown[]) => {
        if (level === 'debug' || level === 'trace' || (quietInfo && level === 'info')) return;
        say(level, m);
      },
      // MSAL narrates every token request at info ("acquireTokenByClientCredential called", the
      // endpoint, …); the SDK means to keep it quiet, so its child logger passes warnings and errors only.
      child: (name: string) => (quietInfo || /msal/i.test(name) ? quiet() : logger),
    };
    return logger;
  };
  let quietOne: ILogger | undefined;
  const quiet = (): ILogger => (quietOne ??= make(true));
  return make(false);
}
