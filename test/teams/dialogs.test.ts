// Forms as Teams dialogs over HTTP: the real Teams app, recorded-shape `task/fetch` and
// `task/submit` invokes POSTed to /api/messages, on PGlite and PostgreSQL. A form button (Action.Submit +
// task/fetch) or a typed form command opens a dialog with the Slack modal's fields (R43, R65); a submit
// runs the form's text twin as the person in `from` (R2), once per activity id (R36); field errors keep
// the dialog open (R45); refusals write nothing.
import type { TaskModuleResponse } from '@microsoft/teams.api';
import type { IAdaptiveCard, ISubmitAction } from '@microsoft/teams.cards';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderModal } from '../../adapters/slack/render/modals.ts';
import { renderCard } from '../../adapters/teams/render/card.ts';
import { dialogResponse } from '../../adapters/teams/render/dialog.ts';
import { NOT_REGISTERED } from '../../src/app/execute.ts';
import type { Notification } from '../../src/app/notification.ts';
import { formContext } from '../../src/views/form-request.ts';
import { FORM_IDS, formFor } from '../../src/views/forms.ts';
import { count, eachDatabase, query } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';
import type { TeamsBot } from '../support/teams-bot.ts';
import { startTeamsBot } from '../support/teams-bot.ts';
import {
  aad,
  channelMention,
  executeInvoke,
  personalMessage,
  taskFetchInvoke,
  taskSubmitInvoke,
} from '../support/teams-activities.ts';

type Continue = {
  type: 'continue';
  value: { title: string; card: { contentType: string; content: IAdaptiveCard } };
};

/** The dialog card of a `continue` answer; fails the test on any other answer. */
function dialogOf(body: unknown): { title: string; card: IAdaptiveCard } {
  const task = (body as TaskModuleResponse | undefined)?.task;
  if (task?.type !== 'continue') throw new Error(`not a dialog: ${JSON.stringify(body)}`);
  const value = (task as Continue).value;
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return { title: value.title, card: value.card.content };
}
/** The sentence of a `message` answer; fails the test on any other answer. */
function messageOf(body: unknown): string {
  const task = (body as TaskModuleResponse | undefined)?.task;
  if (task?.type !== 'message') throw new Error(`not a message: ${JSON.stringify(body)}`);
  return String(task.value);
}
const inputIds = (c: IAdaptiveCard): string[] =>
  c.body.filter((e) => e.type.startsWith('Input.')).map((e) => String((e as { id?: string }).id));
const submitOf = (c: IAdaptiveCard): ISubmitAction => {
  const s = [...(c.actions ?? []), ...c.body.flatMap((e) => (e.type === 'ActionSet' ? e.actions : []))].find(
    (a) => a.type === 'Action.Submit',
  );
  if (s?.type !== 'Action.Submit') throw new Error('no Action.Submit on the card');
  return s;
};
const dataOf = (s: ISubmitAction): Record<string, unknown> => s.data as Record<string, unknown>;
const texts = (c: IAdaptiveCard): string =>
  c.body.map((e) => (e.type === 'TextBlock' ? e.text : '')).join('\n');

