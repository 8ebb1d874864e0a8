// The Slack app: Bolt over HTTP on the shared server (an ExpressReceiver whose router owns
// /slack/events), or Socket Mode when an app-level token is configured. The adapter is thin: its
// listeners translate Slack requests into calls of the interaction layer and nothing else.
import { App, ExpressReceiver, HTTPModuleFunctions, LogLevel } from '@slack/bolt';
import type { Logger, ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import express from 'express';
import type { Engine } from '../../src/app/engine.ts';
import type { Config } from '../../src/config.ts';
import { interaction } from '../../src/app/interaction/index.ts';
import type { SlackDeps, SlackLog } from './listeners/index.ts';
import { responder } from './respond.ts';
import { header, verifySigned } from './signed.ts';
import { registerAll } from './listeners/index.ts';
import type { SlackTokenVariable } from './start-problem.ts';
import { slackStartProblem } from './start-problem.ts';

export type SlackConfig = NonNullable<Config['slack']>;

export interface SlackAppOptions {
  config: SlackConfig;
  engine: Engine;
  log: SlackLog;
  /** The business clock (tests move it); signatures are always checked against the real clock. */
  now?: () => Date;
  /** Extra Web API client options (tests: a short timeout, no retries against the fake). */
  clientOptions?: { timeout?: number; retryConfig?: { retries: number } };
}

export interface SlackApp {
  /** The HTTP receiver; undefined in Socket Mode. Mount `receiver.router` on the shared server. */
  receiver: ExpressReceiver | undefined;
  app: App;
  /**
   * Checks the token with auth.test (and connects in Socket Mode): a bad token stops the start with an
   * error whose message names the variable and says what to do (R47, start-problem.ts).
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';
/** The Web API client the listeners use: fail fast, so the person is told before Slack's 3 s are up. */
const LISTENER_CLIENT = { retryConfig: { retries: 0 }, timeout: 2_000 };

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { config, engine, log } = opts;
  const logger = boltLogger(log);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: withSlash(config.apiUrl) } : {}),
    // The listeners' calls (users.info, views.open) happen before the ack, which Slack wants within
    // 3 s: no retries (WebClient's default retries a 500 for ~30 minutes, so the ack never came and
    // Slack timed out; found by test/security/secrets.test.ts) and a timeout inside the 3 s.
    ...LISTENER_CLIENT,
    ...opts.clientOptions,
  };
  const deps: SlackDeps = {
    ix: interaction({ engine, log, now: opts.now ?? (() => new Date()) }),
    log,
    respond: responder(config.apiUrl, clientOptions.timeout),
  };
  // auth.test runs in start(), not in the constructor, so a bad token is an error the caller sees.
  const common = {
    token: config.botToken,
    logger,
    clientOptions,
    deferInitialization: true,
    convoStore: false as const,
  };

  if (config.appToken) {
    // Socket Mode rejects a custom receiver: Bolt builds its own from the app-level token.
    const app = new App({ ...common, appToken: config.appToken, socketMode: true });
    registerAll(app, deps);
    return {
      receiver: undefined,
      app,
      start: async () => {
        await checked(app.init(), 'SLACK_BOT_TOKEN', config.apiUrl);
        // Socket Mode opens its connection with the app-level token (apps.connections.open).
        await checked(app.start(), 'SLACK_APP_TOKEN', config.apiUrl);
      },
      stop: () => app.stop().then(() => undefined),
    };
  }

  const router = express.Router();
  // Every request is verified here, before Bolt sees it (signed.ts); Bolt's own check is off.
  router.use(SLACK_EVENTS_PATH, verifySigned(config.signingSecret, log));
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    signatureVerification: false,
    endpoints: SLACK_EVENTS_PATH,
    // Listeners run to completion before the HTTP response: a vote is durable before Slack sees the
    // ack. Passing this to App is ignored when a receiver is given (STACK-NOTES).
    processBeforeResponse: true,
    router,
    logger,
    // The signature is an HMAC of the timestamp and the raw body: identical requests (a replay)
    // share it, so slash commands use it as their delivery id (R36).
    customPropertiesExtractor: (req) => ({ slackSignature: header(req, 'x-slack-signature') }),
    processEventErrorHandler: malformedIsBadRequest(log),
  });
  const app = new App({ ...common, receiver });
  registerAll(app, deps);
  return {
    receiver,
    app,
    start: () => checked(app.init(), 'SLACK_BOT_TOKEN', config.apiUrl),
    // The shared HTTP server owns the socket (adapters/http.ts): nothing to stop here.
    stop: async () => {},
  };
}

/**
 * A signed request whose payload lacks what Bolt reads first (`view: null`, `actions` not a list,
 * `event: null`) makes Bolt throw a TypeError before any listener runs; our listeners catch their own
 * errors. That is the sender's mistake: 400, not Bolt's 500 (found by test/security/fuzz.test.ts).
 */
function malformedIsBadRequest(log: SlackLog) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const e = args.error as Error & { original?: unknown };
    const cause = e.original ?? e;
    if (!(cause instanceof TypeError) || args.response.headersSent)
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    log('slack request refused: malformed payload', { level: 'warn', error: cause.message });
    args.response.writeHead(400);
    args.response.end();
    return true;
  };
}

/** R47: a start-up call's failure becomes one line naming the variable whose token it carried. */
async function checked(call: Promise<unknown>, variable: SlackTokenVariable, apiUrl?: string): Promise<void> {
  try {
    await call;
  } catch (e) {
    throw new Error(slackStartProblem(e, variable, apiUrl), { cause: e });
  }
}

// The Web API client appends method names to the base URL, so it must end in a slash.
const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** Bolt's logger on the adapter's log function; Bolt's debug chatter is dropped. */
function boltLogger(log: SlackLog): Logger {
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: () => {},
    info: (...m: unknown[]) => log(text(m), { level: 'info', source: 'bolt' }),
    warn: (...m: unknown[]) => log(text(m), { level: 'warn', source: 'bolt' }),
    error: (...m: unknown[]) => log(text(m), { level: 'error', source: 'bolt' }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
