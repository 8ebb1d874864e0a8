// The one text grammar (R42–R45, R63, R65, R66): every subcommand of §6 and §9 parses to its command,
// malformed input gets that subcommand's usage line, and nothing ever throws.
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, commandSchema } from '../../src/domain/commands.ts';
import type { ParseOptions, ParseResult } from '../../src/domain/grammar/parse.ts';
import { BUTTON_TWINS, USAGE, ballotTwins, parse } from '../../src/domain/grammar/parse.ts';
import { QUERY_KINDS } from '../../src/domain/query-schema.ts';
import { EXAMPLES, MALFORMED } from './grammar.examples.ts';
import { commandsAs } from '../../src/views/hints.ts';

const opts: ParseOptions = {
  mentions: { '<@U123>': 'cb1', '<at>Ann Smith</at>': 'ann', '<@U9|ann smith>': 'ann' },
  channel: { platform: 'slack', id: 'C42' },
};

function command(text: string, o: ParseOptions = opts) {
  const r = parse(text, o);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${r.message} (${r.usage})`);
  if (r.input.kind !== 'command') throw new Error(`expected a command from ${text}`);
  return r.input.command;
}
function failure(text: string, o: ParseOptions = opts): Extract<ParseResult, { ok: false }> {
  const r = parse(text, o);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(r.input)}`);
  return r;
}

describe('R42 R43 every subcommand of §6 and §9 parses to its command', () => {
  it('R42 the examples cover every command type but the internal deadline-fire', () => {
    const covered = new Set(EXAMPLES.map(([, c]) => c.type));
    expect([...covered].sort()).toEqual(COMMAND_TYPES.filter((t) => t !== 'deadline-fire').sort());
  });

  it.each(EXAMPLES)('R42 %s', (text, expected) => {
    const cmd = command(text);
    expect(cmd).toEqual(commandSchema.parse(expected));
    expect(cmd).toEqual(expect.objectContaining(expected));
  });

  it('R42 a leading sec or /sec is optional and subcommand names are case-insensitive', () => {
    const want = { type: 'vote', ref: 42, option: 'approve' };
    for (const t of [
      'vote MP042 approve',
      'sec vote MP042 approve',
      '/sec vote MP042 approve',
      'SEC VOTE mp42 APPROVE',
      'Vote Mp42 Approve',
    ]) {
      expect(command(t), t).toEqual(want);
    }
  });

  it('R42 raise defaults fastTrack to false, and the scheduler-only deadline-fire is not a subcommand', () => {
    expect(command('raise title="T" problem="P"')).toEqual({
      type: 'raise',
      title: 'T',
      problem: 'P',
      fastTrack: false,
    });
    expect(failure('deadline-fire DP7 7.1.0').message).toMatch(/Unknown command/);
  });

  it('R63 meeting confirm takes a slot number or a London time', () => {
    expect(command('meeting confirm MP7 2027-07-01T09:30')).toEqual({
      type: 'meeting-confirm',
      ref: 7,
      slot: '2027-07-01T08:30:00.000Z',
    });
  });

  it('R59 panel route takes "by <date>" as well as by=<date>, and an authority determination', () => {
    expect(command('panel route DP7 report authority by 2027-01-15')).toEqual({
      type: 'panel-route',
      ref: 7,
      route: 'report',
      determination: 'authority',
      by: '2027-01-15',
    });
  });

  it('R65 respond, view and report read their form twins', () => {
    expect(command('view DP7 oppose comments="too costly"')).toEqual({
      type: 'view',
      ref: 7,
      stance: 'oppose',
      comments: 'too costly',
    });
    expect(command('report MP7 summary <https://example.org/ds|Decision Summary>')).toEqual({
      type: 'report',
      ref: 7,
      doc: 'summary',
      link: 'https://example.org/ds',
      nonMaterial: false,
    });
    expect(command('vote MP7 more-work')).toEqual({ type: 'vote', ref: 7, option: 'more-work' });
  });

  it('R61 wg form shares one Working Group between several refs, typed with commas or spaces', () => {
    expect(command('wg form MP7 MP8 alice, bob')).toEqual({
      type: 'wg-form',
      refs: [7, 8],
      people: ['alice', 'bob'],
    });
  });

  it('R60 split accepts title1/problem1 for the first part and refuses a gap in the numbering', () => {
    expect(command('split DP7 title1="A" problem1="a"')).toEqual({
      type: 'split',
      ref: 7,
      parts: [{ title: 'A', problem: 'a' }],
    });
    expect(failure('split DP7 title="A" problem="a" title3="C" problem3="c"').usage).toBe(USAGE.split);
  });
});

