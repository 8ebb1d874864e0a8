// Forms as Teams dialogs: every neutral form renders as an Adaptive Card with one input
// per field (ids = field ids), and a submission as Teams sends it (every value a string) reads back through
// readDialogSubmission → formToText → parse to the command the form stands for (R43, R65); bad or missing
// values are per-field errors (R45); user text in labels and intros stays text (R44). Opening one: the
// task/fetch data of a card button or of the button offered after a typed form command decodes to its
// form, and anything else is a typed error (R2, R45).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/commands.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { Form, FormId, FormValues } from '../../src/views/forms.ts';
import { FORM_IDS, formFor, formToText } from '../../src/views/forms.ts';
import {
  decodeTaskFetch,
  dialogMessage,
  dialogMeta,
  dialogResponse,
  formPromptCard,
  readDialogSubmission,
  renderDialog,
  submittedValues,
} from '../../adapters/teams/render/dialog.ts';
import { toReport } from '../support/formal.ts';
import { londonTime } from '../support/scenario.ts';

const NASTY = 'He said "stop" \\ then\nleft: <at>Bob</at> [click](http://x) title="x" ${y}';
const A = (label: string) => `${label}: ${NASTY}`;
/** R71: a title or organisation is stored on one line: its line breaks read as a space. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
const SLOTS = ['2027-01-11T14:00', '2027-03-29T10:00', '2027-10-31T12:00'];

const CASES: { form: FormId; values: FormValues; command: Command }[] = [
  {
    form: 'raise',
    values: { title: A('T'), problem: A('P'), fasttrack: true },
    command: { type: 'raise', title: oneLine(A('T')), problem: A('P'), fastTrack: true },
  },
  {
    form: 'amend',
    values: { title: oneLine(A('T')) },
    command: { type: 'amend', ref: 7, title: oneLine(A('T')) },
  },
  {
    form: 'iar',
    values: { impacts: A('I'), route: 'fasttrack', subcommittees: 'TABASC, SSC', dcc: 'no' },
    command: {
      type: 'iar',
      ref: 7,
      impacts: A('I'),
      route: 'fasttrack',
      subcommittees: ['TABASC', 'SSC'],
      dcc: false,
    },
  },
  {
    form: 'view',
    values: { stance: 'concerns', comments: A('C') },
    command: { type: 'view', ref: 7, stance: 'concerns', comments: A('C') },
  },
  {
    form: 'respond',
    values: { org: 'Acme', S0: 'oppose', comments: A('C') },
    command: { type: 'respond', ref: 7, org: 'Acme', positions: { S0: 'oppose' }, comments: A('C') },
  },
  { form: 'object', values: { reason: A('R') }, command: { type: 'object', ref: 7, reason: A('R') } },
  { form: 'proceed', values: {}, command: { type: 'proceed', ref: 7 } },
  { form: 'withdraw', values: { reason: A('R') }, command: { type: 'withdraw', ref: 7, reason: A('R') } },
  {
    form: 'panel-route',
    values: { route: 'refinement', determination: 'authority', by: '2027-02-01', questions: A('Q') },
    command: {
      type: 'panel-route',
      ref: 7,
      route: 'refinement',
      determination: 'authority',
      by: '2027-02-01',
      questions: A('Q'),
    },
  },
  { form: 'panel-stall-notice', values: {}, command: { type: 'panel-stall-notice', ref: 7 } },
  {
    form: 'panel-close',
    values: { reason: A('R') },
    command: { type: 'panel-close', ref: 7, reason: A('R') },
  },
  {
    form: 'meeting-propose',
    values: Object.fromEntries(SLOTS.map((s, i) => [`slot${i + 1}`, s])),
    command: { type: 'meeting-propose', ref: 7, slots: SLOTS.map((s) => londonTime(s).toISOString()) },
  },
];

/** What Teams submits for these values: every input's value as a string, the submit button's data merged in. */
function teamsData(form: Form, values: FormValues): Record<string, string> {
  const card = renderDialog(form);
  const submit = card.actions?.[0];
  const data: Record<string, string> = {
    ...(submit?.type === 'Action.Submit' ? (submit.data as Record<string, string>) : {}),
  };
  for (const f of form.fields) {
    const v = values[f.id];
    if (f.kind === 'checkbox') data[f.id] = v === true ? 'true' : 'false';
    else if (typeof v === 'string') data[f.id] = f.kind === 'datetime' ? v.replace('T', ' ') : v;
  }
  return data;
}

