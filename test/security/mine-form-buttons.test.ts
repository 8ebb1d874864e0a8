// R81 R43 R2 R75 through the real Slack and Teams apps: the `mine` card of the person who owes the
// Initial Assessment Report (SECAS) or the routing (the Panel chair) carries a button that opens that
// form, as the views card's "Give your view" does: on Slack views.open with the form's modal, on Teams
// the task/fetch answered with its dialog; submitting it records what was owed. Pressed once it is no
// longer owed (already routed), the click and the submit give the command's own refusal and nothing is
// written; a tampered payload opens nothing and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUT_OF_DATE as SLACK_OUT_OF_DATE } from '../../adapters/slack/listeners/reply.ts';
import { OUT_OF_DATE as TEAMS_OUT_OF_DATE } from '../../adapters/teams/handlers.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { databasesForThisFile, query } from '../support/databases.ts';
import { eventually } from '../support/slack-bot.ts';
import { actionTs } from '../support/slack-requests.ts';
import { postActivity, taskFetchInvoke, taskSubmitInvoke } from '../support/teams-activities.ts';
import type { Bots } from './harness.ts';
import { slackId, startBots, unescapeSlack } from './harness.ts';
import { STATES } from './matrix-cases.ts';

const [pglite] = databasesForThisFile();

type SlackBlock = {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id: string; value: string; text?: { text: string } }[];
};
type TeamsAction = { type: string; title: string; data?: Record<string, unknown> };
type TeamsElement = { type: string; actions?: TeamsAction[] };
type Task = { type?: string; value?: unknown };

