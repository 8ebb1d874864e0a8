// R81 R43: what is owed with no card of its own to carry a button (SECAS's Initial Assessment Report,
// the Panel chair's routing, the proposer's decision to proceed or withdraw) gets buttons on `mine` that
// open the forms of the commands the item shows, so it can be done without typing. Each button's twin is
// the command its form runs (R43), its payload is checked by zod both ways, and one whose commands are
// not all forms (open the Fast Track ballot, or route it) keeps its typed command alone.
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../adapters/slack/actions.ts';
import { decodeExecute, encodeExecute } from '../../adapters/teams/actions.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { owedBy } from '../../src/domain/owed.ts';
import type { DecodedAction } from '../../src/views/actions.ts';
import { actionPayload, actionToCommand, actionTwin, decodePayload } from '../../src/views/actions.ts';
import type { CardButton } from '../../src/views/card.ts';
import { mineView } from '../../src/views/mine.ts';
import { afterIaVote } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

/** The buttons of each item on this person's `mine` card, by the item's words. */
function mineButtons(s: Scenario, who: string): { what: string; buttons: CardButton[] }[] {
  const v = mineView(s.world, who, s.ctx(who));
  return (v.card.sections ?? []).map((x) => ({ what: x.text?.split('\n')[0] ?? '', buttons: x.buttons }));
}

/** The twin's command, as parse reads it. */
function twinCommand(b: CardButton): Record<string, unknown> {
  const p = parse(b.twin);
  if (!p.ok || p.input.kind !== 'command') throw new Error(`twin ${b.twin} is not a command`);
  return p.input.command as unknown as Record<string, unknown>;
}

const raised = (): Scenario => {
  const s = new Scenario('2027-01-11T09:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Too slow' });
  return s;
};

function awaitingPanel(route: 'refinement' | 'fasttrack' = 'refinement', fastTrack = false): Scenario {
  const s = new Scenario('2027-01-11T09:00');
  s.ok('alice', { type: 'raise', title: 'Fix typo', problem: 'D4.2 cites D3.9', fastTrack });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'None', route });
  s.ok('sam', { type: 'views-open', ref: 1 });
  s.ok('sam', { type: 'views-close', ref: 1 });
  expect(s.mod(1).status).toBe('awaiting_panel');
  return s;
}

