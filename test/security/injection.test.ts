// R44 (QUALITY.md, injection): user text is kept verbatim by the core and reaches every reader as plain
// text. The strings QUALITY.md lists (Slack broadcasts and mentions, @everyone, Markdown and Slack links,
// Adaptive Card `${…}` templates, HTML, `<at>` mentions) plus zero-width and right-to-left characters,
// quotes, backslashes and very long text go through every free-text field: typed on Slack and Teams,
// and through the forms (Slack modals, Teams dialogs). Then: the events hold exactly what was typed, and
// nothing the bot sends (Slack acks, ephemerals, modals, channel posts and DMs delivered from the outbox;
// Teams replies, invoke and dialog answers, proactive messages) carries an active mention, broadcast,
// link, template or HTML tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../adapters/pacer.ts';
import { deliveryClient, slackDeliverer } from '../../adapters/slack/notifier.ts';
import { teamsDeliverer } from '../../adapters/teams/notifier.ts';
import { platformStore } from '../../db/platform-store.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { deliverDue } from '../../src/app/delivery.ts';
import { fanOut } from '../../src/app/fanout.ts';
import { quote } from '../../src/domain/grammar/button-twins.ts';
import type { Deliverer } from '../../src/app/ports.ts';
import { databasesForThisFile, query } from '../support/databases.ts';
import { id, london } from '../support/directory.ts';
import type { Answer as ModalAnswer } from '../support/slack-requests.ts';
import { postActivity, taskFetchInvoke, taskSubmitInvoke } from '../support/teams-activities.ts';
import type { Bots, Platform } from './harness.ts';
import { PLATFORMS, escapeForSlack, slackId, startBots } from './harness.ts';
import type { StateName } from './matrix-cases.ts';
import { START, STATES } from './matrix-cases.ts';
import { post, sign, slashCommandBody } from '../support/slack-requests.ts';

/** Everything QUALITY.md lists, and more, in one line (no leading/trailing space: the core trims). */
export const CORE =
  '<!channel> <!everyone> <!here> <@U123> <@UCB1|cb1> <#C0BOARD> @everyone @here ' +
  '[click](http://x.example/evil) <http://x.example|click> ${user.name} {{x}} $root ' +
  '<at>Bob</at> <b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)> ' +
  '**bold** _it_ ~strike~ `code` &amp; &lt;i&gt; a\u200bb\u200c\u200dc \u202eevil\u202c \u2067rtl\u2069 ' +
  '"quoted" \\ back \u05e9\u05dc\u05d5\u05dd end';
/** The same, within 200 characters (titles, organisations, names). */
export const SHORT =
  '<!channel> <@U123> @everyone [click](http://x.example/evil) ${user.name} <at>Bob</at> <b>b</b> a\u200bb \u202eevil\u202c';
/** Very long (the core's limit is 20,000), with a broadcast at the very end. */
export const LONG = `${CORE} ${'long text '.repeat(1500)}<!everyone> end`;
/** Several lines, as only a form can send them: Markdown block syntax and a BOM as well. */
export const MULTI = `${CORE}\n> quoted line\n- list item\n# Heading\n1. numbered\n\ufeffbom\u2028sep last`;

const q = quote;
const [pglite] = databasesForThisFile();

interface TypedCase {
  state: StateName;
  at?: string;
  who: string;
  line: string;
  /** The values that must be stored exactly. */
  values: string[];
  /** Kept only in the history's command text (the core has no field for it in this state). */
  inText?: boolean;
}