describe('R66 arguments', () => {
  it('R66 DP7, dp007, MP007 and mp42 are references to numbers 7, 7, 7 and 42', () => {
    expect(command('withdraw DP7 x')).toMatchObject({ ref: 7 });
    expect(command('withdraw dp007 x')).toMatchObject({ ref: 7 });
    expect(command('withdraw MP007 x')).toMatchObject({ ref: 7 });
    expect(command('withdraw mp42 x')).toMatchObject({ ref: 42 });
  });

  it.each(['7', 'DP', 'XP7', 'DP0', 'DP-7', 'DP7a', 'D P7', 'title=DP7'])(
    'R66 %s in a ref position is a usage error',
    (bad) => {
      const r = failure(`withdraw ${bad} a reason`);
      expect(r.usage).toBe(USAGE.withdraw);
      expect(r.message).toMatch(/reference like DP007/);
    },
  );

  it('R66 quoted values accept \\" escapes', () => {
    expect(command('raise title="The \\"smart\\" meter" problem="a \\\\ b"')).toMatchObject({
      title: 'The "smart" meter',
      problem: 'a \\ b',
    });
  });

  it('R66 values accept typographic quotes, with apostrophes inside single ones', () => {
    expect(command('raise title=“Smart meters” problem=‘It’s broken’')).toMatchObject({
      title: 'Smart meters',
      problem: 'It’s broken',
    });
    expect(command('raise title=”Autocorrected” problem="x"')).toMatchObject({ title: 'Autocorrected' });
    expect(command('admin holiday add 2027-01-04 “Snow day”')).toMatchObject({ name: 'Snow day' });
  });

  it('R66 trailing free text is the rest of the line as typed, quotes and all unless wholly quoted', () => {
    expect(command('withdraw DP7 it\'s "done", see x=y')).toMatchObject({ reason: 'it\'s "done", see x=y' });
    expect(command('object MP3 "we disagree"')).toMatchObject({ reason: 'we disagree' });
    expect(command('panel close MP7   no   plan  ')).toMatchObject({ reason: 'no   plan' });
    expect(command('comment DP7 text="Please add benefits"')).toMatchObject({ text: 'Please add benefits' });
  });

  it('R66 dates are real YYYY-MM-DD dates', () => {
    expect(command('implement MP7 2028-02-29')).toMatchObject({ date: '2028-02-29' });
    for (const d of ['2027-02-29', '2027-2-3', '03/02/2027', '2027-02-03T10:00']) {
      expect(failure(`implement MP7 ${d}`).usage).toBe(USAGE.implement);
    }
  });

  it('R63 meeting slots are London wall-clock times converted to instants across DST', () => {
    const cmd = command('meeting propose MP7 2027-03-27T10:00 2027-03-29T10:00');
    expect(cmd).toMatchObject({ slots: ['2027-03-27T10:00:00.000Z', '2027-03-29T09:00:00.000Z'] });
    expect(failure('meeting propose MP7 2027-03-27T25:00 2027-03-29T10:00').usage).toBe(
      USAGE['meeting-propose'],
    );
  });

  it('R66 people are e-mails, handles, or platform mentions mapped by the adapter', () => {
    expect(command('wg add MP7 alice')).toMatchObject({ person: 'alice' });
    expect(command('wg add MP7 alice@example.org')).toMatchObject({ person: 'alice@example.org' });
    expect(command('wg add MP7 <mailto:alice@example.org|alice@example.org>')).toMatchObject({
      person: 'alice@example.org',
    });
    expect(command('wg add MP7 <@U123>')).toMatchObject({ person: 'cb1' });
    expect(command('wg add MP7 <@U9|ann smith>')).toMatchObject({ person: 'ann' });
    expect(command('meeting held MP7 attended=<at>Ann Smith</at>,<@U123>')).toMatchObject({
      attended: ['ann', 'cb1'],
    });
    const r = failure('wg add MP7 <@U999>');
    expect(r.message).toMatch(/could not tell who/);
  });

  it('R66 admin channel takes the channel from the adapter, and without one explains where to run it', () => {
    const r = failure('admin channel panel', {});
    expect(r.usage).toBe(USAGE['admin-channel']);
    expect(r.message).toMatch(/in the channel/);
  });
});

describe('R45 usage lines', () => {
  it('R45 the malformed examples cover every typed command type', () => {
    expect(MALFORMED.map(([t]) => t).sort()).toEqual(
      COMMAND_TYPES.filter((t) => t !== 'deadline-fire').sort(),
    );
  });

  it.each(MALFORMED)('R45 malformed %s gets its usage line', (type, text) => {
    const r = failure(text);
    expect(r.usage).toBe(USAGE[type as keyof typeof USAGE]);
    expect(r.message.length).toBeGreaterThan(0);
  });

  it('R45 an unknown command gets a short "Unknown command; try help"', () => {
    const r = failure('frobnicate DP7');
    expect(commandsAs(r.message, undefined)).toBe('Unknown command "frobnicate"; try help.');
    expect(r.usage).toBe(USAGE.help);
  });

  it('R45 an unknown subcommand of a group lists that group', () => {
    const r = failure('panel frob MP7');
    expect(r.message).toMatch(/Unknown panel subcommand "frob"/);
    expect(r.usage.split('\n')).toContain(USAGE['panel-route']);
    expect(r.usage.split('\n')).not.toContain(USAGE.raise);
    expect(failure('views').usage).toBe(`${USAGE['views-open']}\n${USAGE['views-close']}`);
  });

  it('R45 a value longer than the schema allows is a usage error, not a crash', () => {
    const r = failure(`raise title="${'x'.repeat(201)}" problem="p"`);
    expect(r.usage).toBe(USAGE.raise);
    expect(r.message).toMatch(/title/);
  });

  it('R45 the usage table has a line for every typed command and every query', () => {
    const keys = Object.keys(USAGE).sort();
    expect(keys).toEqual([...COMMAND_TYPES.filter((t) => t !== 'deadline-fire'), ...QUERY_KINDS].sort());
  });
});