describe('R81 mine: buttons that open the forms of what no card carries', () => {
  it('SECAS owing the Initial Assessment Report gets a button that opens the iar form; its twin is the iar command', () => {
    const s = raised();
    const item = mineButtons(s, 'sam').find((x) => x.what === 'Record the Initial Assessment Report');
    expect(item?.buttons).toEqual([
      {
        action: 'form',
        label: 'Record the Initial Assessment Report',
        value: { ref: 'DP001', form: 'iar' },
        twin: 'iar DP001 impacts="…" route=refinement',
        style: 'primary',
        opensForm: true,
      },
    ]);
    const b = item?.buttons[0] as CardButton;
    // R43: the twin is the command the form runs, about the same modification.
    expect(twinCommand(b)).toMatchObject({ type: 'iar', ref: 1 });
    const decoded = actionPayload(b);
    expect(actionToCommand(decoded)).toEqual({ opensForm: 'iar', ref: 1 });
    expect(actionTwin(decoded)).toBe(b.twin);
    // The card's promise stays true: a button does what its item's command does; the command is still shown.
    const v = mineView(s.world, 'sam', s.ctx('sam'));
    expect(v.card.text).toBe(
      'Soonest due first. A button here does what typing the command beside it does; where an item has no button, type its command.',
    );
    expect(v.card.sections?.find((x) => x.text?.startsWith('Record the Initial'))?.text).toMatch(
      /Or type: .*iar DP001 impacts=/,
    );
  });

  it('only the person who owes it gets the button: SECAS, not the proposer, a Change Board member or the chair', () => {
    const s = raised();
    const forms = (who: string) =>
      mineButtons(s, who).flatMap((x) =>
        x.buttons.filter((b) => b.action === 'form').map((b) => b.value.form),
      );
    expect(forms('sam')).toEqual(['iar']);
    for (const who of ['alice', 'cb1', 'chair']) expect(forms(who), who).toEqual([]);
  });

  it('the Panel chair owing the routing gets a Route button that opens the route form; not beside a Fast Track ballot', () => {
    const s = awaitingPanel();
    const item = mineButtons(s, 'chair').find((x) => x.what === 'Route it');
    expect(item?.buttons.map((b) => [b.label, b.value, b.twin])).toEqual([
      ['Route', { ref: 'DP001', form: 'panel-route' }, 'panel route DP001 refinement'],
    ]);
    expect(twinCommand(item?.buttons[0] as CardButton)).toMatchObject({ type: 'panel-route', ref: 1 });
    // SECAS does not route: no such button on SECAS's card.
    expect(owedBy(s.world, 'sam', s.ctx('sam')).filter((o) => o.button?.action === 'form')).toEqual([]);
    // A Fast Track to consider (open the ballot, or route it) keeps its commands typed: no half of the choice.
    const ft = awaitingPanel('fasttrack', true);
    const [consider] = mineButtons(ft, 'chair');
    expect(consider?.what).toMatch(/^Consider Fast Track/);
    expect(consider?.buttons).toEqual([]);
  });

  it('the proposer deciding after the Impact Assessment vote gets Proceed and Withdraw, each opening its form', () => {
    const s = afterIaVote();
    const item = mineButtons(s, 'alice').find((x) => x.what.startsWith('Decide: proceed'));
    const buttons = item?.buttons ?? [];
    expect(buttons.map((b) => [b.label, b.value, b.twin, b.style])).toEqual([
      ['Proceed', { ref: 'MP001', form: 'proceed' }, 'proceed MP001', 'primary'],
      ['Withdraw', { ref: 'MP001', form: 'withdraw' }, 'withdraw MP001 <reason>', 'danger'],
    ]);
    for (const b of buttons) {
      const decoded = actionPayload(b) as Extract<DecodedAction, { action: 'form' }>;
      expect(actionToCommand(decoded)).toEqual({ opensForm: decoded.value.form, ref: 1 });
      expect(twinCommand(b)).toMatchObject({ type: decoded.value.form, ref: 1 });
    }
  });

  it('each button round-trips through Slack and Teams to the same form', () => {
    const s = raised();
    const b = mineButtons(s, 'sam').flatMap((x) => x.buttons)[0] as CardButton;
    const slack = encodeAction(b, 3);
    expect(slack.action_id).toBe('sec:form:3');
    const fromSlack = decodeAction(slack.action_id, slack.value);
    const teams = encodeExecute(b);
    expect(teams).toEqual({ verb: 'form', data: { action: 'form', ref: 'DP001', form: 'iar' } });
    const fromTeams = decodeExecute(teams.verb, teams.data);
    for (const d of [fromSlack, fromTeams]) {
      if (!d.ok) throw new Error(d.message);
      expect(actionToCommand(d.action)).toEqual({ opensForm: 'iar', ref: 1 });
    }
  });

  it('a bad payload is refused with a clear message: a form not offered, a bad reference, anything extra', () => {
    const formsOffered = 'expected one of "iar"|"panel-route"|"proceed"|"withdraw"';
    expect(decodePayload('form', { ref: 'DP001', form: 'panel-close' })).toEqual({
      ok: false,
      code: 'bad_value',
      message: `Bad form value (form): Invalid option: ${formsOffered}.`,
    });
    expect(decodePayload('form', { ref: 'XY1', form: 'iar' })).toMatchObject({
      ok: false,
      code: 'bad_value',
      message: expect.stringMatching(/^Bad form value \(ref\)/),
    });
    expect(decodePayload('form', { ref: 'DP001', form: 'iar', as: 'sam' })).toEqual({
      ok: false,
      code: 'bad_value',
      message: 'Bad form value: Unrecognized key: "as".',
    });
    expect(decodeAction('sec:form:0', JSON.stringify({ ref: 'DP001', form: 'raise' }))).toMatchObject({
      ok: false,
      code: 'bad_value',
    });
    expect(decodeExecute('form', { action: 'form', ref: 'DP001' })).toMatchObject({
      ok: false,
      code: 'bad_value',
      message: expect.stringMatching(/^Bad form value \(form\)/),
    });
  });
});