const TYPED: TypedCase[] = [
  {
    state: 'empty',
    who: 'alice',
    line: `raise title=${q(SHORT)} problem=${q(LONG)} solution=${q(CORE)} benefits=${q(CORE)}`,
    values: [SHORT, LONG, CORE],
  },
  {
    state: 'draft',
    who: 'alice',
    line: `amend DP001 title=${q(SHORT)} problem=${q(CORE)} solution=${q(LONG)}`,
    values: [SHORT, CORE, LONG],
  },
  { state: 'draft', who: 'sam', line: `comment DP001 ${q(CORE)}`, values: [CORE] },
  {
    state: 'draft',
    who: 'sam',
    line: `iar DP001 impacts=${q(CORE)} route=refinement questions=${q(SHORT)} expertise=${q(CORE)} timetable=${q(CORE)}`,
    values: [CORE, SHORT],
  },
  { state: 'draft', who: 'alice', line: `withdraw DP001 ${q(CORE)}`, values: [CORE] },
  {
    state: 'views',
    who: 'cb4',
    line: `view DP001 support rationale=${q(CORE)} fit=${q(SHORT)} areas=${q(CORE)} questions=${q(CORE)} parallel=${q(CORE)} ${q(LONG)}`,
    values: [CORE, SHORT, LONG],
  },
  { state: 'ftWindow', who: 'alice', line: `object DP001 ${q(CORE)}`, values: [CORE] },
  {
    state: 'consult',
    who: 'bob',
    line: `respond DP001 org=${q(SHORT)} S0=support comments=${q(CORE)}`,
    values: [SHORT, CORE],
  },
  { state: 'refinement', who: 'sam', line: `solution add DP001 ${q(SHORT)}`, values: [SHORT] },
  { state: 'refinement', who: 'sam', line: `step DP001 requirements done ${q(CORE)}`, values: [CORE] },
  {
    state: 'refinement',
    who: 'sam',
    line: `report DP001 modification https://example.org/mr note=${q(CORE)} items=background`,
    values: [CORE],
  },
  { state: 'refinement', who: 'chair', line: `panel derogate DP001 min=3 ${q(CORE)}`, values: [CORE] },
  {
    state: 'meeting',
    at: '2026-12-14T12:00',
    who: 'sam',
    line: `meeting held DP001 attended=bob,cb1 notes=${q(CORE)}`,
    values: [CORE],
  },
  { state: 'stalled', at: '2027-12-01T11:00', who: 'alice', line: `plan DP001 ${q(CORE)}`, values: [CORE] },
  {
    state: 'timetabled',
    who: 'bob',
    line: `extension request DP001 draft-report 2027-04-01 ${q(CORE)}`,
    values: [CORE],
  },
  { state: 'drafted', who: 'chair', line: `panel return DP001 ${q(CORE)}`, values: [CORE] },
  {
    state: 'awaitingPanel',
    who: 'chair',
    line: `panel route DP001 refinement questions=${q(CORE)}`,
    values: [CORE],
  },
  // In development a proceed has no rationale field (R52): the line is kept as the command's text.
  { state: 'developed', who: 'alice', line: `proceed DP001 ${q(CORE)}`, values: [CORE], inText: true },
  { state: 'voted', who: 'sam', line: `authority DP001 approved ${q(CORE)}`, values: [CORE] },
  {
    state: 'stallAnswered',
    at: '2028-01-20T10:00',
    who: 'chair',
    line: `panel close DP001 ${q(CORE)}`,
    values: [CORE],
  },
  {
    state: 'empty',
    who: 'chair',
    line: `panel raise-fasttrack title=${q(SHORT)} problem=${q(CORE)}`,
    values: [SHORT, CORE],
  },
  { state: 'empty', who: 'ada', line: `admin person add x@example.org ${q(SHORT)} party`, values: [SHORT] },
  { state: 'empty', who: 'ada', line: `admin holiday add 2027-01-04 ${q(SHORT)}`, values: [SHORT] },
];

interface FormCase {
  state: StateName;
  at?: string;
  who: string;
  /** What opens the Slack modal (`/sec <open>`). */
  open: string;
  form: string;
  ref?: string;
  answers: Record<string, string>;
  values: string[];
}

