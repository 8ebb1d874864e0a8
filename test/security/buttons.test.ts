// R2 for buttons (QUALITY.md, security): every button the cards carry (src/views/actions.ts: vote,
// available, attend run a command; view, object, respond open a form) × who clicks × the states where it
// matters: a vote before its ballot opens, while open, after it closed; an objection inside and after
// the Fast Track window. Buttons are taken from the real cards in the outbox and clicked through the
// signed Slack app (block_actions, then the modal's view_submission) and the Teams app (Action.Execute).
// Allowed → the event, by the clicker, from that platform; refused → a private answer recorded with its
// code, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../adapters/slack/actions.ts';
import { encodeExecute } from '../../adapters/teams/actions.ts';
import { cardActions } from '../../adapters/teams/render/card.ts';
import { unescapeMarkdown } from '../../adapters/teams/render/escape.ts';
import { mentionFor } from '../../adapters/teams/render/mention.ts';
import { renderModal } from '../../adapters/slack/render/modals.ts';
import { SLASH_COMMAND } from '../../adapters/slack/render/blocks.ts';
import { NOT_REGISTERED } from '../../src/app/execute.ts';
import type { Notification } from '../../src/app/notification.ts';
import { ACTION_FORMS, ACTION_NAMES } from '../../src/views/actions.ts';
import type { CardButton } from '../../src/views/card.ts';
import { formFor } from '../../src/views/forms.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { databasesForThisFile, query } from '../support/databases.ts';
import { id, london } from '../support/directory.ts';
import { eventually } from '../support/slack-bot.ts';
import type { Answer } from '../support/slack-requests.ts';
import { actionTs } from '../support/slack-requests.ts';
import {
  executeInvoke,
  postActivity,
  taskFetchInvoke,
  taskSubmitInvoke,
} from '../support/teams-activities.ts';
import type { Bots, Platform } from './harness.ts';
import { PLATFORMS, STRANGER, slackId, startBots, unescapeSlack } from './harness.ts';
import type { Step } from './matrix-cases.ts';
import { STATES } from './matrix-cases.ts';

const [pglite] = databasesForThisFile();
const AFTER_WINDOW = '2027-02-01T10:00';

/** The newest card button with this action (and matching value) in the outbox. */
async function button(
  bots: Bots,
  action: string,
  match: (b: CardButton) => boolean = () => true,
): Promise<CardButton> {
  const rows = await query<{ payload: Notification }>(
    bots.store,
    'select payload from outbox order by id desc',
  );
  for (const r of rows) {
    const b = r.payload.card?.buttons.find((x) => x.action === action && match(x));
    if (b) return b;
  }
  throw new Error(`no ${action} button in the outbox`);
}

/** A refused submit's reply without the text given back after it ("What you wrote, so it is not lost:"). */
const refusalOf = (reply: string): string => reply.split('\nWhat you wrote, so it is not lost:')[0] ?? reply;

