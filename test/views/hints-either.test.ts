// R71 R77: a page or a calendar file does not know its reader's chat, so a command it names reads in
// the form of each: Slack hears only the slash command, a Teams 1:1 chat the bare command.
import { describe, expect, it } from 'vitest';
import { cmd, commandsOnEither } from '../../src/views/hints.ts';

describe('commandsOnEither', () => {
  it('names each marked command for Slack and for Teams, once prefixed, and leaves no mark', () => {
    expect(commandsOnEither(`Ask the bot for a new one: ${cmd('register')}.`)).toBe(
      'Ask the bot for a new one: /sec register on Slack, or register in your chat with the bot on Teams.',
    );
    // A command already written with the prefix is not prefixed twice.
    expect(commandsOnEither(cmd('/sec mine'))).toBe(
      '/sec mine on Slack, or mine in your chat with the bot on Teams',
    );
    // A stray mark (a text cut between two marks) is dropped; text without marks is unchanged.
    expect(commandsOnEither('half \u2063vote')).toBe('half vote');
    expect(commandsOnEither('No command here.')).toBe('No command here.');
  });
});
