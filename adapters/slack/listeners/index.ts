// The listeners, one register(app, deps) per kind (principle 7; slack-samples bolt-ts-starter-template):
// slash commands, buttons (block_actions) and modal submissions. Each is thin: verify (Bolt), resolve
// the person, parse, execute through the engine, answer.
import type { App } from '@slack/bolt';
import type { Engine } from '../../../src/app/engine.ts';
import { registerActions } from './actions.ts';
import { registerCommands } from './commands.ts';
import { registerViews } from './views.ts';

/** The adapter's log: `data.level` is 'info' (default), 'warn' or 'error'. */
export type SlackLog = (msg: string, data?: object) => void;

export interface SlackDeps {
  engine: Engine;
  log: SlackLog;
  /** The business clock: commands are decided at this time. */
  now: () => Date;
}

export function registerAll(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}