const FORMS: FormCase[] = [
  {
    state: 'empty',
    who: 'alice',
    open: 'raise',
    form: 'raise',
    answers: { title: SHORT, problem: MULTI, solution: LONG, benefits: MULTI },
    values: [SHORT, MULTI, LONG],
  },
  {
    state: 'views',
    who: 'cb4',
    open: 'view DP001',
    form: 'view',
    ref: 'DP001',
    answers: { stance: 'concerns', rationale: MULTI, questions: CORE, comments: MULTI },
    values: [MULTI, CORE],
  },
  {
    state: 'ftWindow',
    who: 'alice',
    open: 'object DP001',
    form: 'object',
    ref: 'DP001',
    answers: { reason: MULTI },
    values: [MULTI],
  },
  {
    state: 'consult',
    who: 'nobody',
    open: 'respond DP001',
    form: 'respond',
    ref: 'DP001',
    answers: { org: SHORT, S0: 'oppose', comments: MULTI },
    values: [SHORT, MULTI],
  },
  {
    state: 'draft',
    who: 'alice',
    open: 'withdraw DP001',
    form: 'withdraw',
    ref: 'DP001',
    answers: { reason: MULTI },
    values: [MULTI],
  },
  {
    state: 'awaitingPanel',
    who: 'chair',
    open: 'panel route DP001',
    form: 'panel-route',
    ref: 'DP001',
    answers: { route: 'refinement', questions: MULTI },
    values: [MULTI],
  },
];

/** Every string inside a value, however deep. */
function leaves(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const v of x) leaves(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) leaves(v, out);
  return out;
}
/** Every object inside a value, however deep. */
function objects(x: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(x)) for (const v of x) objects(v, out);
  else if (x && typeof x === 'object') {
    out.push(x as Record<string, unknown>);
    for (const v of Object.values(x)) objects(v, out);
  }
  return out;
}

/**
 * Splits out what a person edits rather than reads: a Slack plain_text_input's initial_value and a Teams
 * Input's value are prefilled with the stored text exactly (escaping them would change the text when the
 * form is sent back), and neither platform renders markup in them. Teams input labels are dropped too.
 */
function inputValues(x: unknown): { rest: unknown; values: string[] } {
  const values: string[] = [];
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    const o = { ...(v as Record<string, unknown>) };
    const type = typeof o.type === 'string' ? o.type : '';
    for (const k of type === 'plain_text_input'
      ? ['initial_value']
      : type.startsWith('Input.')
        ? ['value']
        : []) {
      if (typeof o[k] === 'string') values.push(o[k]);
      delete o[k];
    }
    // An Adaptive Card input's label, placeholder and choice titles are plain text (rendered as a
    // TextRun, not Markdown), so they too hold the raw text.
    if (type.startsWith('Input.')) {
      for (const k of ['label', 'placeholder', 'errorMessage']) delete o[k];
      if (Array.isArray(o.choices))
        o.choices = o.choices.map((c: unknown) =>
          c && typeof c === 'object' ? { ...(c as Record<string, unknown>), title: undefined } : c,
        );
    }
    for (const [k, val] of Object.entries(o)) o[k] = strip(val);
    return o;
  };
  return { rest: strip(x), values };
}