describe(`R2 buttons × who clicks × state, through Slack and Teams on ${pglite?.name}`, () => {
  let bots: Bots;
  beforeAll(async () => {
    if (!pglite) throw new Error('no database');
    bots = await startBots(await pglite.store());
  }, 60_000);
  afterAll(() => bots?.close());

  const lastEventId = async () =>
    Number((await query<{ id: number | null }>(bots.store, 'select max(id) as id from events'))[0]?.id ?? 0);

  /** Clicks a command button; returns the answer the clicker sees and the delivery id of the click. */
  async function click(
    p: Platform,
    handle: string,
    b: CardButton,
  ): Promise<{ reply: string; deliveryId: string; prefix: string | undefined }> {
    const who = handle === STRANGER ? 'ghost' : handle;
    if (p === 'slack') {
      const e = encodeAction(b, 0);
      const ts = actionTs();
      const before = bots.slack.fake.ephemerals.length;
      const res = await bots.slack.click({
        user: slackId(who),
        actionId: e.action_id,
        value: e.value,
        actionTs: ts,
      });
      expect(res.status).toBe(200);
      const note = await eventually(
        () => bots.slack.fake.ephemerals.slice(before).find((x) => x.user === slackId(who)),
        10_000,
      );
      return {
        reply: unescapeSlack(note.text),
        deliveryId: `slack:${slackId(who)}:${ts}`,
        prefix: SLASH_COMMAND,
      };
    }
    const act = executeInvoke(bots.connector.url, who, encodeExecute(b));
    const res = await postActivity(bots.teamsUrl, act);
    expect(res.status).toBe(200);
    const body = res.body as { type: string; value: unknown };
    const reply =
      body.type === 'application/vnd.microsoft.activity.message'
        ? unescapeMarkdown(String(body.value))
        : 'card';
    return {
      reply,
      deliveryId: `teams:invoke:${String(act.id)}`,
      prefix: mentionFor((act.conversation as { conversationType?: unknown } | undefined)?.conversationType),
    };
  }

  async function refused(p: Platform, handle: string, b: CardButton, code: string): Promise<void> {
    const label = `${b.action} by ${handle} on ${p}`;
    const before = await bots.rows();
    const a = await click(p, handle, b);
    if (handle === STRANGER) expect(a.reply, label).toBe(NOT_REGISTERED);
    else {
      const o = await bots.outcome(a.deliveryId);
      expect(o?.code, `${label}: ${a.reply}`).toBe(code);
      // The stored outcome names commands marked (views/hints.ts); the clicker reads them as typed on
      // their platform and conversation: after /sec on Slack, the @mention in a Teams channel (R42, R77).
      expect(a.reply, label).toBe(commandsAs(o?.reply ?? '', a.prefix));
    }
    expect(await bots.rows(), label).toEqual(before);
  }

  async function done(p: Platform, handle: string, b: CardButton, event: string): Promise<void> {
    const label = `${b.action} by ${handle} on ${p}`;
    const last = await lastEventId();
    const a = await click(p, handle, b);
    const o = await bots.outcome(a.deliveryId);
    expect(o?.ok, `${label}: ${a.reply}`).toBe(true);
    const written = await query<{ type: string; actor: string; platform: string }>(
      bots.store,
      `select type, actor, platform from events where id > ${last}`,
    );
    expect(
      written.map((e) => e.type),
      label,
    ).toContain(event);
    expect(new Set(written.map((e) => `${e.actor} ${e.platform}`)), label).toEqual(
      new Set([`${id(handle)} ${p}`]),
    );
  }

  async function at(steps: readonly Step[], when = '2026-12-01T10:00') {
    await bots.build(steps);
    bots.clock.now = london(when);
  }

  it('R2 the buttons covered here are every action the cards can carry', () => {
    // `form` (the buttons `mine` gives what no card carries) is clicked in mine-form-buttons.test.ts.
    expect([...ACTION_NAMES].sort()).toEqual([
      'attend',
      'available',
      'form',
      'meeting-confirm',
      'object',
      'respond',
      'view',
      'vote',
    ]);
  });

  it('R2/R40/R75 meeting-confirm: SECAS only, and only on the poll it was made for while it is open', async () => {
    await at(STATES.polled);
    const confirm = await button(bots, 'meeting-confirm');
    expect([confirm.label, confirm.twin]).toEqual(['Confirm slot 2', 'meeting confirm MP001 2']);
    for (const p of PLATFORMS) {
      for (const h of ['alice', 'bob', 'cb1', 'pm1', 'chair', 'ada', 'nobody'])
        await refused(p, h, confirm, 'forbidden');
      await refused(p, STRANGER, confirm, 'not_registered');
    }
    await done('slack', 'sam', confirm, 'MeetingConfirmed');
    // Clicked again once confirmed: nothing moves.
    for (const p of PLATFORMS) await refused(p, 'sam', confirm, 'already_done');
    // The poll replaced by new times: the old button confirms nothing in the new poll.
    await at([...STATES.polled, ['sam', 'meeting propose DP001 2026-12-16T10:00 2026-12-17T10:00']]);
    for (const p of PLATFORMS) await refused(p, 'sam', confirm, 'no_meeting');
    await at(STATES.polled);
    await done('teams', 'sam', await button(bots, 'meeting-confirm'), 'MeetingConfirmed');
  });

  it('R2/R33/R34 vote: before the ballot opens, while open (Change Board only), after it closed', async () => {
    await at(STATES.decision);
    const approve = await button(bots, 'vote', (b) => b.value.option === 'approve');
    for (const p of PLATFORMS) {
      for (const h of ['alice', 'sam', 'pm1', 'chair', 'ada', 'nobody'])
        await refused(p, h, approve, 'not_eligible');
      await refused(p, STRANGER, approve, 'not_registered');
    }
    await done('slack', 'cb4', approve, 'VoteCast');
    await done('teams', 'cb5', approve, 'VoteCast');
    // The same button replayed before its ballot existed (a forged or stale card).
    await at(STATES.consulted);
    for (const p of PLATFORMS) await refused(p, 'cb4', approve, 'no_open_ballot');
    // After SECAS closed it.
    await at([...STATES.decision, ['sam', 'ballot close DP001']]);
    for (const p of PLATFORMS) await refused(p, 'cb4', approve, 'ballot_closed');
  });

  it('R2/R40 available and attend: Working Group members only', async () => {
    await at(STATES.poll);
    const yes = await button(bots, 'available', (b) => b.value.yes === true);
    for (const p of PLATFORMS) {
      for (const h of ['sam', 'cb4', 'pm1', 'chair', 'ada', 'nobody']) await refused(p, h, yes, 'forbidden');
      await refused(p, STRANGER, yes, 'not_registered');
    }
    await done('slack', 'bob', yes, 'AvailabilityGiven');
    await done('teams', 'alice', yes, 'AvailabilityGiven');
    await at(STATES.meeting);
    const attend = await button(bots, 'attend', (b) => b.value.yes === true);
    for (const p of PLATFORMS) {
      for (const h of ['sam', 'cb4', 'pm1', 'chair', 'ada', 'nobody'])
        await refused(p, h, attend, 'forbidden');
    }
    await done('slack', 'alice', attend, 'AttendanceGiven');
    await done('teams', 'bob', attend, 'AttendanceGiven');
  });

  /**
   * Slack: a form button opens its modal only when its submit could be accepted now (R75); anyone else
   * is answered at the click, in the submit's words, and no modal opens. The submission is still what
   * is authorised (R2): such a person's modal (one held from before, or forged) is submitted anyway,
   * and is refused with the very sentence the click gave.
   */
  async function submitForm(
    handle: string,
    b: CardButton,
    answers: Record<string, Answer>,
  ): Promise<{ reply: string; written: number; atClick: boolean }> {
    const who = handle === STRANGER ? 'ghost' : handle;
    const e = encodeAction(b, 0);
    const opens = () => bots.slack.fake.calls.filter((c) => c.method === 'views.open').length;
    const told = async (after: number) => {
      const note = await eventually(
        () => bots.slack.fake.ephemerals.slice(after).find((x) => x.user === slackId(who)),
        10_000,
      );
      return unescapeSlack(note.text);
    };
    const opened = opens();
    const beforeClick = bots.slack.fake.ephemerals.length;
    const res = await bots.slack.click({ user: slackId(who), actionId: e.action_id, value: e.value });
    expect(res.status).toBe(200);
    const atClick = opens() === opened ? await told(beforeClick) : undefined;
    // The modal as the click would have opened it in the channel it came from.
    const form = formFor(ACTION_FORMS[b.action as keyof typeof ACTION_FORMS], {
      ref: String(b.value.ref).toUpperCase(),
    });
    const meta = JSON.stringify({ form: form.id, ref: form.ref, channel: 'C0BOARD' });
    const view =
      atClick === undefined
        ? ([...bots.slack.fake.views.values()].at(-1) as Record<string, unknown>)
        : (renderModal(form, { privateMetadata: meta }) as unknown as Record<string, unknown>);
    const before = bots.slack.fake.ephemerals.length;
    const events = await lastEventId();
    const sub = await bots.slack.submit({ user: slackId(who), view, answers });
    expect(sub.status).toBe(200);
    const reply = await told(before);
    // The submit's refusal is the click's, with what was written given back after it (forms.ts).
    if (atClick !== undefined)
      expect(atClick, `${b.action} by ${handle}: the click's refusal`).toBe(refusalOf(reply));
    return { reply, written: (await lastEventId()) - events, atClick: atClick !== undefined };
  }

  it('R2/R24/R64 object: parties inside the Fast Track window; nobody after it; never SECAS', async () => {
    await at(STATES.ftWindow);
    const object = await button(bots, 'object');
    const rows = await bots.rows();
    for (const h of ['sam', 'cb4', 'pm1', 'chair', 'ada', 'nobody']) {
      const r = await submitForm(h, object, { reason: 'we disagree' });
      expect(r.reply, h).toMatch(/^Only SEC Parties can object/);
      expect(r.atClick, h).toBe(true);
    }
    expect(await submitForm(STRANGER, object, { reason: 'x' })).toMatchObject({
      reply: NOT_REGISTERED,
      atClick: true,
    });
    expect(await bots.rows()).toEqual(rows);
    bots.clock.now = london(AFTER_WINDOW);
    for (const h of ['alice', 'bob']) {
      const r = await submitForm(h, object, { reason: 'too late' });
      expect(r.reply, h).toMatch(/objection window on DP001 closed/);
      expect(r.atClick, h).toBe(true);
    }
    expect(await bots.rows()).toEqual(rows);
    bots.clock.now = london('2026-12-02T10:00');
    const ok = await submitForm('bob', object, { reason: 'we disagree' });
    expect(ok.atClick).toBe(false);
    expect(ok.reply).toMatch(/objection to Fast Track for DP001 is recorded/);
    expect(ok.written).toBeGreaterThan(0);
  });

  it('R2/R12 view: Change Board members while views are open; R37 respond: any registered person', async () => {
    await at(STATES.views);
    const view = await button(bots, 'view');
    const rows = await bots.rows();
    for (const h of ['alice', 'sam', 'pm1', 'chair', 'ada', 'nobody']) {
      const r = await submitForm(h, view, { stance: 'support' });
      expect(r.reply, h).toMatch(/^Only Change Board members can give a view/);
      expect(r.atClick, h).toBe(true);
    }
    expect(await bots.rows()).toEqual(rows);
    const given = await submitForm('cb4', view, { stance: 'concerns' });
    expect(given.atClick).toBe(false);
    expect(given.written).toBeGreaterThan(0);

    await at(STATES.consult);
    const respond = await button(bots, 'respond');
    const before = await bots.rows();
    expect(await submitForm(STRANGER, respond, { org: 'X', S0: 'support' })).toMatchObject({
      reply: NOT_REGISTERED,
      atClick: true,
    });
    expect(await bots.rows()).toEqual(before);
    expect(
      (await submitForm('nobody', respond, { org: 'Nobody Ltd', S0: 'oppose' })).written,
    ).toBeGreaterThan(0);
  });

  /**
   * Teams: the form button (Action.Submit + task/fetch) opens the dialog unless its submit would be
   * refused whatever is filled in, when it answers with that sentence instead (R75); the submission, as
   * the person in `from`, is what is authorised (R2), so it is sent either way and must say the same.
   * Returns the sentence the dialog closes with.
   */
  async function dialog(handle: string, b: CardButton, answers: Record<string, string>): Promise<string> {
    const who = handle === STRANGER ? 'ghost' : handle;
    const submitAction = cardActions([b]).find((a) => a.type === 'Action.Submit');
    if (submitAction?.type !== 'Action.Submit') throw new Error(`the ${b.action} button opens no dialog`);
    const opened = await postActivity(
      bots.teamsUrl,
      taskFetchInvoke(bots.connector.url, who, submitAction.data as Record<string, unknown>),
    );
    expect(opened.status).toBe(200);
    const task = (opened.body as { task?: { type?: string; value?: unknown } }).task;
    if (handle === STRANGER) expect(task).toEqual({ type: 'message', value: NOT_REGISTERED });
    else expect(['continue', 'message'], JSON.stringify(opened.body).slice(0, 200)).toContain(task?.type);
    const atOpen = task?.type === 'message' ? String(task.value) : undefined;
    const data = {
      secForm: ACTION_FORMS[b.action as keyof typeof ACTION_FORMS],
      secRef: 'DP001',
      ...answers,
    };
    const sent = await postActivity(bots.teamsUrl, taskSubmitInvoke(bots.connector.url, who, data));
    expect(sent.status).toBe(200);
    const closed = (sent.body as { task?: { type?: string; value?: unknown } }).task;
    expect(closed?.type).toBe('message');
    if (atOpen !== undefined)
      expect(atOpen, `${b.action} by ${handle}: the refusal at opening`).toBe(
        refusalOf(String(closed?.value)),
      );
    return String(closed?.value);
  }

  it('R2/R24/R64 Teams dialogs: object by parties in the window only; view by the Change Board; respond by anyone registered', async () => {
    await at(STATES.ftWindow);
    const object = await button(bots, 'object');
    let rows = await bots.rows();
    for (const h of ['sam', 'cb4', 'pm1', 'chair', 'ada', 'nobody'])
      expect(await dialog(h, object, { reason: 'no' }), h).toMatch(/^Only SEC Parties can object/);
    expect(await dialog(STRANGER, object, { reason: 'no' })).toBe(NOT_REGISTERED);
    bots.clock.now = london(AFTER_WINDOW);
    expect(await dialog('alice', object, { reason: 'late' })).toMatch(/objection window on DP001 closed/);
    expect(await bots.rows()).toEqual(rows);
    bots.clock.now = london('2026-12-02T10:00');
    expect(await dialog('alice', object, { reason: 'we disagree' })).toMatch(
      /objection to Fast Track for DP001 is recorded/,
    );

    await at(STATES.views);
    const view = await button(bots, 'view');
    rows = await bots.rows();
    for (const h of ['alice', 'sam', 'pm1', 'chair', 'ada', 'nobody'])
      expect(await dialog(h, view, { stance: 'support' }), h).toMatch(
        /^Only Change Board members can give a view/,
      );
    expect(await bots.rows()).toEqual(rows);
    await dialog('cb4', view, { stance: 'oppose' });
    expect((await bots.rows()).events).toBeGreaterThan(rows.events ?? 0);

    await at(STATES.consult);
    const respond = await button(bots, 'respond');
    rows = await bots.rows();
    expect(await dialog(STRANGER, respond, { org: 'X', S0: 'support' })).toBe(NOT_REGISTERED);
    expect(await bots.rows()).toEqual(rows);
    await dialog('pm1', respond, { org: 'Panel Ltd', S0: 'support' });
    expect((await bots.rows()).events).toBeGreaterThan(rows.events ?? 0);
  });
});
