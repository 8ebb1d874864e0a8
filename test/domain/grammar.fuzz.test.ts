// R45 and QUALITY.md "the grammar parser survives random input": parse never throws, and always returns
// either a command the schema accepts (never the scheduler's deadline-fire) or a query, or a usage line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandSchema } from '../../src/domain/commands.ts';
import type { ParseResult } from '../../src/domain/grammar/parse.ts';
import { BUTTON_TWINS, USAGE, parse, parseLine } from '../../src/domain/grammar/parse.ts';
import { querySchema } from '../../src/domain/query-schema.ts';

const USAGE_LINES = new Set(Object.values(USAGE).flatMap((u) => u.split('\n')));

function wellFormed(text: string, r: ParseResult, opts: Parameters<typeof parse>[1] = {}): void {
  // Without parse's safety net too: only deliberate usage answers, never an unexpected error.
  expect(parseLine(text, opts)).toEqual(r);
  if (!r.ok) {
    expect(r.message.length, text).toBeGreaterThan(0);
    for (const u of r.usage.split('\n')) expect(USAGE_LINES.has(u), `${text} → ${u}`).toBe(true);
    return;
  }
  if (r.input.kind === 'command') {
    expect(r.input.command.type).not.toBe('deadline-fire');
    const again = commandSchema.safeParse(r.input.command);
    expect(again.success, text).toBe(true);
    expect(again.data).toEqual(r.input.command);
  } else {
    expect(querySchema.safeParse(r.input.query).success, text).toBe(true);
  }
}

const mentions = { '<@U1>': 'cb1', '<at>Ann Smith</at>': 'ann' };

// Pieces of the grammar, so that random lines reach deep into each subcommand's reader.
const token = fc.oneof(
  fc.constantFrom(
    'sec',
    '/sec',
    'raise',
    'amend',
    'withdraw',
    'proceed',
    'split',
    'fasttrack',
    'request',
    'object',
    'respond',
    'vote',
    'view',
    'plan',
    'comment',
    'iar',
    'views',
    'open',
    'close',
    'merge',
    'into',
    'batch',
    'wg',
    'form',
    'add',
    'remove',
    'solution',
    'step',
    'consult',
    'ballot',
    'meeting',
    'propose',
    'confirm',
    'held',
    'available',
    'attend',
    'report',
    'authority',
    'implement',
    'extension',
    'panel',
    'route',
    'raise-fasttrack',
    'extend',
    'refuse-extension',
    'approve-report',
    'return',
    'stall-notice',
    'tor',
    'derogate',
    'timetable',
    'determine',
    'admin',
    'person',
    'role',
    'link',
    'alternate',
    'channel',
    'holiday',
    'help',
    'workdays',
    'status',
    'list',
    'history',
    'config',
    'register',
    'calendar',
    'reset',
    'mine',
    'all',
    'DP7',
    'dp007',
    'MP042',
    'mp0',
    'DP99999999999',
    'S0',
    'A1',
    'approve',
    'reject',
    'abstain',
    'more-work',
    'support',
    'concerns',
    'oppose',
    'yes',
    'no',
    'na',
    'done',
    'requested',
    'dcc-pa',
    'subcommittee:SSC',
    'development',
    'refinement',
    'self-governance',
    'sent-back',
    'modification',
    'summary',
    'non-material',
    'party',
    'secas',
    'change-board',
    'panel_chair',
    'slack:U1',
    'teams:x',
    'alice',
    'ann@example.org',
    '<@U1>',
    '<@U2>',
    '<at>Ann Smith</at>',
    '<at>',
    '</at>',
    '<https://x.org|x>',
    '<',
    '>',
    ',',
    '=',
    '"',
    '“',
    '”',
    '‘',
    '’',
    "'",
    '\\',
    '\\"',
    '2026-12-10',
    '2027-02-30',
    '2026-12-10T10:00',
    '2027-03-28T01:30',
    '0',
    '1',
    '5',
    '261',
    '-3',
    '1e3',
    'title=',
    'problem="p"',
    'title="t"',
    'org="o"',
    'S0=support',
    'A1=maybe',
    'attended=alice,bob',
    'comments=',
    'notes="n"',
    'min=3',
    'by=2027-01-01',
    'implement=2027-01-01',
    'na:legal-text="x"',
    'items=a,b',
    'route=report',
    'dcc=yes',
    'days=3',
    'group=g',
    'note="x"',
  ),
  fc.string({ maxLength: 6 }),
);
const grammarish = fc.array(token, { maxLength: 10 }).map((ts) => ts.join(' '));
const joined = fc.array(token, { maxLength: 8 }).map((ts) => ts.join(''));