function commandOf(text: string): Command {
  const r = parse(text);
  if (!r.ok || r.input.kind !== 'command') throw new Error(`${text} → ${r.ok ? 'query' : r.message}`);
  return r.input.command;
}

describe('dialogs round-trip (R43, R65)', () => {
  it('R43 the table covers every form', () => {
    expect(CASES.map((c) => c.form).sort()).toEqual([...FORM_IDS].sort());
  });

  it.each(CASES)('R43 the $form dialog reads back through formToText to the command parse() gives', (c) => {
    const form = formFor(c.form, c.form === 'raise' ? {} : { ref: 'DP007' });
    const data = teamsData(form, c.values);
    expect(dialogMeta(data)).toEqual({ secForm: c.form, ...(form.ref ? { secRef: 'DP007' } : {}) });
    const sub = readDialogSubmission(form, data);
    if (!sub.ok) throw new Error(JSON.stringify(sub.errors));
    expect(commandOf(formToText(form, dialogMeta(data)?.secRef, sub.values))).toEqual(c.command);
  });

  it('R43 every field is an input whose id is the field id, of the right kind', () => {
    const form = formFor('raise');
    const card = renderDialog(form);
    expect(card.body.map((e) => [e.type, 'id' in e ? e.id : undefined])).toEqual([
      ['Input.Text', 'title'],
      ['Input.Text', 'problem'],
      ['Input.Text', 'solution'],
      ['Input.Text', 'benefits'],
      ['Input.Toggle', 'fasttrack'],
    ]);
    expect(card.body[1]).toMatchObject({ isMultiline: true, isRequired: true });
    expect(card.body[0]).toMatchObject({ maxLength: 200 });
    expect(card.body[4]).toMatchObject({ valueOn: 'true', valueOff: 'false', value: 'false' });
    const route = renderDialog(formFor('panel-route', { ref: 'MP001' }));
    expect(route.body.map((e) => e.type)).toEqual([
      'TextBlock',
      'Input.ChoiceSet',
      'Input.ChoiceSet',
      'Input.Date',
      'Input.Text',
    ]);
    const slots = renderDialog(formFor('meeting-propose', { ref: 'MP001' }));
    expect(slots.body[1]).toMatchObject({
      type: 'Input.Text',
      id: 'slot1',
      placeholder: 'YYYY-MM-DD HH:MM (London)',
    });
    expect(dialogResponse(form).task).toMatchObject({
      type: 'continue',
      value: { title: 'Raise a Draft Proposal' },
    });
  });

  it('R65 respond has one ChoiceSet per solution; amend is prefilled raw', () => {
    const s = toReport({ alternatives: ['<at>Cheaper</at>'] });
    const card = renderDialog(formFor('respond', { modification: s.mod(1) }));
    expect(card.body.filter((e) => e.type === 'Input.ChoiceSet').map((e) => ('id' in e ? e.id : ''))).toEqual(
      ['S0', 'A1'],
    );
    expect(JSON.stringify(card)).not.toMatch(/\\\\<at/);
  });
});

describe('dialog errors (R45)', () => {
  it('R45 a missing required field, a bad choice, a bad date and a bad time are field errors', () => {
    expect(readDialogSubmission(formFor('object', { ref: 'DP001' }), {})).toEqual({
      ok: false,
      errors: { reason: 'Please fill this in.' },
    });
    const route = formFor('panel-route', { ref: 'MP001' });
    expect(readDialogSubmission(route, { route: 'nowhere', by: '2027-02-30' })).toEqual({
      ok: false,
      errors: { route: 'Choose one of the options.', by: 'Choose a date.' },
    });
    const meeting = formFor('meeting-propose', { ref: 'MP001' });
    const bad = readDialogSubmission(meeting, { slot1: 'tomorrow', slot2: '2027-01-11 14:00' });
    expect(bad.ok ? {} : bad.errors).toEqual({ slot1: 'Write it as YYYY-MM-DD HH:MM (London).' });
    expect(readDialogSubmission(meeting, { slot1: '2027-01-11 14:00', slot2: '2027-01-11T14:00' })).toEqual({
      ok: false,
      errors: { slot2: 'The same time as Slot 1.' },
    });
    expect(readDialogSubmission(formFor('raise'), { title: 'x'.repeat(201), problem: 'P' })).toMatchObject({
      ok: false,
      errors: { title: 'At most 200 characters (this has 201).' },
    });
    expect(readDialogSubmission(formFor('raise'), null)).toMatchObject({ ok: false });
  });

  it('R45 R44 a dialog answered with errors keeps the typed values and shows errors as text', () => {
    const form = formFor('object', { ref: 'DP001' });
    const card = renderDialog(form, { values: { reason: 'r' }, errors: { reason: '<at>x</at> bad' } });
    expect(card.body[1]).toMatchObject({ id: 'reason', value: 'r' });
    expect(card.body[2]).toMatchObject({
      type: 'TextBlock',
      text: '\\<at\\>x\\</at\\> bad',
      color: 'Attention',
    });
    expect(dialogMeta({ secForm: 'nope' })).toBeUndefined();
  });
});

