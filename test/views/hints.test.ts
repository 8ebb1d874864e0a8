// The typed-command hints of a card (R43) and their one rewriting, which each platform gives its
// prefix: "/sec" on Slack (R42), "@SEC Change Bot" in a Teams channel or group chat (R77).
import { describe, expect, it } from 'vitest';
import { cardWithPrefix, orType, typeHint, withPrefix } from '../../src/views/hints.ts';

describe('typed-command hints (R42, R43, R77)', () => {
  it('R43 a hint is "Or type: a | b" beside buttons, "<what>, type: a" elsewhere', () => {
    expect(orType(['vote DP001 approve', 'vote DP001 reject'])).toBe(
      'Or type: vote DP001 approve | vote DP001 reject',
    );
    expect(typeHint('For more', ['status DP001'])).toBe('For more, type: status DP001');
  });

  it('R42 R77 every command of every hint gets the prefix; other lines and words are left alone', () => {
    const text = [
      'You may change your vote until it closes. Or type: vote DP001 approve|reject | vote DP001 abstain',
      'Panel chair, to close it, type: ballot close DP001',
      'Closes Friday; the type: field of a meter stays as written.',
    ].join('\n');
    expect(withPrefix(text, '/sec').split('\n')).toEqual([
      'You may change your vote until it closes. Or type: /sec vote DP001 approve|reject | /sec vote DP001 abstain',
      'Panel chair, to close it, type: /sec ballot close DP001',
      'Closes Friday; the type: field of a meter stays as written.',
    ]);
    expect(withPrefix('Or type: /sec mine', '/sec')).toBe('Or type: /sec mine');
    expect(withPrefix(text, undefined)).toBe(text);
  });

  it('R77 a card has its text, small print and items rewritten; its buttons keep their bare twins', () => {
    const card = cardWithPrefix(
      {
        key: 'k',
        title: 'T',
        text: 'For more, type: status DP001',
        fields: [],
        buttons: [
          { action: 'object', label: 'Object', value: { ref: 'DP001' }, twin: 'object DP001 <reason>' },
        ],
        sections: [{ title: 'DP001', text: 'Due soon\nOr type: view DP001 support', buttons: [] }],
        context: 'Or type: object DP001 <reason>',
      },
      '@B',
    );
    expect(card.text).toBe('For more, type: @B status DP001');
    expect(card.context).toBe('Or type: @B object DP001 <reason>');
    expect(card.sections?.[0]?.text).toBe('Due soon\nOr type: @B view DP001 support');
    expect(card.buttons[0]?.twin).toBe('object DP001 <reason>');
  });
});
