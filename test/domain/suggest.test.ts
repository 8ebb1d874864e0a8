// R72: a mistyped command gets the nearest command as a suggestion, with that command's usage.
import { describe, expect, it } from 'vitest';
import { parse as parseMarked } from '../../src/domain/grammar/parse.ts';
import { editDistance, nearest } from '../../src/domain/grammar/suggest.ts';
import { commandsAs } from '../../src/views/hints.ts';

/** The parser's sentences read bare, as in a Teams 1:1 chat (each command in them is marked). */
const parse = (text: string): ReturnType<typeof parseMarked> => {
  const r = parseMarked(text);
  return r.ok ? r : { ...r, message: commandsAs(r.message, undefined) };
};

describe('R72 typos', () => {
  it('counts a swap of two neighbours as one edit (Damerau–Levenshtein, optimal string alignment)', () => {
    expect(editDistance('stauts', 'status')).toBe(1);
    expect(editDistance('status', 'status')).toBe(0);
    expect(editDistance('hepl', 'help')).toBe(1);
    expect(editDistance('vot', 'vote')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only what is near enough to be a typo', () => {
    expect(nearest('stauts', ['help', 'status', 'list'])).toBe('status');
    expect(nearest('x', ['help', 'status'])).toBeUndefined();
    expect(nearest('foo', ['help', 'status', 'list'])).toBeUndefined();
    expect(nearest('status', ['status'])).toBeUndefined();
  });

  it('an unknown command offers the nearest command and its usage', () => {
    expect(parse('stauts DP001')).toEqual({
      ok: false,
      usage: 'status <ref>',
      message: 'Unknown command "stauts". Did you mean "status"?',
    });
    const h = parse('histroy DP001');
    expect(!h.ok && h.message).toBe('Unknown command "histroy". Did you mean "history"?');
    const p = parse('panel rout DP001 refinement');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.message).toBe(
        'Unknown panel subcommand "rout". Did you mean "panel route"? Or try help panel.',
      );
      expect(p.usage).toMatch(/^panel route <ref> /);
    }
    expect(parse('foo')).toEqual({
      ok: false,
      usage: 'help [topic]',
      message: 'Unknown command "foo"; try help.',
    });
  });
});