describe(`R81 mine: form buttons on Slack and Teams on ${pglite?.name}`, () => {
  let bots: Bots;
  beforeAll(async () => {
    if (!pglite) throw new Error('no database');
    bots = await startBots(await pglite.store());
  }, 60_000);
  afterAll(() => bots?.close());

  const eventTypes = async (after: number) =>
    (await query<{ type: string }>(bots.store, `select type from events where id > ${after}`)).map(
      (e) => e.type,
    );
  const lastEventId = async () =>
    Number((await query<{ id: number | null }>(bots.store, 'select max(id) as id from events'))[0]?.id ?? 0);

  /** The button labelled so for DP001 on `handle`'s `mine` card as Slack shows it (private answer). */
  async function slackMineButton(handle: string, label: string) {
    const a = await bots.type('slack', handle, 'mine');
    const blocks = ((a.raw as { blocks?: SlackBlock[] }).blocks ?? []) as SlackBlock[];
    for (const b of blocks.filter((x) => x.type === 'actions'))
      for (const e of b.elements ?? [])
        if (e.text?.text === label && (JSON.parse(e.value) as { ref?: string }).ref === 'DP001')
          return { ...e, block_id: b.block_id };
    throw new Error(`no ${label} button for DP001 on ${handle}'s mine card: ${JSON.stringify(blocks)}`);
  }

  /** The forms the `form` buttons on `handle`'s Slack `mine` card open. */
  async function slackMineForms(handle: string): Promise<string[]> {
    const a = await bots.type('slack', handle, 'mine');
    const blocks = ((a.raw as { blocks?: SlackBlock[] }).blocks ?? []) as SlackBlock[];
    return blocks
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id?.startsWith('sec:form:'))
      .map((e) => String((JSON.parse(e.value) as { form?: string }).form));
  }

  /** The Action.Submit labelled so for DP001 on `handle`'s `mine` card in the Teams 1:1 chat. */
  async function teamsMineButton(handle: string, label: string): Promise<TeamsAction> {
    const a = await bots.type('teams', handle, 'mine');
    const att = (a.raw as { attachments?: { content: { body: TeamsElement[] } }[] }).attachments?.[0];
    const actions = (att?.content.body ?? []).flatMap((e) =>
      e.type === 'ActionSet' ? (e.actions ?? []) : [],
    );
    const found = actions.find((x) => x.title === label && x.data?.ref === 'DP001');
    if (!found) throw new Error(`no ${label} button for DP001 on ${handle}'s Teams mine card`);
    return found;
  }

  const slackClick = (handle: string, e: { action_id: string; value: string; block_id?: string }) =>
    bots.slack.click({
      user: slackId(handle),
      actionId: e.action_id,
      value: e.value,
      actionTs: actionTs(),
      channel: 'C0PRIVATE',
      ...(e.block_id ? { blockId: e.block_id } : {}),
    });
  const viewsOpened = () => bots.slack.fake.calls.filter((c) => c.method === 'views.open').length;
  const slackTold = async (handle: string, after: number) =>
    unescapeSlack(
      (
        await eventually(
          () => bots.slack.fake.ephemerals.slice(after).find((x) => x.user === slackId(handle)),
          10_000,
        )
      ).text,
    );

  const taskFetch = async (handle: string, data: Record<string, unknown>): Promise<Task | undefined> => {
    const res = await postActivity(bots.teamsUrl, taskFetchInvoke(bots.connector.url, handle, data));
    expect(res.status).toBe(200);
    return (res.body as { task?: Task }).task;
  };
  const taskSubmit = async (handle: string, data: Record<string, unknown>): Promise<Task | undefined> => {
    const res = await postActivity(bots.teamsUrl, taskSubmitInvoke(bots.connector.url, handle, data));
    expect(res.status).toBe(200);
    return (res.body as { task?: Task }).task;
  };

  it('Slack: SECAS clicks "Record the Initial Assessment Report" on mine: the iar modal opens; submitted, the report is recorded', async () => {
    await bots.build(STATES.draft);
    const button = await slackMineButton('sam', 'Record the Initial Assessment Report');
    expect(button.action_id).toMatch(/^sec:form:\d+$/);
    expect(JSON.parse(button.value)).toEqual({ ref: 'DP001', form: 'iar' });
    const opened = viewsOpened();
    const res = await slackClick('sam', button);
    expect(res.status).toBe(200);
    expect(viewsOpened()).toBe(opened + 1);
    const view = [...bots.slack.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ form: 'iar', ref: 'DP001' });
    expect(JSON.stringify(view.title)).toContain('Initial Assessment');
    expect(JSON.stringify(view.blocks)).toContain('Initial Assessment Report for DP001.');
    const last = await lastEventId();
    const before = bots.slack.fake.ephemerals.length;
    const sub = await bots.slack.submit({
      user: slackId('sam'),
      view,
      answers: { impacts: 'Suppliers', route: 'refinement' },
    });
    expect(sub.status).toBe(200);
    await slackTold('sam', before);
    expect(await eventTypes(last)).toContain('IarRecorded');
  });

  it('Teams: the same button is an Action.Submit whose task/fetch is answered with the iar dialog; submitted, the report is recorded', async () => {
    await bots.build(STATES.draft);
    const button = await teamsMineButton('sam', 'Record the Initial Assessment Report');
    expect(button.type).toBe('Action.Submit');
    expect(button.data).toEqual({
      msteams: { type: 'task/fetch' },
      action: 'form',
      ref: 'DP001',
      form: 'iar',
    });
    const task = await taskFetch('sam', button.data as Record<string, unknown>);
    expect(task?.type).toBe('continue');
    const dialog = task?.value as { title: string; card: { content: { body: { id?: string }[] } } };
    expect(dialog.title).toBe('Initial Assessment');
    expect(dialog.card.content.body.map((e) => e.id).filter(Boolean)).toEqual(
      expect.arrayContaining(['impacts', 'route']),
    );
    const last = await lastEventId();
    const closed = await taskSubmit('sam', {
      secForm: 'iar',
      secRef: 'DP001',
      impacts: 'Suppliers',
      route: 'refinement',
    });
    expect(closed?.type).toBe('message');
    expect(await eventTypes(last)).toContain('IarRecorded');
  });

  it('pressed once no longer owed (already routed): the submit gives the route command’s refusal, nothing is written', async () => {
    await bots.build(STATES.awaitingPanel);
    expect(await slackMineForms('chair')).toEqual(['panel-route']);
    const slackRoute = await slackMineButton('chair', 'Route');
    expect(JSON.parse(slackRoute.value)).toEqual({ ref: 'DP001', form: 'panel-route' });
    const teamsRoute = await teamsMineButton('chair', 'Route');
    // Opened while it is owed: the route dialog.
    expect((await taskFetch('chair', teamsRoute.data as Record<string, unknown>))?.type).toBe('continue');
    const routed = await bots.type('slack', 'chair', 'panel route DP001 refinement self-governance');
    expect(routed.reply).toMatch(/routed to Refinement/i);
    const rows = await bots.rows();

    // The button was made for DP001, now MP001: the click still finds it (R4), and the form opens where
    // its refusal depends on the answers (R75: the submit decides, R2).
    const opened = viewsOpened();
    expect((await slackClick('chair', slackRoute)).status).toBe(200);
    expect(viewsOpened()).toBe(opened + 1);
    const view = [...bots.slack.fake.views.values()].at(-1) as Record<string, unknown>;
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ form: 'panel-route', ref: 'MP001' });
    const refusals: string[] = [];
    for (const route of ['refinement', 'report', 'development']) {
      const atSubmit = bots.slack.fake.ephemerals.length;
      const sub = await bots.slack.submit({ user: slackId('chair'), view, answers: { route } });
      expect(sub.status).toBe(200);
      refusals.push(await slackTold('chair', atSubmit));
    }
    const ONLY_ON = 'MP001 is in refinement: the chair can only route it on to the Report Stage.';
    expect(refusals).toEqual([
      ONLY_ON,
      'MP001 is in refinement: it goes to the Report Stage when the Panel chair approves its Modification Report (/sec panel approve-report MP001), or by a route after a refused extension.',
      ONLY_ON,
    ]);

    // Teams: the dialog opens likewise; each submit gets the same sentence, commands as typed there.
    expect((await taskFetch('chair', teamsRoute.data as Record<string, unknown>))?.type).toBe('continue');
    const teamsRefusals: string[] = [];
    for (const route of ['refinement', 'report', 'development']) {
      const submitted = await taskSubmit('chair', { secForm: 'panel-route', secRef: 'MP001', route });
      expect(submitted?.type).toBe('message');
      teamsRefusals.push(String(submitted?.value).replace(/@SEC Change Bot /g, ''));
    }
    expect(teamsRefusals).toEqual(refusals.map((r) => r.replace(/\/sec /g, '')));
    // Nothing owed any more, so no Route button on the chair's card.
    expect(await slackMineForms('chair')).toEqual([]);
    expect(await bots.rows()).toEqual(rows);
  });

  it('R2: the iar button of SECAS’s card pressed by anyone else is refused at the click and on submit, nothing written', async () => {
    await bots.build(STATES.draft);
    const slackIar = await slackMineButton('sam', 'Record the Initial Assessment Report');
    const teamsIar = await teamsMineButton('sam', 'Record the Initial Assessment Report');
    const rows = await bots.rows();
    for (const who of ['alice', 'cb1', 'chair']) {
      const opened = viewsOpened();
      const atClick = bots.slack.fake.ephemerals.length;
      expect((await slackClick(who, slackIar)).status).toBe(200);
      const refusal = await slackTold(who, atClick);
      expect(viewsOpened(), who).toBe(opened);
      expect(refusal, who).toMatch(/SECAS/);
      const fetched = await taskFetch(who, teamsIar.data as Record<string, unknown>);
      expect(fetched?.type, who).toBe('message');
      const submitted = await taskSubmit(who, {
        secForm: 'iar',
        secRef: 'DP001',
        impacts: 'Suppliers',
        route: 'refinement',
      });
      // The submit's refusal is the opening's, with what was written given back after it (forms.ts).
      const [refused, given] = String(submitted?.value).split('\nWhat you wrote, so it is not lost:\n');
      expect(refused, who).toBe(fetched?.value);
      expect(given, who).toBe('Likely impacts on participants and systems:\nSuppliers');
      expect(String(refused).replace(/@SEC Change Bot /g, ''), who).toBe(refusal.replace(/\/sec /g, ''));
    }
    expect(await bots.rows()).toEqual(rows);
  });

  it('a tampered payload (a form not offered) opens nothing and writes nothing, on either platform', async () => {
    await bots.build(STATES.awaitingPanel);
    const rows = await bots.rows();
    const opened = viewsOpened();
    const before = bots.slack.fake.ephemerals.length;
    const res = await slackClick('chair', {
      action_id: 'sec:form:0',
      value: JSON.stringify({ ref: 'DP001', form: 'panel-close' }),
    });
    expect(res.status).toBe(200);
    expect(await slackTold('chair', before)).toBe(unescapeSlack(SLACK_OUT_OF_DATE));
    expect(viewsOpened()).toBe(opened);
    const refusedLog = bots.slack.logs.find((l) => l.msg === 'slack button refused');
    expect(JSON.stringify(refusedLog?.data)).toContain('Bad form value (form): Invalid option');

    const task = await taskFetch('chair', {
      msteams: { type: 'task/fetch' },
      action: 'form',
      ref: 'DP001',
      form: 'raise',
    });
    expect(task).toEqual({ type: 'message', value: commandsAs(TEAMS_OUT_OF_DATE, undefined) });
    expect(await bots.rows()).toEqual(rows);
  });
});