describe('R45 parse never throws and answers with a command, a query or a usage line', () => {
  it('R45 arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => wellFormed(s, parse(s, { mentions }), { mentions })),
      { numRuns: 2000 },
    );
  });

  it('R45 arbitrary full-Unicode strings (astral planes and lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => wellFormed(s, parse(s))),
      { numRuns: 2000 },
    );
  });

  it('R45 strings built from grammar-ish tokens, spaced and run together', () => {
    fc.assert(
      fc.property(fc.oneof(grammarish, joined), fc.boolean(), (s, withChannel) => {
        const o = { mentions, ...(withChannel ? { channel: { platform: 'teams', id: '19:x' } } : {}) };
        wellFormed(s, parse(s, o), o);
      }),
      { numRuns: 5000 },
    );
  });

  it('R45 valid subcommands followed by random tails', () => {
    const head = fc.constantFrom(...Object.values(USAGE).map((u) => u.split(' <')[0]?.split(' [')[0] ?? u));
    fc.assert(
      fc.property(head, fc.string({ maxLength: 60 }), grammarish, (h, tail, more) => {
        const s = `${h} ${tail} ${more}`;
        wellFormed(s, parse(s, { mentions }), { mentions });
      }),
      { numRuns: 3000 },
    );
  });

  it('R45 long lines of stray quotes and unclosed mentions get a usage answer (linear, no catastrophic scan)', () => {
    for (const unit of ["'a ", '“a ', '"\\', '<@U ', '<at>x ', 'title="', 'x=<@ ']) {
      const raise = `raise ${unit.repeat(40_000)}`;
      expect(parse(raise).ok).toBe(false);
      wellFormed(raise, parse(raise));
      // Within the 20,000-character limit the same junk is a valid free-text reason, kept as typed.
      const withdraw = `withdraw DP7 ${unit.repeat(2_000)}`;
      expect(parse(withdraw)).toMatchObject({
        ok: true,
        input: { command: { reason: unit.repeat(2_000).trim() } },
      });
    }
  });

  it('R45 a non-string from an untyped caller is a usage answer, not a crash', () => {
    for (const v of [undefined, null, 42, {}, []]) {
      const r = parse(v as unknown as string);
      expect(r.ok === false || (r.input.kind === 'query' && r.input.query.kind === 'help')).toBe(true);
    }
  });
});

describe('R43 R66 button twins read back exactly, whatever the text typed into the form', () => {
  const free = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0);
  const ref = fc.record({ number: fc.integer({ min: 1, max: 99999 }), isMP: fc.boolean() });

  it('R43 object reasons and view fields with quotes, escapes and typographic quotes round-trip', () => {
    fc.assert(
      fc.property(ref, free, free, (m, reason, rationale) => {
        const o = parse(BUTTON_TWINS.object(m, reason));
        expect(o.ok && o.input.kind === 'command' && o.input.command).toEqual({
          type: 'object',
          ref: m.number,
          reason: reason.trim(),
        });
        const v = parse(BUTTON_TWINS.view(m, 'concerns', { rationale }));
        expect(v.ok && v.input.kind === 'command' && v.input.command).toEqual({
          type: 'view',
          ref: m.number,
          stance: 'concerns',
          rationale: rationale.trim(),
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('R43 respond twins round-trip the organisation and comments', () => {
    fc.assert(
      fc.property(ref, free, free, fc.constantFrom('support', 'oppose'), (m, org, comments, p) => {
        const r = parse(BUTTON_TWINS.respond(m, { org, positions: { S0: p }, comments }));
        expect(r.ok && r.input.kind === 'command' && r.input.command).toEqual({
          type: 'respond',
          ref: m.number,
          org: org.trim(),
          positions: { S0: p },
          comments: comments.trim(),
        });
      }),
      { numRuns: 1000 },
    );
  });
});