/** Slack markup that would notify, link or broadcast: `<!…>`, `<@…>`, `<#…>`, `<http…|…>`. */
const SLACK_ACTIVE = /<[!@#]|<(?:https?|mailto):\/\/x\.example/;
/** The hostile text's marks that Slack mrkdwn formats: bold, italic, strike, code, a leading quote. */
const SLACK_FORMATTING = /\*\*bold\*\*|_it_|~strike~|`code`|(?:^|\n)\s*&gt; quoted line/;
/** Text Slack shows as mrkdwn: a mrkdwn object, or a message's own text when it has no blocks. */
const shownAsMrkdwn = (o: Record<string, unknown>): o is Record<string, unknown> & { text: string } =>
  typeof o.text === 'string' &&
  (o.type === 'mrkdwn' ||
    (o.type === undefined && ('channel' in o || 'response_type' in o) && !Array.isArray(o.blocks)));
/**
 * What Slack could still turn live: a mrkdwn object that is not verbatim (auto-links @here, URLs), and
 * mrkdwn holding the user's formatting marks (R44: `x *bold*` must not show bold).
 */
function slackProblems(outputs: unknown[]): string[] {
  const bad: string[] = [];
  for (const s of leaves(outputs))
    if (SLACK_ACTIVE.test(s)) bad.push(`active markup in ${JSON.stringify(s.slice(0, 300))}`);
  for (const o of objects(outputs)) {
    if (shownAsMrkdwn(o) && SLACK_FORMATTING.test(o.text))
      bad.push(`user formatting shown as mrkdwn: ${o.text.slice(0, 200)}`);
    if (
      o.type === 'mrkdwn' &&
      o.verbatim !== true &&
      typeof o.text === 'string' &&
      /x\.example|@here|@everyone/.test(o.text)
    )
      bad.push(`non-verbatim mrkdwn holding user text: ${o.text.slice(0, 200)}`);
  }
  return bad;
}

/** Teams: an unescaped `<at>`, Markdown link, `${` template or HTML tag; a mention entity; a link to x.example. */
const TEAMS_ACTIVE = [
  /(?<!\\)<at>/i,
  /(?<!\\)\[click(?<!\\)\]\(/,
  /(?<!\\)\$\{/,
  /(?<!\\)<(?:b|script|img)\b/i,
];
/**
 * Every string inside a Teams output except an activity's `summary`: that is plain text (the Bot
 * Framework's textFormat applies to `text` only; Teams shows it in notifications and to clients that
 * cannot draw the card), so it carries the characters as typed. It cannot mention anyone (a mention
 * needs an entity, which objects() below would report) nor link (plain text).
 */
function teamsLeaves(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const v of x) teamsLeaves(v, out);
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) if (k !== 'summary') teamsLeaves(v, out);
  return out;
}

function teamsProblems(outputs: unknown[]): string[] {
  const bad: string[] = [];
  for (const s of teamsLeaves(outputs)) {
    for (const re of TEAMS_ACTIVE) if (re.test(s)) bad.push(`${re} in ${JSON.stringify(s.slice(0, 300))}`);
  }
  for (const o of objects(outputs)) {
    if (o.type === 'mention') bad.push(`a mention entity: ${JSON.stringify(o)}`);
    if (typeof o.url === 'string' && o.url.includes('x.example')) bad.push(`a link: ${o.url}`);
  }
  return bad;
}

describe(`R44 injection through every free-text field, both platforms, on ${pglite?.name}`, () => {
  let bots: Bots;
  /** How many cases showed the hostile text (escaped) to a reader, per platform. */
  const shown = { slack: 0, teams: 0, slackPosts: 0, teamsPosts: 0 };
  let deliverer: Deliverer;
  beforeAll(async () => {
    if (!pglite) throw new Error('no database');
    const store = await pglite.store();
    bots = await startBots(store);
    const port = platformStore(store.db);
    const slack = slackDeliverer({
      client: deliveryClient('xoxb-test-token', { apiUrl: bots.slack.fake.url, timeoutMs: 2000 }),
      port,
      pacer: new Pacer({ intervalMs: 1 }),
    });
    const teams = teamsDeliverer({
      conversations: teamsStore(store.db),
      serviceUrl: bots.connector.url,
      tenantId: 'tenant-1',
      port,
      pacer: new Pacer({ intervalMs: 1 }),
      timeoutMs: 2000,
    });
    deliverer = fanOut([slack, teams], port);
  }, 60_000);
  afterAll(() => bots?.close());

  /** Builds the state, registers every channel on both platforms, sets the clock; returns the output marks. */
  async function prepare(state: StateName, at?: string) {
    await bots.build(STATES[state]);
    const channels = [
      ['change-board', 'C0BOARD', '19:board@thread.tacv2'],
      ['panel', 'C0PANEL', '19:panel@thread.tacv2'],
      ['announcements', 'C0NEWS', '19:news@thread.tacv2'],
    ] as const;
    for (const [channel, slackCh, teamsCh] of channels) {
      for (const [platform, channelId] of [
        ['slack', slackCh],
        ['teams', teamsCh],
      ] as const) {
        const r = await bots.slack.engine.execute(
          {
            command: { type: 'admin-channel', channel, platform, channelId },
            actor: id('ada'),
            platform: 'cli',
          },
          london(START),
        );
        expect(r.ok, r.reply).toBe(true);
      }
    }
    await deliver(); // what the state itself produced is not under test
    bots.clock.now = london(at ?? START);
    return {
      calls: bots.slack.fake.calls.length,
      sent: bots.connector.sent.length,
      updated: bots.connector.updated.length,
      created: bots.connector.created.length,
      events: Number(
        (await query<{ id: number | null }>(bots.store, 'select max(id) as id from events'))[0]?.id ?? 0,
      ),
    };
  }

  async function deliver(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const r = await deliverDue(bots.store, [deliverer], bots.clock.now, { limit: 200 });
      if (r.claimed === 0) return;
    }
    throw new Error('the outbox did not drain');
  }

  /** After the command: the values are in its events verbatim, and every output is inert. */
  async function check(
    label: string,
    p: Platform,
    marks: Awaited<ReturnType<typeof prepare>>,
    values: string[],
    answers: unknown[],
    inText = false,
  ) {
    const rows = await query<{ payload: unknown; command_text: string | null }>(
      bots.store,
      `select payload, command_text from events where id > ${marks.events}`,
    );
    expect(rows.length, `${label}: nothing was written`).toBeGreaterThan(0);
    const stored = new Set(leaves(rows.map((r) => r.payload)));
    if (inText) for (const r of rows) if (r.command_text) stored.add(r.command_text);
    for (const v of values.map((x) => (inText ? ([...stored].find((t) => t.includes(q(x))) ?? x) : x))) {
      const near = [...stored].filter((x) => x.includes('channel')).map((x) => x.slice(0, 120));
      expect(
        stored.has(v),
        `${label}: ${JSON.stringify(v.slice(0, 60))}… stored verbatim; found ${JSON.stringify(near)}`,
      ).toBe(true);
    }
    await deliver();
    const slackOut = [
      ...answers.filter(() => p === 'slack'),
      ...bots.slack.fake.calls.slice(marks.calls).map((c) => c.body),
    ];
    const teamsOut = [
      ...answers.filter(() => p === 'teams'),
      ...bots.connector.sent.slice(marks.sent).map((s) => s.body),
      ...bots.connector.updated.slice(marks.updated).map((s) => s.body),
      ...bots.connector.created.slice(marks.created).map((s) => s.body),
    ];
    expect(slackProblems(slackOut), `${label}: Slack output`).toEqual([]);
    expect(teamsProblems(teamsOut), `${label}: Teams output`).toEqual([]);
    // Not vacuous: counted here, asserted at the end (not every command echoes its text to anyone).
    if (leaves(slackOut).some((s) => s.includes('&lt;!channel&gt;'))) shown.slack++;
    if (leaves(teamsOut).some((s) => s.includes('\\<at\\>'))) shown.teams++;
    // …and specifically in what the outbox delivered: Slack channel posts and DMs, Teams proactive messages.
    const posts = bots.slack.fake.calls
      .slice(marks.calls)
      .filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');
    if (leaves(posts.map((c) => c.body)).some((s) => s.includes('&lt;!channel&gt;'))) shown.slackPosts++;
    const proactive = bots.connector.sent
      .slice(marks.sent)
      .filter((x) => x.conversation.startsWith('19:') || x.conversation.startsWith('a:conv-'));
    if (leaves(proactive.map((x) => x.body)).some((s) => s.includes('\\<at\\>'))) shown.teamsPosts++;
  }

  describe('typed (R42)', () => {
    for (const c of TYPED) {
      for (const p of PLATFORMS) {
        it(`R44 ${c.line.split(' ').slice(0, 2).join(' ')} by ${c.who} on ${p}: stored verbatim, shown inert`, async () => {
          const marks = await prepare(c.state, c.at);
          const a = await bots.type(
            p,
            c.who,
            c.line,
            c.line.startsWith('admin channel') ? 'C0PANEL' : undefined,
          );
          expect(a.privately).toBe(true);
          await check(`${c.line.slice(0, 30)} on ${p}`, p, marks, c.values, [a.raw], c.inText);
        });
      }
    }
  });

  describe('forms (R43, R65): Slack modals and Teams dialogs', () => {
    for (const c of FORMS) {
      it(`R44 the ${c.form} form by ${c.who} on Slack: stored verbatim, shown inert`, async () => {
        const marks = await prepare(c.state, c.at);
        const opened = bots.slack.fake.calls.filter((x) => x.method === 'views.open').length;
        const res = await post(
          bots.slack.url,
          sign(slashCommandBody({ user: slackId(c.who), text: escapeForSlack(c.open) })),
        );
        expect(res.status).toBe(200);
        expect(
          bots.slack.fake.calls.filter((x) => x.method === 'views.open').length,
          'the modal opened',
        ).toBe(opened + 1);
        const view = [...bots.slack.fake.views.values()].at(-1) as Record<string, unknown>;
        const answers: Record<string, ModalAnswer> = { ...c.answers };
        const sub = await bots.slack.submit({ user: slackId(c.who), view, answers });
        expect(sub.status).toBe(200);
        expect(sub.text, 'the modal closed').toBe('');
        await check(`${c.form} modal`, 'slack', marks, c.values, [res.json, sub.json]);
      });
      it(`R44 the ${c.form} dialog by ${c.who} on Teams: stored verbatim, shown inert`, async () => {
        const marks = await prepare(c.state, c.at);
        const data = { secForm: c.form, ...(c.ref ? { secRef: c.ref } : {}), ...c.answers };
        const res = await postActivity(bots.teamsUrl, taskSubmitInvoke(bots.connector.url, c.who, data));
        expect(res.status).toBe(200);
        // A dialog closing with `task.type: message` shows its value in a plain message box (no Markdown,
        // no entities), so it is the one Teams answer not checked for Markdown; it must say what happened.
        const task = (res.body as { task?: { type?: string; value?: unknown } }).task;
        const answers = task?.type === 'message' ? [] : [res.body];
        if (task?.type === 'message')
          expect(String(task.value)).not.toMatch(/Sorry|out of date|not registered/);
        await check(`${c.form} dialog`, 'teams', marks, c.values, answers);
      });
    }
  });

  describe('text read back: prefilled forms, status and history (R44, R8)', () => {
    // A modification whose title, problem, IAR, Alternative Solution and history all hold hostile text.
    const HOSTILE = [
      ['alice', `raise title=${q(SHORT)} problem=${q(CORE)} solution=${q(CORE)}`],
      ['bob', 'raise title="Second one" problem="Another problem"'],
      ['sam', `iar DP001 impacts=${q(CORE)} route=refinement questions=${q(CORE)}`],
      ['chair', 'panel route DP001 refinement authority'],
      ['sam', `solution add DP001 ${q(SHORT)}`],
      ['sam', `comment DP001 ${q(CORE)}`],
      ['sam', 'report DP001 modification https://example.org/mr items=background'],
      // §9.5: a refused extension lets the chair route it on to the Report Stage.
      ['chair', 'panel timetable DP001 draft-report 2040-02-01'],
      ['sam', 'extension request DP001 draft-report 2040-03-01 More time'],
      ['chair', 'panel refuse-extension DP001'],
      ['chair', 'panel route DP001 report'],
      ['sam', 'consult open DP001'],
      // R75: the IAR form opens only while an IAR may be recorded, so its prefill is read on DP002.
      ['sam', `iar DP002 impacts=${q(CORE)} route=refinement questions=${q(CORE)}`],
    ] as const;

    async function prepareHostile() {
      const marks = await prepare('empty');
      for (const [h, line] of HOSTILE) {
        const r = await bots.slack.engine.ask(line, id(h), bots.clock.now, { platform: 'cli' });
        expect(r.ok, `${line}: ${r.reply}`).toBe(true);
      }
      await deliver();
      return { ...marks, calls: bots.slack.fake.calls.length, sent: bots.connector.sent.length };
    }

    it('R44 Slack: the amend, iar and respond modals prefilled from hostile text, status and history are inert', async () => {
      const marks = await prepareHostile();
      const answers: unknown[] = [];
      for (const [who, line] of [
        ['alice', 'amend DP001'],
        ['sam', 'iar DP002'],
        ['nobody', 'respond DP001'],
        ['nobody', 'status DP001'],
        ['sam', 'history DP001'],
        ['sam', 'list all'],
      ] as const) {
        const res = await post(
          bots.slack.url,
          sign(slashCommandBody({ user: slackId(who), text: escapeForSlack(line) })),
        );
        expect(res.status, line).toBe(200);
        answers.push(res.json ?? res.text);
      }
      const opened = bots.slack.fake.calls.slice(marks.calls).filter((c) => c.method === 'views.open');
      expect(opened.length, 'three modals opened').toBe(3);
      const all = inputValues([...answers, ...bots.slack.fake.calls.slice(marks.calls).map((c) => c.body)]);
      const out = [all.rest];
      expect(slackProblems(out)).toEqual([]);
      // The modals are prefilled with exactly what was stored (the amend title, the IAR's impacts).
      expect(all.values).toEqual(expect.arrayContaining([SHORT, CORE]));
      expect(leaves(all.rest).filter((x) => x.includes('&lt;!channel&gt;')).length).toBeGreaterThan(3);
    });

    it('R44 Teams: the same dialogs (task/fetch), status and history are inert', async () => {
      const marks = await prepareHostile();
      const out: unknown[] = [];
      for (const [who, form, ref] of [
        ['alice', 'amend', 'DP001'],
        ['sam', 'iar', 'DP002'],
        ['nobody', 'respond', 'DP001'],
      ] as const) {
        const res = await postActivity(
          bots.teamsUrl,
          taskFetchInvoke(bots.connector.url, who, { secForm: form, secRef: ref }),
        );
        expect(res.status, form).toBe(200);
        const task = (res.body as { task?: { type?: string } }).task;
        expect(task?.type, `${form}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe('continue');
        out.push(res.body);
      }
      for (const [who, line] of [
        ['nobody', 'status DP001'],
        ['sam', 'history DP001'],
        ['sam', 'list all'],
      ] as const)
        out.push((await bots.type('teams', who, line)).raw);
      out.push(...bots.connector.sent.slice(marks.sent).map((x) => x.body));
      const all = inputValues(out);
      expect(teamsProblems([all.rest])).toEqual([]);
      expect(all.values).toEqual(expect.arrayContaining([SHORT, CORE]));
      expect(leaves(out).filter((x) => x.includes('\\<at\\>')).length).toBeGreaterThan(3);
    });
  });

  it('R44 the detectors find live markup (so a renderer that stopped escaping would fail here)', () => {
    for (const live of ['<!channel>', 'hi <@U123>', '<#C0BOARD>', '<http://x.example|click>'])
      expect(slackProblems([{ text: live }]), live).not.toEqual([]);
    expect(slackProblems([{ type: 'mrkdwn', text: '@everyone', verbatim: false }])).not.toEqual([]);
    expect(slackProblems([{ text: '&lt;!channel&gt; @everyone' }])).toEqual([]);
    // R44: the hostile marks in mrkdwn (a field, a text-only message) are live; in plain_text they are not.
    expect(slackProblems([{ type: 'mrkdwn', text: '*Benefits*\nx **bold**', verbatim: true }])).not.toEqual(
      [],
    );
    expect(slackProblems([{ channel: 'D1', text: 'see _it_' }])).not.toEqual([]);
    expect(slackProblems([{ response_type: 'ephemeral', text: 'a\n&gt; quoted line' }])).not.toEqual([]);
    expect(
      slackProblems([
        {
          channel: 'D1',
          text: 'see _it_ ~strike~ `code`',
          blocks: [{ type: 'section', text: { type: 'plain_text', text: 'see _it_ ~strike~ `code`' } }],
        },
      ]),
    ).toEqual([]);
    for (const live of ['<at>Bob</at>', '[click](http://x.example)', '${user.name}', '<b>b</b>'])
      expect(teamsProblems([{ text: live }]), live).not.toEqual([]);
    expect(teamsProblems([{ type: 'mention', mentioned: { id: '29:x' } }])).not.toEqual([]);
    expect(teamsProblems([{ type: 'Action.OpenUrl', url: 'http://x.example/evil' }])).not.toEqual([]);
    expect(teamsProblems([{ text: '\\<at\\>Bob \\[click\\](http://x.example) \\${x} \\<b\\>' }])).toEqual([]);
  });

  it('R44 the hostile text did reach readers on both platforms, escaped (the checks above are not vacuous)', () => {
    expect(shown.slack).toBeGreaterThan(10);
    expect(shown.teams).toBeGreaterThan(10);
    expect(shown.slackPosts, 'Slack posts and DMs from the outbox').toBeGreaterThan(5);
    expect(shown.teamsPosts, 'Teams proactive messages from the outbox').toBeGreaterThan(5);
  });
});
