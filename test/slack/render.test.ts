// The Slack renderer as pure functions: cards → Block Kit within Slack's limits (R33–R35
// ballot cards, closed cards without buttons), user text that never becomes a mention or a link (R44,
// QUALITY.md injection), and forms → modals → submitted values → the twin's command (R43).
import type { types } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Modification } from '../../src/domain/modification.ts';
import type { Card } from '../../src/views/card.ts';
import { ballotCard, dpCard, fastTrackCard, viewsSummaryCard } from '../../src/views/cards.ts';
import type { Block } from '../../adapters/slack/render/blocks.ts';
import { SLACK_LIMITS, renderCard } from '../../adapters/slack/render/blocks.ts';
import { escapeFit, escapeMrkdwn } from '../../adapters/slack/render/escape.ts';
import { cardWithPrefix } from '../../src/views/hints.ts';
import { mineView } from '../../src/views/mine.ts';
import { BOARD, toDecision, toReport } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { cardLines, cardsWithButtons, multiLineCards } from '../support/card-worlds.ts';

/** QUALITY.md's injection strings. */
const INJECTIONS = [
  '<!channel>',
  '<!everyone>',
  '<@U123>',
  '@everyone',
  '[click](http://x)',
  '<http://evil|x>',
];
const EVIL = INJECTIONS.join(' ');

type Obj = Record<string, unknown>;
/** Every Block Kit text object in a rendered message. */
function textObjects(x: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(x)) x.forEach((v) => textObjects(v, out));
  else if (x && typeof x === 'object') {
    const o = x as Obj;
    if (o.type === 'plain_text' || o.type === 'mrkdwn') out.push(o);
    else Object.values(o).forEach((v) => textObjects(v, out));
  }
  return out;
}
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack's limits, checked on any rendered message. */
function expectWithinLimits(r: { text: string; blocks: Block[] }): void {
  expect(r.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(r.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallback);
  const ids = new Set<string>();
  for (const b of r.blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    if (b.type === 'section') {
      expect(Boolean(b.text) || Boolean(b.fields?.length)).toBe(true);
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(b.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
    }
    if (b.type === 'actions') {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonsPerActions);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect(ids.has(e.action_id)).toBe(false);
        ids.add(e.action_id);
      }
    }
  }
  for (const t of textObjects(r.blocks)) {
    expect((t.text as string).length).toBeGreaterThan(0);
    // No lone surrogate: a cut never splits a character.
    expect(t.text as string).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
  }
}

