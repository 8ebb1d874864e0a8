// The commands a message names (R43 hints and inline alike), marked once in the core and translated once
// per sink: "/sec" on Slack (R42), "@SEC Change Bot" in a Teams channel or group chat (R77), bare
// elsewhere.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import { cardWithPrefix, cmd, commandsAs, orType, typeHint } from '../../src/views/hints.ts';

const MARK = '\u2063';

describe('typed-command hints (R42, R43, R77)', () => {
  it('R43 a hint is "Or type: a | b" beside buttons, "<what>, type: a" elsewhere, each command marked', () => {
    const hint = orType(['vote DP001 approve', 'vote DP001 reject']);
    expect(hint).toBe(`Or type: ${MARK}vote DP001 approve${MARK} | ${MARK}vote DP001 reject${MARK}`);
    expect(commandsAs(hint, undefined)).toBe('Or type: vote DP001 approve | vote DP001 reject');
    expect(commandsAs(typeHint('For more', ['status DP001']), undefined)).toBe(
      'For more, type: status DP001',
    );
    // A twin of two commands (owed.ts) is two.
    expect(commandsAs(orType(['panel extend MP001 | panel refuse-extension MP001']), '/sec')).toBe(
      'Or type: /sec panel extend MP001 | /sec panel refuse-extension MP001',
    );
  });

  it('R42 R77 every marked command gets the prefix, inline ones too; other words are left alone', () => {
    const text = [
      `You may change your vote until it closes. ${orType(['vote DP001 approve|reject', 'vote DP001 abstain'])}`,
      typeHint('Panel chair, to close it', ['ballot close DP001']),
      `Give your view: ${cmd('view DP001 support|concerns|oppose')}.`,
      'Closes Friday; the type: field of a meter stays as written, and so does vote DP001 unmarked.',
    ].join('\n');
    expect(commandsAs(text, '/sec').split('\n')).toEqual([
      'You may change your vote until it closes. Or type: /sec vote DP001 approve|reject | /sec vote DP001 abstain',
      'Panel chair, to close it, type: /sec ballot close DP001',
      'Give your view: /sec view DP001 support|concerns|oppose.',
      'Closes Friday; the type: field of a meter stays as written, and so does vote DP001 unmarked.',
    ]);
    expect(commandsAs(`Next: ${cmd('views open DP001')}.`, '@SEC Change Bot')).toBe(
      'Next: @SEC Change Bot views open DP001.',
    );
    expect(commandsAs(cmd('/sec mine'), '/sec')).toBe('/sec mine');
    const bare = commandsAs(text, undefined);
    expect(bare).not.toContain(MARK);
    expect(bare.split('\n')[2]).toBe('Give your view: view DP001 support|concerns|oppose.');
    // A text cut between two marks loses the stray one too.
    expect(commandsAs(`Type: ${MARK}vote DP0`, '/sec')).toBe('Type: vote DP0');
  });

  it('R77 a card has its title, text, fields, small print and items rewritten; its buttons keep their bare twins', () => {
    const card = cardWithPrefix(
      {
        key: 'k',
        title: 'T',
        text: typeHint('For more', ['status DP001']),
        notice: `Recorded. Change it: ${cmd('vote DP001 reject')}`,
        fields: [{ label: 'Next', value: cmd('views open DP001') }],
        buttons: [
          { action: 'object', label: 'Object', value: { ref: 'DP001' }, twin: 'object DP001 <reason>' },
        ],
        sections: [{ title: 'DP001', text: `Due soon\n${orType(['view DP001 support'])}`, buttons: [] }],
        context: orType(['object DP001 <reason>']),
      },
      '@B',
    );
    expect(card.text).toBe('For more, type: @B status DP001');
    expect(card.notice).toBe('Recorded. Change it: @B vote DP001 reject');
    expect(card.fields).toEqual([{ label: 'Next', value: '@B views open DP001' }]);
    expect(card.context).toBe('Or type: @B object DP001 <reason>');
    expect(card.sections?.[0]?.text).toBe('Due soon\nOr type: @B view DP001 support');
    expect(card.buttons[0]?.twin).toBe('object DP001 <reason>');
    expect(JSON.stringify(cardWithPrefix({ ...card, text: cmd('mine') }, undefined))).not.toContain(MARK);
  });

  it('R42 the parser reads a command copied with its invisible marks (U+2060–U+2064) as typed', () => {
    const typed = parse('vote DP001 approve');
    expect(parse(cmd('vote DP001 approve'))).toEqual(typed);
    expect(parse('\u2060vote\u2061 DP001\u2062 approve\u2064')).toEqual(typed);
    expect(parse(`/sec ${cmd('view DP001 support rationale="ok"')}`)).toEqual(
      parse('/sec view DP001 support rationale="ok"'),
    );
  });
});
