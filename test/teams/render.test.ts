// The Teams renderer as a pure function: cards → Adaptive Card 1.5 within Teams' size
// limit, command buttons as Action.Execute (R33–R35 ballots, closed cards without actions) and form
// buttons as Action.Submit with task/fetch, and user text that never becomes a link,
// emphasis or a mention (R44, QUALITY.md injection).
import type { IAdaptiveCard, ITextBlock } from '@microsoft/teams.cards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/views/card.ts';
import { dpCard, fastTrackCard, viewsSummaryCard } from '../../src/views/cards.ts';
import { TEAMS_LIMITS, cardActionResponse, cardBytes, renderCard } from '../../adapters/teams/render/card.ts';
import { escapeMarkdown, unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import { Scenario } from '../support/scenario.ts';
import { cardLines, cardsWithButtons, closedDecision, multiLineCards } from '../support/card-worlds.ts';
import { BOT_NAME, mentionFor, withMention } from '../../adapters/teams/render/mention.ts';
import { readFileSync } from 'node:fs';
import { cardWithPrefix, orType } from '../../src/views/hints.ts';

/** QUALITY.md's injection strings, plus Adaptive Card markup and template syntax. */
const INJECTIONS = [
  '<!channel>',
  '<!everyone>',
  '<@U123>',
  '@everyone',
  '[click](http://x)',
  '<at>Bob</at>',
  '**bold** _it_ ~~s~~ `code`',
  '{"type":"Action.OpenUrl","url":"http://x"}',
  '${$root.secret} {{DATE(x)}}',
  '- item\n1. item\n> quote',
];
const EVIL = INJECTIONS.join(' ');

const card = (over: Partial<Card> = {}): Card => ({
  key: 'k',
  title: 'Title',
  fields: [],
  buttons: [],
  ...over,
});
const textsOf = (c: IAdaptiveCard): string[] => [
  c.fallbackText ?? '',
  ...c.body.flatMap((e) =>
    e.type === 'TextBlock'
      ? [e.text]
      : e.type === 'FactSet'
        ? e.facts.flatMap((f) => [f.title, f.value])
        : [],
  ),
];
const actionsOf = (c: IAdaptiveCard) => c.body.flatMap((e) => (e.type === 'ActionSet' ? e.actions : []));

/** R44: nothing Markdown or Teams could act on survives unescaped in displayed text. */
function expectInert(c: IAdaptiveCard): void {
  const json = JSON.stringify(c);
  expect(json).not.toMatch(/<at>/i);
  expect(c.msteams?.entities).toBeUndefined();
  expect(c.actions).toBeUndefined();
  for (const t of textsOf(c)) {
    // Every [, <, *, _ and ` is preceded by an (unescaped) backslash.
    expect(t.replace(/\\[\\`*_~[\]<>$#+\-.){]/g, '')).not.toMatch(/[[\]<>*_`~]|\$\{/);
  }
}

describe('renderCard layout (one card model, one renderer per platform)', () => {
  it('R9 bold title, wrapping text, FactSet, subtle context; no buttons, no ActionSet', () => {
    const r = renderCard(
      card({
        title: 'DP001: Faster',
        text: 'Problem',
        fields: [{ label: 'Proposer', value: 'Alice' }],
        context: 'c',
      }),
    );
    expect(r).toMatchObject({ type: 'AdaptiveCard', version: '1.5', fallbackText: 'DP001: Faster\nProblem' });
    expect(r.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(r.body).toEqual([
      {
        type: 'TextBlock',
        text: 'DP001: Faster',
        wrap: true,
        weight: 'Bolder',
        size: 'Medium',
        style: 'heading',
      },
      { type: 'TextBlock', text: 'Problem', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Proposer', value: 'Alice' }] },
      { type: 'TextBlock', text: 'c', wrap: true, isSubtle: true, size: 'Small' },
    ]);
  });

  it('R40 buttons are Action.Execute, six to an ActionSet, styles mapped', () => {
    const button = (i: number) => ({
      action: 'available',
      label: `Slot ${i}`,
      value: { ref: 'MP001', meeting: 'mtg-1', slot: i, yes: true },
      twin: `available MP001 ${i} yes`,
      style: 'primary' as const,
    });
    const r = renderCard(card({ buttons: Array.from({ length: 8 }, (_, i) => button(i + 1)) }));
    const sets = r.body.filter((e) => e.type === 'ActionSet');
    expect(sets.map((s) => s.actions.length)).toEqual([6, 2]);
    expect(actionsOf(r)[0]).toEqual({
      type: 'Action.Execute',
      title: 'Slot 1',
      verb: 'available',
      data: { ref: 'MP001', meeting: 'mtg-1', slot: 1, yes: true, action: 'available' },
      style: 'positive',
    });
  });

  it('R43 form buttons (view, object, respond) are Action.Submit with task/fetch and the shared payload; commands stay Action.Execute', () => {
    const form = (action: string, value: Record<string, string>) => ({
      action,
      label: action,
      value,
      twin: `${action} DP001`,
      opensForm: true,
    });
    const r = renderCard(
      card({
        buttons: [
          form('view', { ref: 'DP001' }),
          form('object', { ref: 'MP001' }),
          form('respond', { ref: 'MP001', consultation: 'c-1' }),
          {
            action: 'attend',
            label: 'Attending',
            value: { ref: 'MP001', meeting: 'm-1', yes: true },
            twin: 't',
          },
          {
            action: 'available',
            label: 'Slot 1',
            value: { ref: 'MP001', meeting: 'm-1', slot: 1, yes: true },
            twin: 't',
          },
          {
            action: 'vote',
            label: 'Approve',
            value: { ref: 'MP001', ballot: 'b-1', option: 'approve' },
            twin: 'vote MP001 approve',
          },
        ],
      }),
    );
    const task = { type: 'task/fetch' };
    expect(actionsOf(r).slice(0, 3)).toEqual([
      { type: 'Action.Submit', title: 'view', data: { msteams: task, ref: 'DP001', action: 'view' } },
      { type: 'Action.Submit', title: 'object', data: { msteams: task, ref: 'MP001', action: 'object' } },
      {
        type: 'Action.Submit',
        title: 'respond',
        data: { msteams: task, ref: 'MP001', consultation: 'c-1', action: 'respond' },
      },
    ]);
    expect(
      actionsOf(r)
        .slice(3)
        .map((a) => [a.type, 'verb' in a ? a.verb : undefined]),
    ).toEqual([
      ['Action.Execute', 'attend'],
      ['Action.Execute', 'available'],
      ['Action.Execute', 'vote'],
    ]);
    // Small: the data of a form button is the checked payload and Teams' marker, nothing else.
    for (const a of actionsOf(r)) expect(JSON.stringify(a).length).toBeLessThan(200);
  });

  it('R43 a button the builders should never make is reported and left out', () => {
    const bad: Error[] = [];
    const r = renderCard(card({ buttons: [{ action: 'nope', label: 'x', value: {}, twin: 't' }] }), {
      onBadButton: (_b, e) => bad.push(e),
    });
    expect(bad).toHaveLength(1);
    expect(actionsOf(r)).toEqual([]);
  });

  it('R33 the invoke answer is the refreshed card', () => {
    const c = card({ title: 'Now 3 of 5' });
    expect(cardActionResponse(c)).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: renderCard(c),
    });
  });

  it('R44 any card stays well under 28 KB, buttons kept, no lone surrogate (property)', () => {
    const arb = fc.record({
      key: fc.constant('k'),
      title: fc.string({ maxLength: 500 }),
      text: fc.option(fc.string({ unit: 'grapheme', maxLength: 20000 }), { nil: undefined }),
      fields: fc.array(
        fc.record({ label: fc.string({ maxLength: 200 }), value: fc.string({ maxLength: 4000 }) }),
        {
          maxLength: 40,
        },
      ),
      buttons: fc.constant<Card['buttons']>([]),
      context: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, fc.constantFrom(...INJECTIONS), (c, evil) => {
        const r = renderCard({ ...c, title: `${evil}${c.title}` });
        expect(cardBytes(r)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
        expectInert(r);
        for (const t of textsOf(r))
          expect(t).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      { numRuns: 100 },
    );
  });
});

describe('shortening keeps what stands (R75)', () => {
  it('R75 a card too big even at the smallest budget keeps its text (the state and the ask) and its buttons', () => {
    const c = card({
      text: 'Change Board members: please give your view by Mon 18 Jan 2027, 17:00.',
      fields: Array.from({ length: 800 }, (_, i) => ({ label: `Field ${i}`, value: 'x'.repeat(100) })),
      buttons: cardsWithButtons()[0]?.buttons ?? [],
    });
    const r = renderCard(c);
    expect(cardBytes(r)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    const texts = r.body.flatMap((e) => (e.type === 'TextBlock' ? [unescapeMarkdown(e.text)] : []));
    expect(texts).toEqual([
      'Title',
      'Change Board members: please give your view by Mon 18 Jan 2027, 17:00.',
      '(Shortened: open the modification for the full text.)',
    ]);
    expect(actionsOf(r).map((a) => a.title)).toEqual(['Give your view']);
  });
});

describe('ballot cards (R33–R35, R55)', () => {
  it('R55 an open decision ballot has one Action.Execute per option per solution', () => {
    const { open } = closedDecision();
    const r = renderCard(open);
    expect(actionsOf(r).map((a) => a.title)).toEqual([
      'S0: Approve',
      'S0: Reject',
      'S0: Abstain',
      'A1: Approve',
      'A1: Reject',
      'A1: Abstain',
    ]);
    expect(actionsOf(r).every((a) => a.type === 'Action.Execute')).toBe(true);
  });

  it('R35 a closed ballot has no actions and shows each vote and the tally', () => {
    const { closed } = closedDecision();
    expect(closed.buttons).toEqual([]);
    const r = renderCard(closed);
    expect(actionsOf(r)).toEqual([]);
    expect(r.actions).toBeUndefined();
    const shown = textsOf(r).map(unescapeMarkdown).join('\n');
    for (const n of [1, 2, 3, 4, 5])
      expect(shown).toContain(
        `Cb${n}: Approve on the Proposed Solution, Reject on Alternative Solution A1 "Cheaper"`,
      );
    // The tally as the neutral card states it, every field and the text reach the reader.
    for (const f of closed.fields) expect(shown).toContain(f.value);
    if (closed.text) expect(shown).toContain(closed.text);
  });
});

describe('injection (R44, QUALITY.md)', () => {
  it('R44 escapeMarkdown neutralises links, emphasis, mentions and list markers, and reads back exactly', () => {
    expect(escapeMarkdown('[click](http://x)')).toBe('\\[click\\](http://x)');
    expect(escapeMarkdown('<at>Bob</at>')).toBe('\\<at\\>Bob\\</at\\>');
    expect(escapeMarkdown('**b** _i_')).toBe('\\*\\*b\\*\\* \\_i\\_');
    expect(escapeMarkdown('${x}')).toBe('\\${x}');
    expect(escapeMarkdown('- a\n2. b')).toBe('\\- a\n2\\. b');
    expect(escapeMarkdown('@everyone <!channel> <@U123>')).toBe('@everyone \\<!channel\\> \\<@U123\\>');
    for (const s of [...INJECTIONS, 'a\\b\\', '\\[x\\]']) expect(unescapeMarkdown(escapeMarkdown(s))).toBe(s);
  });

  it('R44 a hostile title, problem and objection reach the reader as text', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: EVIL, problem: `Problem ${EVIL}` });
    const ft = new Scenario('2026-12-01T10:00');
    ft.ok('chair', { type: 'panel-raise-fasttrack', title: EVIL, problem: EVIL });
    for (const p of ['pm1', 'pm2', 'pm3', 'pm4', 'chair'])
      ft.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    ft.ok('chair', { type: 'ballot-close', ref: 1 });
    ft.ok('bob', { type: 'object', ref: 1, reason: EVIL });
    for (const r of [
      renderCard(dpCard(s.mod(1), s.ctx('alice'))),
      renderCard(fastTrackCard(ft.mod(1), ft.ctx('bob'))),
    ]) {
      expectInert(r);
      // Card JSON inside user text stays a string: the only actions are the ones we made.
      const parsed = JSON.parse(JSON.stringify(r)) as IAdaptiveCard;
      // (Form buttons are Action.Submit with task/fetch, which only open our dialog.)
      for (const a of actionsOf(parsed)) {
        if (a.type === 'Action.Execute') continue;
        expect(a.type).toBe('Action.Submit');
        expect((a as { data?: { msteams?: unknown } }).data?.msteams).toEqual({ type: 'task/fetch' });
      }
      expect(textsOf(r).map(unescapeMarkdown).join('\n')).toContain(EVIL);
    }
    const title = renderCard(dpCard(s.mod(1), s.ctx('alice'))).body[0] as ITextBlock;
    expect(title.text).toBe(escapeMarkdown(`DP001: ${EVIL}`));
  });
});

describe('line breaks (R76)', () => {
  const blocks = (c: IAdaptiveCard) => c.body.filter((e): e is ITextBlock => e.type === 'TextBlock');

  it.each(multiLineCards())(
    'R76 $name: every line is its own TextBlock, none holds a line break',
    ({ card: marked }) => {
      const r = renderCard(marked);
      // What the 1:1 chat reads: every command bare (views/hints.ts).
      const c = cardWithPrefix(marked, undefined);
      const texts = blocks(r).map((b) => unescapeMarkdown(b.text));
      for (const t of texts) expect(t).not.toContain('\n');
      const facts = r.body.flatMap((e) =>
        e.type === 'FactSet' ? e.facts.map((f) => unescapeMarkdown(f.value)) : [],
      );
      for (const f of facts) expect(f).not.toContain('\n');
      const multi = [c.text ?? '', ...c.fields.map((f) => f.value)].filter((t) => t.includes('\n'));
      expect(multi.length).toBeGreaterThan(0);
      for (const line of multi.flatMap((t) => t.split('\n'))) expect(texts).toContain(line);
      // Nothing else is lost: every line is a TextBlock or a fact.
      for (const line of cardLines(c)) expect([...texts, ...facts]).toContain(line);
    },
  );

  it('R76 the closed ballot lists one vote per TextBlock under its bold label, in seat order', () => {
    const c = multiLineCards()[0]?.card as Card;
    const r = renderCard(c);
    const i = r.body.findIndex((e) => e.type === 'TextBlock' && e.text === 'Votes');
    expect(r.body[i]).toMatchObject({ weight: 'Bolder' });
    const votes = c.fields.find((f) => f.label === 'Votes')?.value.split('\n') ?? [];
    expect(votes).toHaveLength(5);
    expect(r.body.slice(i + 1, i + 6).map((e) => (e as ITextBlock).text)).toEqual(votes.map(escapeMarkdown));
    expect(r.body.slice(i + 1, i + 6).every((e) => (e as ITextBlock).spacing === 'None')).toBe(true);
  });

  it('R76 a blank line becomes spacing before the next block, not an empty block', () => {
    const r = renderCard(card({ text: 'First paragraph.\n\nSecond paragraph.\nIts second line.' }));
    expect(
      blocks(r)
        .slice(1)
        .map((b) => [b.text, b.spacing]),
    ).toEqual([
      ['First paragraph.', undefined],
      ['Second paragraph.', 'Medium'],
      ['Its second line.', 'None'],
    ]);
  });
});

describe('@mention hints (R77)', () => {
  const context = (c: IAdaptiveCard) =>
    c.body
      .filter((e): e is ITextBlock => e.type === 'TextBlock' && e.isSubtle === true)
      .map((b) => unescapeMarkdown(b.text))
      .join('\n');

  it('R77 in a channel every command of an "Or type:" hint has the @mention form; in the 1:1 chat none has', () => {
    const ballot = cardsWithButtons().find((c) => c.key.startsWith('ballot:'));
    if (!ballot?.context) throw new Error('no open ballot card with a hint');
    const twins = ballot.buttons.map((b) => b.twin);
    expect(twins.length).toBeGreaterThan(1);
    const inChannel = context(renderCard(ballot, { mention: mentionFor('channel') }));
    expect(inChannel).toContain(`Or type: ${twins.map((t) => `@SEC Change Bot ${t}`).join(' | ')}`);
    expect(context(renderCard(ballot, { mention: mentionFor('groupChat') }))).toBe(inChannel);
    const personal = context(renderCard(ballot, { mention: mentionFor('personal') }));
    expect(personal).toContain(`Or type: ${twins.join(' | ')}`);
    expect(personal).not.toContain('@');
  });

  it('R77 every hint of every card with buttons is rewritten; other lines are left alone', () => {
    for (const c of cardsWithButtons()) {
      if (!c.context?.includes('Or type: ')) continue;
      const shown = context(renderCard(c, { mention: '@SEC Change Bot' }));
      const hint = shown.slice(shown.indexOf('Or type: ') + 'Or type: '.length);
      for (const part of hint.split(' | ')) expect(part.startsWith('@SEC Change Bot ')).toBe(true);
    }
    expect(withMention(`Closes Friday.\n${orType(['object DP001 <reason>'])}`, '@B')).toBe(
      'Closes Friday.\nOr type: @B object DP001 <reason>',
    );
    expect(withMention(orType(['@B help']), '@B')).toBe('Or type: @B help');
    expect(withMention('Or type: help, unmarked, stays as written', '@B')).toBe(
      'Or type: help, unmarked, stays as written',
    );
  });

  it('R77 every command a card asks a person to type reads in the @mention form, hints and all', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    s.ok('cb1', { type: 'view', ref: 1, stance: 'support', rationale: 'good' });
    s.ok('sam', { type: 'views-close', ref: 1 });
    const { open } = closedDecision();
    const cards = [
      ...cardsWithButtons(),
      open,
      dpCard(s.mod(1), s.ctx('sam')),
      viewsSummaryCard(s.mod(1), s.ctx('sam')),
    ];
    // A command is a subcommand word followed by a reference (or "<ref>"); each must follow the mention.
    const COMMAND =
      /(@SEC Change Bot )?\b(?:status|panel route|ballot close|vote|view|object|respond|available|attend|meeting confirm) (?:DP|MP)\d{3}\b/g;
    let commands = 0;
    for (const c of cards) {
      const shown = renderCard(c, { mention: '@SEC Change Bot' })
        .body.filter((e): e is ITextBlock => e.type === 'TextBlock')
        .map((b) => unescapeMarkdown(b.text))
        .join('\n');
      for (const m of shown.matchAll(COMMAND)) {
        commands++;
        expect(m[1], `${c.key}: ${m[0]}`).toBe('@SEC Change Bot ');
      }
    }
    expect(commands).toBeGreaterThan(cards.length);
  });

  it('R77 the mention is the app name people see in Teams (the manifest short name)', () => {
    const manifest = JSON.parse(readFileSync('manifest/teams/manifest.json', 'utf8')) as {
      name: { short: string };
    };
    expect(BOT_NAME).toBe(manifest.name.short);
    expect(mentionFor('channel')).toBe(`@${manifest.name.short}`);
  });
});