/** R44: no raw mention or link markup anywhere; user text only in plain_text or verbatim mrkdwn. */
function expectInert(r: { text: string; blocks: Block[] }): void {
  const json = JSON.stringify(r);
  expect(json).not.toMatch(/<[!@#]|<https?:|<mailto:/i);
  for (const t of textObjects(r.blocks)) {
    if (t.type === 'mrkdwn') expect(t.verbatim, JSON.stringify(t)).toBe(true);
  }
}

const card = (over: Partial<Card> = {}): Card => ({
  key: 'k',
  title: 'Title',
  fields: [],
  buttons: [],
  ...over,
});
const button = (i: number) => ({
  action: 'available',
  label: `Slot ${i}: can attend`,
  value: { ref: 'MP001', meeting: 'mtg-1', slot: (i % 5) + 1, yes: true },
  twin: `available MP001 ${(i % 5) + 1} yes`,
});

describe('renderCard layout (one card model, one renderer per platform)', () => {
  it('R9 title header, plain_text text, fields, context; no buttons, no actions block', () => {
    const r = renderCard(
      card({
        title: 'DP001: Faster',
        text: 'Problem',
        fields: [{ label: 'Proposer', value: 'Alice' }],
        context: 'c',
      }),
    );
    expect(r.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'DP001: Faster', emoji: true } },
      { type: 'section', text: { type: 'plain_text', text: 'Problem', emoji: true } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Proposer*\nAlice', verbatim: true }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'c', verbatim: true }] },
    ]);
    expect(r.text).toBe('DP001: Faster\nProblem');
  });

  it('R34 R76 fields go ten to a section; a field too long for one becomes whole sections (its label, then each line), nothing lost', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: `v${i}` }));
    const long = 'x'.repeat(4000) + '\n' + 'y'.repeat(10);
    const r = renderCard(card({ fields: [...fields, { label: 'Long', value: long }] }));
    const sections = r.blocks.filter((b) => b.type === 'section');
    // The label, the long line in two pieces, the short line.
    expect(sections.map((s) => s.fields?.length ?? 0)).toEqual([10, 10, 3, 0, 0, 0, 0]);
    const rest = sections.slice(3).map((s) => s.text?.text ?? '');
    // Pieces break at line ends or, inside a long line, between characters: nothing is lost.
    expect(rest.join('').replace(/\n/g, '')).toBe(`*Long*${long.replace(/\n/g, '')}`);
    expectWithinLimits(r);
  });

  it('R44 a long title or text is split or cut safely, never refused by Slack', () => {
    const title = '😀'.repeat(120) + ' & <end>';
    const r = renderCard(
      card({ title, text: 'a&b '.repeat(6000), buttons: [{ ...button(1), label: '🙂'.repeat(60) }] }),
    );
    expectWithinLimits(r);
    expect(r.blocks[0]).toMatchObject({ type: 'header' });
    expect(unescape((r.blocks[1] as { text: { text: string } }).text.text)).toBe(title);
    const body = r.blocks.filter((b) => b.type === 'section').slice(1);
    expect(body.map((b) => unescape(b.text?.text ?? '')).join('')).toBe('a&b '.repeat(6000));
    const label = (r.blocks.find((b) => b.type === 'actions') as { elements: { text: { text: string } }[] })
      .elements[0];
    expect(label?.text.text.endsWith('…')).toBe(true);
  });

  it('R40 buttons: 25 to an actions block, ids unique in the message, values within 2000', () => {
    const r = renderCard(card({ buttons: Array.from({ length: 30 }, (_, i) => button(i + 1)) }));
    const actions = r.blocks.filter((b) => b.type === 'actions');
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    expect(actions[1]?.elements[0]?.action_id).toBe('sec:available:25');
    expectWithinLimits(r);
  });

  it('R43 a button the builders should never make is reported and left out; its twin stays in the context', () => {
    const bad: Error[] = [];
    const r = renderCard(
      card({
        buttons: [{ action: 'nope', label: 'x', value: {}, twin: 't' }, button(1)],
        context: 'Or type: t',
      }),
      { onBadButton: (_b, e) => bad.push(e) },
    );
    expect(bad).toHaveLength(1);
    expect(
      r.blocks.filter((b) => b.type === 'actions').flatMap((a) => a.elements.map((e) => e.action_id)),
    ).toEqual(['sec:available:1']);
  });

  it('R44 any card renders within Slack limits with no raw markup (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 400 });
    const cardArb = fc.record({
      key: fc.constant('k'),
      title: fc.string({ maxLength: 300 }),
      text: fc.option(fc.string({ maxLength: 5000 }), { nil: undefined }),
      fields: fc.array(fc.record({ label: text, value: fc.string({ maxLength: 2500 }) }), { maxLength: 25 }),
      buttons: fc.array(
        fc.integer({ min: 1, max: 9 }).map((i) => ({ ...button(i), label: `<!here> ${'x'.repeat(i * 10)}` })),
        { maxLength: 30 },
      ),
      context: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(cardArb, fc.constantFrom(...INJECTIONS), (c, evil) => {
        const r = renderCard({ ...c, title: `${evil}${c.title}` });
        expectWithinLimits(r);
        expectInert(r);
      }),
      { numRuns: 150 },
    );
  });
});

describe('ballot cards (R33–R35, R55)', () => {
  const ballot = (s: Scenario) => s.mod(1).ballots.at(-1) as Modification['ballots'][number];

  it('R55 an open decision ballot has one button per option per solution; closed, none and no actions block', () => {
    const s = toReport({ determination: 'self-governance', alternatives: ['Cheaper'] });
    toDecision(s);
    const open = renderCard(ballotCard(s.mod(1), ballot(s), s.ctx('sam')));
    const buttons = open.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b) => b.text.text)).toEqual([
      'S0: Approve',
      'S0: Reject',
      'S0: Abstain',
      'A1: Approve',
      'A1: Reject',
      'A1: Abstain',
    ]);
    expect(buttons.map((b) => b.style)).toEqual([
      'primary',
      undefined,
      undefined,
      'primary',
      undefined,
      undefined,
    ]);
    expectWithinLimits(open);
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'approve', solution: 'S0' });
    for (const cb of BOARD) s.ok(cb, { type: 'vote', ref: 1, option: 'reject', solution: 'A1' });
    const closed = renderCard(ballotCard(s.mod(1), ballot(s), s.ctx('sam')));
    expect(closed.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(closed.blocks)).toContain(
      'Cb1: Approve on the Proposed Solution, Reject on Alternative Solution A1 \\"Cheaper\\"',
    );
    expectWithinLimits(closed);
  });
});

