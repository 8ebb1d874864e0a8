// The listeners, one register(app, deps) per kind (slack-samples bolt-ts-starter-template): slash
// commands, buttons (block_actions), modal submissions and the Home tab. Each only translates: Slack's payload to a
// call of the interaction layer (src/app/interaction), and its answer back to Slack.
import type { App } from '@slack/bolt';
import type { Interaction } from '../../../src/app/interaction/index.ts';
import type { Respond } from '../respond.ts';
import { registerActions } from './actions.ts';
import { registerCommands } from './commands.ts';
import { registerHome } from './home.ts';
import { registerViews } from './views.ts';

/** The adapter's log: `data.level` is 'info' (default), 'warn' or 'error'. */
export type SlackLog = (msg: string, data?: object) => void;

export interface SlackDeps {
  ix: Interaction;
  log: SlackLog;
  /** A click's private answer through its response_url (respond.ts). */
  respond: Respond;
}

export function registerAll(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerHome(app, deps);
}
