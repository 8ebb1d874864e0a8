// What a card says about where things stand: the state sentence and the call to action survive any
// length of user text on both platforms (R75, R76), stale facts go once the Fast Track window has ended
// (R25), no review is promised that is not scheduled (R53), and routes read as the product names them
// (R71).
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { describe, expect, it } from 'vitest';
import { renderCard as renderSlack } from '../../adapters/slack/render/blocks.ts';
import type { Block } from '../../adapters/slack/render/blocks.ts';
import { TEAMS_LIMITS, cardBytes, renderCard as renderTeams } from '../../adapters/teams/render/card.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import type { Card } from '../../src/views/card.ts';
import { dpCard, fastTrackCard, viewsCard } from '../../src/views/cards.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Scenario } from '../support/scenario.ts';

/** About 18,500 characters on 270 lines, under the 20,000 a problem may have. */
const LONG = Array.from(
  { length: 270 },
  (_, i) => `Line ${i + 1} of the problem with *stars* and <tags> and [link](http://x)`,
).join('\n');

/** Everything a Teams reader sees on the card, unescaped, one element a line. */
function teamsText(c: IAdaptiveCard): string {
  const out: string[] = [];
  for (const e of c.body) {
    if (e.type === 'TextBlock') out.push(e.text);
    if (e.type === 'FactSet') for (const f of e.facts) out.push(`${f.title}: ${f.value}`);
  }
  return out.map(unescapeMarkdown).join('\n');
}

/** Everything a Slack reader sees on the card (escaped &, <, > read back). */
function slackText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'header' || (b.type === 'section' && b.text)) out.push(b.text?.text ?? '');
    if (b.type === 'section') for (const f of b.fields ?? []) out.push(f.text);
    if (b.type === 'context') for (const el of b.elements) out.push(el.text);
  }
  return out.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Both renderings, checked against the platforms' limits. */
function shown(card: Card): { teams: string; slack: string; teamsCard: IAdaptiveCard } {
  const teamsCard = renderTeams(card);
  expect(cardBytes(teamsCard)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
  const slack = renderSlack(card);
  expect(slack.blocks.length).toBeLessThanOrEqual(50);
  return { teams: teamsText(teamsCard), slack: slackText(slack.blocks), teamsCard };
}

function viewsWorld(problem: string) {
  const s = new Scenario('2027-01-11T09:00');
  s.ok('alice', { type: 'raise', title: 'Very long title '.repeat(12).trim(), problem });
  s.ok('sam', { type: 'iar', ref: 1, impacts: LONG.slice(0, 4000), route: 'report' });
  s.ok('sam', { type: 'views-open', ref: 1 });
  return s;
}

function fastTrackWorld(problem: string, implement?: string) {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem });
  if (implement) s.ok('chair', { type: 'panel-fasttrack', ref: 1, implement });
  for (const p of ['pm1', 'pm2', 'pm3', 'pm4', 'chair']) s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
  s.ok('chair', { type: 'ballot-close', ref: 1 });
  return s;
}

const field = (card: Card, label: string) => card.fields.find((f) => f.label === label)?.value;

describe('the state of a card survives a long problem (R75, R76)', () => {
  it('R75 the views card keeps its call to action while open and says why the button went once closed', () => {
    const s = viewsWorld(LONG);
    expect(LONG.length).toBeGreaterThan(18_000);
    const open = shown(viewsCard(s.mod(1), s.ctx('sam')));
    for (const text of [open.teams, open.slack])
      expect(text).toContain('Change Board members: please give your view by Mon 18 Jan 2027, 17:00.');
    // Only the person's text is shortened, visibly.
    expect(open.teams).toContain('Line 1 of the problem');
    expect(open.teams).toMatch(/…/);
    expect(open.teams).not.toContain('Line 270 of the problem');
    expect(JSON.stringify(open.teamsCard)).toContain('Give your view');

    s.ok('cb1', { type: 'view', ref: 1, stance: 'support', rationale: LONG.slice(0, 5000) });
    s.ok('cb2', { type: 'view', ref: 1, stance: 'oppose', rationale: LONG.slice(0, 5000) });
    s.ok('sam', { type: 'views-close', ref: 1 });
    const closed = shown(viewsCard(s.mod(1), s.ctx('sam')));
    for (const text of [closed.teams, closed.slack])
      expect(text).toContain('Views are closed (2 views); the summary went to the Panel.');
    expect(JSON.stringify(closed.teamsCard)).not.toContain('Give your view');
  });

  it('R75 the Fast Track card keeps its state and its Object button under a long problem', () => {
    const s = fastTrackWorld(LONG);
    const open = shown(fastTrackCard(s.mod(1), s.ctx('bob')));
    for (const text of [open.teams, open.slack])
      expect(text).toContain(
        'The Panel approved Fast Track unanimously. Any party may object with a reason until Tue 22 Dec 2026, 17:00.',
      );
    expect(JSON.stringify(open.teamsCard)).toContain('"Object"');
    s.ok('bob', { type: 'object', ref: 1, reason: 'We rely on D3.4\nin our contracts' });
    const after = shown(fastTrackCard(s.mod(1), s.ctx('bob')));
    for (const text of [after.teams, after.slack]) {
      expect(text).toContain('The window ended with an objection by Bob, so DP001 returns to the Panel.');
      expect(text).toContain('We rely on D3.4\nin our contracts');
    }
  });

  it('R76 the problem is still shown whole, line by line, when it is short', () => {
    const problem = 'D4.2 cites D3.9.\nD3.9 was deleted in 2019.';
    const card = viewsCard(viewsWorld(problem).mod(1), viewsWorld(problem).ctx('sam'));
    expect(field(card, 'Problem')).toBe(problem);
    const { teams, slack } = shown(card);
    for (const text of [teams, slack]) expect(text).toContain(problem);
  });
});