describe('injection (R44, QUALITY.md)', () => {
  it('R44 escapeMrkdwn neutralises Slack markup and keeps Markdown links as text', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <http://evil|x> a&b')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;http://evil|x&gt; a&amp;b',
    );
    expect(escapeMrkdwn('[click](http://x) @everyone')).toBe('[click](http://x) @everyone');
    expect(escapeFit('&&&&', 7)).toBe('&amp;…');
  });

  it('R44 a hostile title, problem, comment and objection reach the reader as text', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: EVIL, problem: `Problem ${EVIL}` });
    const rendered = [renderCard(dpCard(s.mod(1), s.ctx('alice')))];
    s.ok('sam', { type: 'iar', ref: 1, impacts: EVIL, route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    s.ok('cb1', { type: 'view', ref: 1, stance: 'oppose', comments: EVIL });
    s.ok('sam', { type: 'views-close', ref: 1 });
    rendered.push(renderCard(viewsSummaryCard(s.mod(1), s.ctx('sam'))));
    const ft = new Scenario('2026-12-01T10:00');
    ft.ok('chair', { type: 'panel-raise-fasttrack', title: EVIL, problem: EVIL });
    for (const p of ['pm1', 'pm2', 'pm3', 'pm4', 'chair'])
      ft.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    ft.ok('chair', { type: 'ballot-close', ref: 1 });
    ft.ok('bob', { type: 'object', ref: 1, reason: EVIL });
    rendered.push(renderCard(fastTrackCard(ft.mod(1), ft.ctx('bob'))));
    for (const r of rendered) {
      expectInert(r);
      expectWithinLimits(r);
      // What people read is the text as typed.
      expect(unescape(JSON.stringify(r))).toContain(EVIL.replace(/"/g, '\\"'));
    }
    expect(rendered[0]?.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: escapeMrkdwn(`DP001: ${EVIL}`), emoji: true },
    });
  });

  it('R44 R81 a hostile title in the mine card (each item with its buttons) reaches the reader as text', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: EVIL, problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    const r = renderCard(mineView(s.world, 'cb1', s.ctx('cb1')).card);
    expectInert(r);
    expectWithinLimits(r);
    expect(unescape(JSON.stringify(r))).toContain(EVIL.replace(/"/g, '\\"'));
    expect(r.blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
  });

  it('R81 list card items come whole within the block limit: none cut in half, the buttons kept', () => {
    const s = new Scenario('2026-12-01T10:00');
    for (let n = 1; n <= 40; n++) {
      s.ok('alice', { type: 'raise', title: `Change ${n}`, problem: 'P' });
      s.ok('sam', { type: 'iar', ref: n, impacts: 'Suppliers', route: 'refinement' });
      s.ok('sam', { type: 'views-open', ref: n });
    }
    const card = mineView(s.world, 'cb1', s.ctx('cb1'), { max: 40 }).card;
    const msg = renderCard(card);
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    const home = renderCard(card, { maxBlocks: SLACK_LIMITS.blocksPerHome });
    expect(home.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerHome);
    for (const r of [msg, home]) {
      const i = r.blocks.findIndex((b) => b.type === 'section' && JSON.stringify(b).includes('Change'));
      const items = r.blocks.slice(i).filter((b) => b.type !== 'context');
      // Each item is its section and then its actions block.
      items.forEach((b, k) => expect(b.type).toBe(k % 2 === 0 ? 'section' : 'actions'));
    }
    expect(home.blocks.filter((b) => b.type === 'actions')).toHaveLength(40);
    // What a message cannot hold is counted, not dropped unsaid.
    const shown = msg.blocks.filter((b) => b.type === 'actions').length;
    expect(shown).toBeLessThan(40);
    expect(JSON.stringify(msg.blocks.at(-1))).toContain(`…and ${40 - shown} more not shown here`);
  });

  it('R44 the renderer’s types are Block Kit’s', () => {
    expectTypeOf<Block>().toExtend<types.KnownBlock>();
    expect(renderCard(card()).blocks).toHaveLength(1);
  });
});