describe('opening a dialog: task/fetch data (R2, R43, R44, R45)', () => {
  it('R43 a typed form command is offered a button whose task/fetch data asks for that form', () => {
    const form = formFor('view', { ref: 'DP007' });
    const card = formPromptCard(form, 'view DP001 support|concerns|oppose');
    const [button] = card.body.flatMap((e) => (e.type === 'ActionSet' ? e.actions : []));
    if (button?.type !== 'Action.Submit') throw new Error('no Action.Submit');
    expect(button.data).toEqual({ msteams: { type: 'task/fetch' }, secForm: 'view', secRef: 'DP007' });
    expect(decodeTaskFetch({ data: button.data })).toEqual({ ok: true, form: 'view', ref: 'DP007' });
    expect(JSON.stringify(card)).toContain('Or type: view DP001 support|concerns|oppose');
  });

  it('R44 the prompt shows a hostile intro or usage as text', () => {
    const form = { ...formFor('raise'), title: '<at>Bob</at> [x](http://y)' };
    const card = formPromptCard(form, '**usage** ${x}');
    const shown = card.body.flatMap((e) => (e.type === 'TextBlock' ? [e.text] : []));
    expect(shown.join('\n')).not.toMatch(/(?<!\\)[<[*]|(?<!\\)\$\{/);
    expect(JSON.stringify(card)).not.toMatch(/<at>/);
  });

  it('R43 a card button payload decodes with the shared schemas to the form it opens', () => {
    const t = { type: 'task/fetch' };
    expect(decodeTaskFetch({ data: { msteams: t, action: 'object', ref: 'mp001' } })).toEqual({
      ok: true,
      form: 'object',
      ref: 'MP001',
    });
    expect(
      decodeTaskFetch({ data: { msteams: t, action: 'respond', ref: 'MP001', consultation: 'c-1' } }),
    ).toEqual({ ok: true, form: 'respond', ref: 'MP001' });
  });

  it.each([
    [{ action: 'view', ref: 'DP001', voter: 'cb1' }, 'bad_value'],
    [{ action: 'vote', ref: 'DP001', ballot: 'b', option: 'approve' }, 'bad_value'],
    [{ action: 'nope', ref: 'DP001' }, 'unknown_action'],
    [{ secForm: 'raise', actor: 'chair' }, 'bad_value'],
    [{ secForm: 'view', secRef: 'XX1' }, 'bad_value'],
    [{ secForm: 'nope' }, 'unknown_action'],
    [{ secForm: 'raise', pad: 'x'.repeat(3000) }, 'bad_value'],
  ])('R2 R45 task/fetch data %j is the typed error %s', (data, code) => {
    const r = decodeTaskFetch({ data: { msteams: { type: 'task/fetch' }, ...data } });
    expect(r.ok ? 'decoded' : r.code).toBe(code);
  });

  it('R45 decodeTaskFetch never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.json(), fc.anything()), (value, data) => {
        expect(typeof decodeTaskFetch(value).ok).toBe('boolean');
        expect(typeof decodeTaskFetch({ data }).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('R45 the values shown again are the form’s own fields only, as submitted', () => {
    const form = formFor('object', { ref: 'DP001' });
    expect(submittedValues(form, { secForm: 'object', reason: ' kept ', other: 'x', msteams: {} })).toEqual({
      reason: ' kept ',
    });
    expect(submittedValues(form, 'nonsense')).toEqual({});
    expect(dialogMessage('Done.')).toEqual({ task: { type: 'message', value: 'Done.' } });
  });
});
