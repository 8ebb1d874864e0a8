// Teams button actions (R43): every command button on real cards renders as an
// Action.Execute, every form button as an Action.Submit that opens a dialog (task/fetch), whose data
// decodes, with the schemas shared with Slack, to the command its text twin parses to; a malformed
// invoke is a typed error, never an exception (R45); the data names the target only (R2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { ActionName } from '../../src/views/actions.ts';
import { ACTION_NAMES, CLICK_TARGETS, withoutClickTarget } from '../../src/views/actions.ts';
import type { CardButton } from '../../src/views/card.ts';
import { decodeAction, encodeAction } from '../../adapters/slack/actions.ts';
import {
  actionToCommand,
  decodeExecute,
  decodeInvoke,
  encodeExecute,
  opensForm,
} from '../../adapters/teams/actions.ts';
import { renderCard } from '../../adapters/teams/render/card.ts';
import { decodeTaskFetch } from '../../adapters/teams/render/dialog.ts';
import { cardsWithButtons } from '../support/card-worlds.ts';

function twinOf(b: CardButton) {
  const r = parse(b.twin);
  if (!r.ok || r.input.kind !== 'command') throw new Error(`twin ${b.twin} is not a command`);
  return r.input.command;
}

describe('Action.Execute round-trip (action payloads declared once, R43)', () => {
  const cards = cardsWithButtons();
  const all = cards.flatMap((card) => card.buttons.map((b) => ({ card, b })));

  it('R43 the worlds cover every action', () => {
    expect([...new Set(all.map((x) => x.b.action))].sort()).toEqual([...ACTION_NAMES].sort());
  });

  it('R43 every rendered button decodes to its twin’s command: Action.Execute for commands, task/fetch for forms', () => {
    for (const card of cards) {
      const actions = renderCard(card)
        .body.filter((e) => e.type === 'ActionSet')
        .flatMap((s) => s.actions);
      expect(actions).toHaveLength(card.buttons.length);
      actions.forEach((a, i) => {
        const b = card.buttons[i] as CardButton;
        const where = `${card.key} ${b.twin}`;
        const twin = twinOf(b);
        if (a.type === 'Action.Submit') {
          // A form button: only an Action.Submit with task/fetch opens a dialog; what Teams
          // sends back in the task/fetch invoke is the JSON we sent.
          expect(b.opensForm, where).toBe(true);
          const req = decodeTaskFetch({ data: JSON.parse(JSON.stringify(a.data)) as unknown });
          if (!req.ok) throw new Error(`${where}: ${req.message}`);
          expect(req.form, where).toBe(twin.type);
          return;
        }
        if (a.type !== 'Action.Execute') throw new Error(`${where}: ${a.type}`);
        expect(b.opensForm, where).not.toBe(true);
        expect(a.verb, where).toBe(b.action);
        const dec = decodeInvoke(JSON.parse(JSON.stringify({ action: a })));
        if (!dec.ok) throw new Error(`${where}: ${dec.message}`);
        const out = actionToCommand(dec.action);
        if (opensForm(out)) throw new Error(`${where}: a form button rendered as Action.Execute`);
        // R75: a click also names the target it was made for; the rest is its twin's command.
        expect(withoutClickTarget(b.action as ActionName, out), where).toEqual(twin);
        const target = CLICK_TARGETS[b.action as ActionName];
        if (target) expect(out, where).toHaveProperty(target, b.value[target]);
      });
    }
  });

  it('R43 a Teams click and a Slack click on the same button decode to the same action', () => {
    for (const { b } of all) {
      const t = encodeExecute(b);
      const s = encodeAction(b, 0);
      expect(decodeExecute(t.verb, t.data)).toEqual(decodeAction(s.action_id, s.value));
    }
  });

  it('R2 the data names the target only, never a person', () => {
    for (const { b } of all)
      expect(JSON.stringify(encodeExecute(b).data)).not.toMatch(/alice|bob|cb\d|sam|chair/);
  });
});

describe('malformed invokes (R45)', () => {
  const vote = { ref: 'DP001', ballot: 'fasttrack-1', option: 'approve' };
  it.each([
    ['nope', vote, 'unknown_action'],
    [undefined, vote, 'unknown_action'],
    ['vote', undefined, 'bad_value'],
    ['vote', '{not json', 'bad_value'],
    ['vote', [vote], 'bad_value'],
    ['vote', { ...vote, action: 'attend' }, 'bad_value'],
    ['vote', { ...vote, voter: 'cb1' }, 'bad_value'],
    ['vote', { ...vote, ref: 'XX1' }, 'bad_value'],
    ['available', { ref: 'DP001', meeting: 'm', slot: '1', yes: true }, 'bad_value'],
  ])('R45 verb %s with %j is the typed error %s', (verb, data, code) => {
    const r = decodeExecute(verb, data);
    expect(r.ok ? 'decoded' : r.code).toBe(code);
  });

  it('R45 data as a JSON string (some clients) decodes like an object', () => {
    expect(decodeExecute('vote', JSON.stringify({ ...vote, action: 'vote' }))).toEqual({
      ok: true,
      action: { action: 'vote', value: vote },
    });
  });

  it('R45 an invoke that is not Action.Execute is refused', () => {
    expect(decodeInvoke({ action: { type: 'Action.Submit', verb: 'vote', data: vote } }).ok).toBe(false);
    expect(decodeInvoke(null).ok).toBe(false);
  });

  it('R45 decodeExecute and decodeInvoke never throw on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...ACTION_NAMES)),
        fc.oneof(fc.string(), fc.json(), fc.anything()),
        (verb, data) => {
          expect(typeof decodeExecute(verb, data).ok).toBe('boolean');
          expect(typeof decodeInvoke({ action: { type: 'Action.Execute', verb, data } }).ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});