describe('line breaks (R76)', () => {
  /** The text of each section and context element, unescaped. */
  const blockTexts = (blocks: Block[]): string[] =>
    blocks.flatMap((b) =>
      b.type === 'section'
        ? [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)]
        : b.type === 'context'
          ? b.elements.map((e) => e.text)
          : [],
    );
  const unesc = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it.each(multiLineCards())(
    'R76 $name: every line of a multi-line text or field is its own section',
    ({ card: c }) => {
      const r = renderCard(c);
      expectWithinLimits(r);
      const sections = r.blocks.flatMap((b) => (b.type === 'section' && b.text ? [unesc(b.text.text)] : []));
      const multi = [c.text ?? '', ...c.fields.map((f) => f.value)].filter((t) => t.includes('\n'));
      expect(multi.length).toBeGreaterThan(0);
      for (const line of multi.flatMap((t) => t.split('\n'))) expect(sections).toContain(line);
      for (const s of sections) expect(s).not.toContain('\n');
      // Nothing else is lost (the hints as Slack users type them, R42).
      const all = blockTexts(r.blocks).map(unesc).join('\n');
      for (const line of cardLines(cardWithPrefix(c, '/sec'))) expect(all).toContain(line);
    },
  );

  it('R76 the closed ballot: the bold label, then one section per vote in seat order', () => {
    const c = multiLineCards()[0]?.card as Card;
    const r = renderCard(c);
    const i = r.blocks.findIndex((b) => b.type === 'section' && b.text?.text === '*Votes*');
    expect(i).toBeGreaterThan(0);
    const votes = c.fields.find((f) => f.label === 'Votes')?.value.split('\n') ?? [];
    expect(votes).toHaveLength(5);
    expect(r.blocks.slice(i + 1, i + 6)).toEqual(
      votes.map((v) => ({
        type: 'section',
        text: { type: 'mrkdwn', text: escapeMrkdwn(v), verbatim: true },
      })),
    );
  });

  it('R76 past 50 blocks the lines share sections, still one per line, nothing lost', () => {
    const value = Array.from({ length: 80 }, (_, i) => `Member ${i}: approve`).join('\n');
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}.`).join('\n');
    const r = renderCard(card({ text, fields: [{ label: 'Votes', value }] }));
    expectWithinLimits(r);
    expect(r.blocks.length).toBeLessThan(SLACK_LIMITS.blocksPerMessage);
    const all = blockTexts(r.blocks).join('\n');
    for (const line of [...text.split('\n'), ...value.split('\n')]) expect(all.split('\n')).toContain(line);
  });
});

describe('typed twins on Slack (R42, R43)', () => {
  /** Every line a person reads in the message, unescaped. */
  const lines = (r: { blocks: Block[] }): string[] =>
    textObjects(r.blocks)
      .map((t) => unescape(String(t.text)))
      .flatMap((t) => t.split('\n'));
  const hintCommands = (line: string): string[] =>
    line
      .slice(line.search(/(?:\bOr|,) type: /))
      .replace(/^(?:Or|,) type: /, '')
      .split(' | ');

  it('R42 R43 every hint of every card reads as Slack users type it: /sec before each command', () => {
    const ballot = cardsWithButtons().find((c) => c.key.startsWith('ballot:'));
    if (!ballot) throw new Error('no open ballot card');
    expect(lines(renderCard(ballot))).toContain(
      'You may change your vote until it closes. Or type: /sec vote DP001 approve | /sec vote DP001 reject | /sec vote DP001 abstain',
    );
    let hints = 0;
    for (const c of cardsWithButtons())
      for (const line of lines(renderCard(c)).filter((l) => / type: /.test(l))) {
        hints++;
        for (const command of hintCommands(line)) expect(command, line).toMatch(/^\/sec [a-z]/);
      }
    expect(hints).toBeGreaterThanOrEqual(cardsWithButtons().length);
  });

  it('R42 R81 the mine card on Slack gives each item its twin after /sec', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    const r = renderCard(mineView(s.world, 'cb1', s.ctx('cb1')).card);
    expect(lines(r).filter((l) => l.startsWith('Or type: '))).toEqual([
      'Or type: /sec view DP001 support|concerns|oppose [rationale="…"] [fit="…"] [areas="…"] [questions="…"] [parallel="…"] [comments]',
    ]);
  });
});
