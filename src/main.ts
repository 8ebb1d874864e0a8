// Composition root: the only file that will wire db/ and adapters/ to the core. Today the core is all
// there is, so `npm start` checks the configuration and says how far the bot is.
import { parseSettings } from './domain/settings.ts';
import { COMMAND_TYPES } from './domain/commands.ts';

const settings = parseSettings(process.env);
if (!settings.ok) {
  for (const e of settings.errors) console.error(`configuration: ${e}`);
  process.exit(1);
}
console.log(
  [
    'SEC Change Bot — process core only.',
    `The Section D rules engine is built (${COMMAND_TYPES.length} commands, Working-Day calendar, one text grammar).`,
    'The database, the scheduler and the Slack and Teams adapters are not wired in yet, so there is nothing to serve.',
    'Try: npx secbot workdays 2018-12-14 15 --json   or   npx secbot config',
  ].join('\n'),
);