describe('stale facts and promises (R25, R53)', () => {
  it('R25 after an objection the Fast Track card no longer shows the window closing or the implementation date', () => {
    const s = fastTrackWorld('A typo in D1', '2027-03-01');
    const open = fastTrackCard(s.mod(1), s.ctx('bob'));
    expect(field(open, 'Objection window closes')).toBe('Tue 22 Dec 2026, 17:00');
    expect(field(open, 'Implementation date')).toBe('Mon 1 Mar 2027');
    s.ok('bob', { type: 'object', ref: 1, reason: 'Not housekeeping' });
    const after = fastTrackCard(s.mod(1), s.ctx('bob'));
    expect(after.text).toBe('The window ended with an objection by Bob, so DP001 returns to the Panel.');
    expect(field(after, 'Objection')).toBe('Not housekeeping');
    expect(field(after, 'Objection window closes')).toBeUndefined();
    expect(field(after, 'Implementation date')).toBeUndefined();
  });

  it('R26 with no objection the approved card keeps the implementation date, not the window', () => {
    const s = fastTrackWorld('A typo in D1', '2027-03-01');
    s.at('2026-12-22T17:01');
    const card = fastTrackCard(s.mod(1), s.ctx('bob'));
    expect(card.text).toContain('The objection window closed with no objection');
    expect(field(card, 'Objection window closes')).toBeUndefined();
    expect(field(card, 'Implementation date')).toBe('Mon 1 Mar 2027');
  });

  it('R53 a DP raised by the Panel chair for Fast Track promises no critical-friend review; a raised DP does', () => {
    const ft = new Scenario('2026-12-01T10:00');
    ft.ok('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo in D1' });
    const chair = dpCard(ft.mod(1), ft.ctx('chair'));
    expect(chair.context).not.toContain('critical friend');
    expect(chair.context).toContain('Raised Tue 1 Dec 2026, 10:00.');
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    expect(dpCard(s.mod(1), s.ctx('alice')).context).toContain(
      'SECAS reviews it as a critical friend within 5 Working Days.',
    );
  });

  it('R10 once its deadline is dropped (here by a routing), a redrawn card promises the review no more', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'self-governance' });
    const card = dpCard(s.mod(1), s.ctx('alice'));
    expect(card.context).not.toContain('critical friend');
    // R9: no status on the card, which is not redrawn as the modification moves on; where it stands
    // now is one command away, by the reference it was raised with.
    expect(card.context).not.toContain('Status');
    expect(commandsAs(card.context ?? '', '/sec')).toContain(
      'To see where it stands now, type: /sec status MP001',
    );
  });
});

describe('plain words (R71)', () => {
  it.each([
    ['report', 'Report Stage'],
    ['refinement', 'Refinement'],
    ['development', 'Development'],
    ['fasttrack', 'Fast Track'],
  ] as const)('R71 the recommended route %s reads "%s" on the views card', (route, words) => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route });
    s.ok('sam', { type: 'views-open', ref: 1 });
    expect(field(viewsCard(s.mod(1), s.ctx('sam')), 'Recommended route')).toBe(words);
  });
});
