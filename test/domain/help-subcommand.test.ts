// R72: `help extend`, `help route`, `help derogate`: a subcommand's own word gives the help of the command
// it belongs to (was: "There is no help on "extend""); a word several commands share offers each.
import { describe, expect, it } from 'vitest';
import { help as helpMarked } from '../../src/domain/help.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Scenario } from '../support/scenario.ts';

const s = new Scenario('2026-12-02T10:00');
const help = (topic: string): string => commandsAs(helpMarked(s.ctx('system'), s.world, topic), undefined);

describe('help on a subcommand word (R72)', () => {
  it.each([
    ['extend', 'panel extend'],
    ['route', 'panel route'],
    ['derogate', 'panel derogate'],
    ['stall', 'panel stall-notice'],
    ['link', 'admin link'],
    ['held', 'meeting held'],
  ])('help %s gives the help of %s', (word, phrase) => {
    expect(help(word)).toBe(help(phrase));
    expect(help(word)).toMatch(new RegExp(`^${phrase} `));
    expect(help(word)).not.toMatch(/no help/);
  });

  it('a word several commands share names each', () => {
    expect(help('request')).toBe(
      '"request" is part of several commands. Did you mean help fasttrack request or help extension request?',
    );
  });

  it('a word no command has is still answered with the topics', () => {
    expect(help('teleport')).toMatch(
      /^There is no help on "teleport"\. Type help for what you can do\. Topics:/,
    );
  });

  it('R72 a mistyped topic or command gets the nearest as a suggestion', () => {
    expect(help('votng')).toMatch(/^There is no help on "votng"\. Did you mean help voting\? Type help for/);
    expect(help('meetngs')).toContain('Did you mean help meetings?');
    expect(help('withdrw')).toContain('Did you mean help withdraw?');
  });
});
