// Action ids and payloads declared once: every button the card builders make encodes into
// Slack's limits, decodes with its zod schema, and maps to the very command its text twin parses to
// (R43); a malformed click is a typed error, never an exception (R45).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { CardButton } from '../../src/views/card.ts';
import type { ActionName } from '../../src/views/actions.ts';
import { CLICK_TARGETS, withoutClickTarget } from '../../src/views/actions.ts';
import {
  ACTION_NAMES,
  ActionEncodeError,
  MAX_ACTION_ID,
  MAX_VALUE,
  actionToCommand,
  decodeAction,
  encodeAction,
  opensForm,
} from '../../adapters/slack/actions.ts';
import { cardsWithButtons } from '../support/card-worlds.ts';

const cards = cardsWithButtons;

function twinOf(b: CardButton) {
  const r = parse(b.twin);
  if (!r.ok || r.input.kind !== 'command') throw new Error(`twin ${b.twin} is not a command`);
  return r.input.command;
}

describe('buttons round-trip (action payloads declared once, R43)', () => {
  const all = cards().flatMap((card) => card.buttons.map((b, i) => ({ card: card.key, b, i })));

  it('R43 the worlds cover every action', () => {
    expect([...new Set(all.map((x) => x.b.action))].sort()).toEqual([...ACTION_NAMES].sort());
    expect(all.length).toBeGreaterThan(20);
  });

  it('R43 every button encodes within Slack limits, decodes, and maps to its twin’s command', () => {
    for (const { card, b, i } of all) {
      const where = `${card} ${b.twin}`;
      const enc = encodeAction(b, i);
      expect(enc.action_id.length, where).toBeLessThanOrEqual(MAX_ACTION_ID);
      expect(enc.value.length, where).toBeLessThanOrEqual(MAX_VALUE);
      expect(enc.action_id, where).toBe(`sec:${b.action}:${i}`);
      const dec = decodeAction(enc.action_id, enc.value);
      if (!dec.ok) throw new Error(`${where}: ${dec.message}`);
      expect(dec.action.action).toBe(b.action);
      const out = actionToCommand(dec.action);
      const twin = twinOf(b);
      if (opensForm(out)) {
        expect(b.opensForm, where).toBe(true);
        expect(out.opensForm, where).toBe(twin.type);
        expect(out.ref, where).toBe('ref' in twin ? twin.ref : undefined);
      } else {
        expect(b.opensForm, where).toBeUndefined();
        // R75: a click also names the target it was made for; the rest is its twin's command.
        expect(withoutClickTarget(b.action as ActionName, out), where).toEqual(twin);
        const target = CLICK_TARGETS[b.action as ActionName];
        if (target) expect(out, where).toHaveProperty(target, b.value[target]);
      }
    }
  });

  it('R55 a decision ballot names the solution; a single-solution ballot leaves it to the core (S0)', () => {
    const votes = all.filter((x) => x.b.action === 'vote');
    const perSolution = votes.find((x) => x.b.twin === 'vote MP001 approve A1');
    const plain = votes.find((x) => x.b.twin === 'vote MP001 sufficient');
    const dec = (x: typeof perSolution) => {
      const enc = encodeAction(x?.b as CardButton, 0);
      return JSON.parse(enc.value) as Record<string, unknown>;
    };
    expect(dec(perSolution)).toEqual({
      ref: 'MP001',
      ballot: 'decision-1',
      option: 'approve',
      solution: 'A1',
    });
    expect(dec(plain)).toEqual({ ref: 'MP001', ballot: 'sufficiency-1', option: 'sufficient' });
  });

  it('R2 the payload names the target only, never a person', () => {
    for (const { b, i } of all) expect(encodeAction(b, i).value).not.toMatch(/alice|bob|cb\d|sam|chair/);
  });
});

describe('malformed clicks (R45)', () => {
  const vote = { ref: 'DP001', ballot: 'fasttrack-1', option: 'approve' };
  it.each([
    ['sec:nope:0', JSON.stringify(vote), 'unknown_action'],
    ['other:vote', JSON.stringify(vote), 'unknown_action'],
    ['sec:vote:0', undefined, 'bad_value'],
    ['sec:vote:0', '{not json', 'bad_value'],
    ['sec:vote:0', JSON.stringify({ ...vote, ref: 'XX1' }), 'bad_value'],
    ['sec:vote:0', JSON.stringify({ ...vote, voter: 'cb1' }), 'bad_value'],
    ['sec:available:1', JSON.stringify({ ref: 'DP001', meeting: 'm', slot: '1', yes: true }), 'bad_value'],
    [
      'sec:attend:1',
      JSON.stringify({ ref: 'DP001', meeting: 'm', yes: true }).padEnd(MAX_VALUE + 1),
      'bad_value',
    ],
    [42, '{}', 'unknown_action'],
  ])('R45 %s with %s is the typed error %s', (id, value, code) => {
    const r = decodeAction(id, value);
    expect(r.ok ? 'decoded' : r.code).toBe(code);
  });

  it('R45 decodeAction never throws on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...ACTION_NAMES.map((a) => `sec:${a}:0`))),
        fc.oneof(fc.string(), fc.json(), fc.anything()),
        (id, value) => {
          const r = decodeAction(id, value);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('R43 a button the builders should never make is refused at encoding', () => {
    const bad = { action: 'launch', label: 'x', value: { ref: 'DP001' }, twin: 'help' };
    expect(() => encodeAction(bad)).toThrow(ActionEncodeError);
    expect(() => encodeAction({ ...bad, action: 'attend' })).toThrow(ActionEncodeError);
  });

  it('R33 decoded votes keep the ballot id so a listener can tell a stale card', () => {
    const r = decodeAction('sec:vote:3', JSON.stringify({ ...vote, solution: 'S0' }));
    expect(r).toEqual({ ok: true, action: { action: 'vote', value: { ...vote, solution: 'S0' } } });
    if (r.ok)
      expect(actionToCommand(r.action)).toEqual({
        type: 'vote',
        ref: 1,
        option: 'approve',
        solution: 'S0',
        ballot: 'fasttrack-1',
      });
  });
});