describe('R32 R45 R66 queries', () => {
  const query = (t: string) => {
    const r = parse(t);
    if (!r.ok || r.input.kind !== 'query') throw new Error(`expected a query from ${t}`);
    return r.input.query;
  };
  it('R66 status, history, list (default open), config and help [topic] are queries', () => {
    expect(query('status mp42')).toEqual({ kind: 'status', ref: 42 });
    expect(query('history DP7')).toEqual({ kind: 'history', ref: 7 });
    expect(query('list')).toEqual({ kind: 'list', which: 'open' });
    expect(query('list MINE')).toEqual({ kind: 'list', which: 'mine' });
    expect(query('config')).toEqual({ kind: 'config' });
    expect(query('help')).toEqual({ kind: 'help' });
    expect(query('help Panel Route')).toEqual({ kind: 'help', topic: 'panel route' });
    expect(query('/sec')).toEqual({ kind: 'help' });
  });
  it('R32 workdays takes a date and a count or two dates', () => {
    expect(query('workdays 2018-12-14 15')).toEqual({ kind: 'workdays', from: '2018-12-14', n: 15 });
    expect(query('workdays 2018-12-14 2019-01-09')).toEqual({
      kind: 'workdays',
      from: '2018-12-14',
      to: '2019-01-09',
    });
    for (const t of [
      'workdays 2018-12-14',
      'workdays 2018-12-14 0',
      'workdays 2018-13-14 5',
      'workdays 2018-12-14 soon',
    ]) {
      expect(failure(t).usage).toBe(USAGE.workdays);
    }
  });
  it('R66 list refuses an unknown filter with its usage', () => {
    expect(failure('list closed').usage).toBe(USAGE.list);
  });
});

describe('R43 every button has a command twin that parses back to the button', () => {
  const mp42 = { number: 42, isMP: true };
  it('R43 the Approve button on MP042 is vote MP042 approve', () => {
    expect(BUTTON_TWINS.vote(mp42, 'approve')).toBe('vote MP042 approve');
    expect(command(BUTTON_TWINS.vote(mp42, 'reject', 'A1'))).toEqual({
      type: 'vote',
      ref: 42,
      option: 'reject',
      solution: 'A1',
    });
  });
  it('R43 every option of every ballot kind has a twin that parses to that vote', () => {
    const kinds = [
      { kind: 'fasttrack', options: ['approve', 'reject', 'abstain'], solutions: ['S0'] },
      { kind: 'sufficiency', options: ['sufficient', 'more-work'], solutions: ['S0'] },
      { kind: 'ia', options: ['proceed', 'do-not-proceed'], solutions: ['S0'] },
      { kind: 'decision', options: ['approve', 'reject', 'abstain'], solutions: ['S0', 'A1'] },
    ] as const;
    for (const b of kinds) {
      const twins = ballotTwins(mp42, { ...b, options: [...b.options], solutions: [...b.solutions] });
      expect(twins).toHaveLength(b.options.length * (b.kind === 'decision' ? 2 : 1));
      for (const t of twins) {
        expect(command(t.text)).toEqual({
          type: 'vote',
          ref: 42,
          option: t.option,
          ...(t.solution ? { solution: t.solution } : {}),
        });
      }
    }
  });
  it('R43 view, object, respond, available and attend twins parse back to their commands', () => {
    const dp7 = { number: 7, isMP: false };
    expect(
      command(BUTTON_TWINS.view(dp7, 'support', { rationale: 'It "works"', comments: 'a \\ b' })),
    ).toEqual({
      type: 'view',
      ref: 7,
      stance: 'support',
      rationale: 'It "works"',
      comments: 'a \\ b',
    });
    expect(command(BUTTON_TWINS.object(mp42, 'We "object" strongly'))).toEqual({
      type: 'object',
      ref: 42,
      reason: 'We "object" strongly',
    });
    expect(
      command(
        BUTTON_TWINS.respond(mp42, {
          org: 'ACME "Energy"',
          positions: { S0: 'support', A1: 'oppose' },
          comments: 'ok',
        }),
      ),
    ).toEqual({
      type: 'respond',
      ref: 42,
      org: 'ACME "Energy"',
      positions: { S0: 'support', A1: 'oppose' },
      comments: 'ok',
    });
    expect(command(BUTTON_TWINS.available(mp42, 3, false))).toEqual({
      type: 'available',
      ref: 42,
      slot: 3,
      yes: false,
    });
    expect(command(BUTTON_TWINS.attend(mp42, true))).toEqual({ type: 'attend', ref: 42, yes: true });
  });
});