eachDatabase('Teams dialogs over HTTP', (h) => {
  let bot: TeamsBot;
  const events = () => count(h.store, 'events');

  const open = async (handle: string, data: Record<string, unknown>, id?: string) => {
    const r = await bot.post(taskFetchInvoke(bot.fake.url, handle, data, id));
    expect(r.status).toBe(200);
    return r.body;
  };
  const submit = async (handle: string, data: Record<string, unknown>, id?: string) => {
    const r = await bot.post(taskSubmitInvoke(bot.fake.url, handle, data, id));
    expect(r.status).toBe(200);
    return r.body;
  };
  /** The form-opening buttons of the newest outbox card with that key, as Teams shows them. */
  const formButtons = async (key: string): Promise<ISubmitAction[]> => {
    const rows = await query<{ payload: Notification }>(
      h.store,
      'select payload from outbox order by id desc',
    );
    const card = rows.map((r) => r.payload.card).find((c) => c?.key === key);
    if (!card) throw new Error(`no ${key} card in the outbox`);
    return renderCard(card)
      .body.flatMap((e) => (e.type === 'ActionSet' ? e.actions : []))
      .filter((a): a is ISubmitAction => a.type === 'Action.Submit');
  };

  beforeAll(async () => {
    bot = await startTeamsBot(h.store, { now: london('2027-01-11T09:00') });
    await bot.engine.importPeople(
      PEOPLE.map((p) => ({ ...p, teams: aad(p.handle ?? '') })),
      { source: 'test', now: bot.clock.now },
    );
    // The Change Board channel is mapped, so the views card (with its form button) reaches the outbox.
    const command = {
      type: 'admin-channel' as const,
      channel: 'change-board' as const,
      platform: 'teams',
      channelId: '19:board@thread.tacv2',
    };
    expect((await bot.engine.execute({ command, actor: id('ada'), platform: 'cli' }, bot.clock.now)).ok).toBe(
      true,
    );
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
  });

  it('R5 R43 R65: typed `sec raise` offers the dialog; its submit raises the DP as the person in `from`', async () => {
    const before = bot.fake.sent.length;
    expect((await bot.post(personalMessage(bot.fake.url, 'alice', 'sec raise'))).status).toBe(200);
    const prompt = bot.fake.sent.slice(before).at(-1)?.body as { attachments?: { content: IAdaptiveCard }[] };
    const card = prompt.attachments?.[0]?.content;
    if (!card) throw new Error('no card in the reply to `sec raise`');
    expect(texts(card)).toMatch(/Or type: .*raise/);
    const button = submitOf(card);
    expect(dataOf(button)).toEqual({ msteams: { type: 'task/fetch' }, secForm: 'raise' });

    const dialog = dialogOf(await open('alice', dataOf(button)));
    expect(dialog.title).toBe('Raise a Draft Proposal');
    const raise = dataOf(submitOf(dialog.card));
    const writes = await events();
    // Teams sends every input as a string, merged with the Submit action's data.
    const answer = await submit('alice', {
      ...raise,
      title: 'Dialog switching',
      problem: 'Too slow',
      solution: '',
      benefits: '',
      fasttrack: 'false',
    });
    expect(messageOf(answer)).toMatch(/DP001/);
    expect(await events()).toBeGreaterThan(writes);
    const [m] = await bot.engine.modifications();
    expect(m).toMatchObject({ number: 1, title: 'Dialog switching', problem: 'Too slow' });
    expect(m?.proposer).toBe('alice@example.org');
  });

  it('R43 R65: every form opens as a dialog with the same fields as its Slack modal', async () => {
    let opened = 0;
    for (const id of FORM_IDS) {
      const ref = id === 'raise' ? undefined : 'DP001';
      const answer = await open('alice', { secForm: id, ...(ref ? { secRef: ref } : {}) });
      const form = formFor(id, await formContext(id, ref, () => bot.engine.modifications()));
      // R75: a form alice's submit would be refused on whatever she filled in answers with that
      // sentence instead of opening; its dialog is then compared as drawn for someone who may send it.
      const refusedAtOpen = (answer as TaskModuleResponse).task?.type === 'message';
      if (refusedAtOpen) expect(messageOf(answer), id).not.toBe(NOT_REGISTERED);
      else opened++;
      const dialog = dialogOf(refusedAtOpen ? dialogResponse(form) : answer);
      const modal = renderModal(form);
      const slackIds = modal.blocks.flatMap((b) => (b.type === 'input' ? [b.block_id] : []));
      expect(inputIds(dialog.card), id).toEqual(slackIds);
      expect(inputIds(dialog.card), id).toEqual(form.fields.map((f) => f.id));
      expect(dialog.title, id).toBe(form.title);
      expect(dataOf(submitOf(dialog.card)), id).toEqual({ secForm: id, ...(ref ? { secRef: ref } : {}) });
    }
    // The proposer's own forms (raise, amend, withdraw, …) open over HTTP.
    expect(opened).toBeGreaterThanOrEqual(3);
    // The amend dialog is prefilled with the current text, as the Slack modal is.
    const amend = dialogOf(await open('alice', { secForm: 'amend', secRef: 'DP001' }));
    expect(amend.card.body).toContainEqual(
      expect.objectContaining({ id: 'title', value: 'Dialog switching' }),
    );
  });

  it('R45: a bad field answers with the dialog again, that field’s error under it, values kept, nothing written', async () => {
    const writes = await events();
    const long = 'x'.repeat(201);
    const dialog = dialogOf(
      await submit('alice', { secForm: 'raise', title: long, problem: 'Kept text', fasttrack: 'false' }),
    );
    const shown = texts(dialog.card);
    expect(shown).toMatch(/At most 200 characters \(this has 201\)/);
    expect(dialog.card.body).toContainEqual(expect.objectContaining({ id: 'problem', value: 'Kept text' }));
    // The error sits under its own field, right after the title input and before the next one.
    const at = (p: (e: IAdaptiveCard['body'][number]) => boolean) => dialog.card.body.findIndex(p);
    const error = at((e) => e.type === 'TextBlock' && /At most 200/.test(e.text));
    expect(error).toBeGreaterThan(at((e) => 'id' in e && e.id === 'title'));
    expect(error).toBeLessThan(at((e) => 'id' in e && e.id === 'problem'));
    const missing = dialogOf(await submit('alice', { secForm: 'raise', title: 'T', fasttrack: 'false' }));
    expect(texts(missing.card)).toMatch(/Please fill this in/);
    const slots = dialogOf(
      await submit('alice', { secForm: 'meeting-propose', secRef: 'DP001', slot1: 'tomorrow', slot2: '' }),
    );
    expect(texts(slots.card)).toMatch(/YYYY-MM-DD HH:MM/);
    expect(await events()).toBe(writes);
  });

  it('R1 R2: an unregistered person is refused on open and on submit, and nothing is written', async () => {
    const writes = await events();
    const stranger = (a: Record<string, unknown>) => ({
      ...a,
      from: { id: '29:stranger', name: 'Stranger', aadObjectId: 'aad-nobody' },
    });
    const fetch = stranger(taskFetchInvoke(bot.fake.url, 'alice', { secForm: 'raise' }));
    expect(messageOf((await bot.post(fetch)).body)).toBe(NOT_REGISTERED);
    const send = stranger(
      taskSubmitInvoke(bot.fake.url, 'alice', {
        secForm: 'raise',
        title: 'T',
        problem: 'P',
        fasttrack: 'false',
      }),
    );
    expect(messageOf((await bot.post(send)).body)).toBe(NOT_REGISTERED);
    expect(await events()).toBe(writes);
    expect(await bot.engine.modifications()).toHaveLength(1);
  });

  it('R2: a role the person lacks is refused with its sentence, whatever the data claims, and nothing is written', async () => {
    const writes = await events();
    const answer = await submit('alice', {
      secForm: 'panel-close',
      secRef: 'DP001',
      reason: 'Stalled',
      actor: 'chair@example.org',
      from: { aadObjectId: aad('chair') },
    });
    expect(messageOf(answer)).toMatch(/panel chair|not allowed|only/i);
    expect(await events()).toBe(writes);
    expect((await bot.engine.modifications())[0]?.status).not.toMatch(/closed/);
  });

  it('R36: a re-sent submit with the same activity id writes once and answers the same', async () => {
    const data = { secForm: 'raise', title: 'Resent once', problem: 'P', fasttrack: 'false' };
    const first = messageOf(await submit('bob', data, 'f:resend-1'));
    expect(first).toMatch(/DP002/);
    const writes = await events();
    const again = await Promise.all([1, 2].map(() => submit('bob', data, 'f:resend-1')));
    expect(again.map(messageOf)).toEqual([first, first]);
    expect(await events()).toBe(writes);
    expect((await bot.engine.modifications()).filter((m) => m.title === 'Resent once')).toHaveLength(1);
    // A new submit (a new activity id) is a new command: the core raises another DP.
    expect(messageOf(await submit('bob', data, 'f:resend-2'))).toMatch(/DP003/);
  });

  it('R12 R43: the views card’s "Give your view" opens the view dialog through task/fetch; its submit records the view', async () => {
    const iar = dialogOf(await open('sam', { secForm: 'iar', secRef: 'DP001' }));
    expect(inputIds(iar.card)).toContain('impacts');
    expect(
      messageOf(
        await submit('sam', {
          ...dataOf(submitOf(iar.card)),
          impacts: 'Suppliers',
          route: 'refinement',
        }),
      ),
    ).toMatch(/DP001/);
    const opened = await bot.say(personalMessage(bot.fake.url, 'sam', 'views open DP001'));
    expect(opened.reply).toMatch(/DP001/);
    const [button] = await formButtons('views:1');
    if (!button) throw new Error('no form button on the views card');
    expect(dataOf(button)).toEqual({ msteams: { type: 'task/fetch' }, action: 'view', ref: 'DP001' });
    const dialog = dialogOf(await open('cb1', dataOf(button)));
    expect(inputIds(dialog.card)).toEqual(formFor('view').fields.map((f) => f.id));
    const writes = await events();
    const answer = await submit('cb1', {
      ...dataOf(submitOf(dialog.card)),
      stance: 'concerns',
      comments: 'Costs',
    });
    expect(messageOf(answer)).not.toMatch(/sorry|not /i);
    expect(await events()).toBeGreaterThan(writes);
    const m = (await bot.engine.modifications()).find((x) => x.number === 1);
    expect(Object.values(m?.views.byPerson ?? {})).toContainEqual(
      expect.objectContaining({ stance: 'concerns' }),
    );
  });

  it('R2 R45: tampered or foreign task/fetch data opens nothing and says the button is out of date', async () => {
    const writes = await events();
    const cases: Record<string, unknown>[] = [
      { action: 'view', ref: 'DP001', voter: 'cb1' },
      { action: 'vote', ref: 'DP001', ballot: 'b', option: 'approve' },
      { action: 'view', ref: 'XX1' },
      { secForm: 'nope' },
      { secForm: 'raise', extra: 1 },
      {},
    ];
    for (const data of cases)
      expect(messageOf(await open('cb1', data)), JSON.stringify(data)).toMatch(/out of date/);
    expect(messageOf(await submit('cb1', { stance: 'support' }))).toMatch(/out of date/);
    expect(await events()).toBe(writes);
  });
  it('R42 R43: `@SEC Bot view DP001` in a channel offers the view dialog; a whole command still runs as typed', async () => {
    const before = bot.fake.sent.length;
    await bot.post(channelMention(bot.fake.url, 'cb2', 'view DP001'));
    const sent = bot.fake.sent.slice(before).at(-1)?.body as { attachments?: { content: IAdaptiveCard }[] };
    const card = sent.attachments?.[0]?.content;
    if (!card) throw new Error('no card in the reply to `view DP001`');
    expect(dataOf(submitOf(card))).toEqual({
      msteams: { type: 'task/fetch' },
      secForm: 'view',
      secRef: 'DP001',
    });
    expect(texts(card)).toMatch(/Or type: .*view/);
    // `status DP001` is not a form; a line with its arguments is answered as text, as on Slack.
    const status = await bot.say(channelMention(bot.fake.url, 'cb2', 'status DP001'));
    expect(status.reply).toMatch(/DP001/);
  });

  it('R2: a form button on a card posted before dialogs (Action.Execute) writes nothing and says so', async () => {
    const writes = await events();
    const r = await bot.post(
      executeInvoke(bot.fake.url, 'cb2', { verb: 'view', data: { action: 'view', ref: 'DP001' } }),
    );
    expect(String((r.body as { value?: unknown }).value)).toMatch(/older card/);
    expect(await events()).toBe(writes);
  });
});
