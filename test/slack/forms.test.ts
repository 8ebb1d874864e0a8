// The neutral forms: each filled form's text twin (R43, R65) parses back to the command
// the form stands for, whatever the values hold: quotes, backslashes, newlines, mentions, `key=value`
// lookalikes (R66). formFor prefills from state; checkForm answers like the grammar does (R45). The Slack
// modal of each form reads a submission, as Slack sends it, back to the same command.
import type { types } from '@slack/bolt';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Command } from '../../src/domain/commands.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { FormId, FormValues } from '../../src/views/forms.ts';
import { FORM_IDS, checkForm, formFor, formToText } from '../../src/views/forms.ts';
import type { InputBlock, StateValue, StateValues } from '../../adapters/slack/render/modals.ts';
import {
  MODAL_LIMITS,
  formIdOfCallback,
  readSubmission,
  renderModal,
} from '../../adapters/slack/render/modals.ts';
import { toReport } from '../support/formal.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

/** Values that would break a naive twin: quotes, a backslash, a newline, markup, a fake pair. */
const NASTY = 'He said "stop" \\ then\nleft: <@U123> title="x" fasttrack “curly”';
const A = (label: string) => `${label}: ${NASTY}`;
/** R71: a title or organisation is stored on one line: its line breaks read as a space. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

function commandOf(text: string): Command {
  const r = parse(text);
  if (!r.ok) throw new Error(`${text} → ${r.message}`);
  if (r.input.kind !== 'command') throw new Error(`${text} is a query`);
  return r.input.command;
}

const SLOTS = [
  '2027-01-11T14:00',
  '2027-01-12T09:30',
  '2027-03-29T10:00',
  '2027-07-01T16:00',
  '2027-10-31T12:00',
];

const CASES: { form: FormId; values: FormValues; command: Command }[] = [
  {
    form: 'raise',
    values: { title: A('T'), problem: A('P'), solution: A('S'), benefits: A('B'), fasttrack: true },
    command: {
      type: 'raise',
      title: oneLine(A('T')),
      problem: A('P'),
      solution: A('S'),
      benefits: A('B'),
      fastTrack: true,
    },
  },
  {
    form: 'amend',
    values: { title: A('T'), problem: A('P'), solution: A('S'), benefits: A('B') },
    command: {
      type: 'amend',
      ref: 7,
      title: oneLine(A('T')),
      problem: A('P'),
      solution: A('S'),
      benefits: A('B'),
    },
  },
  {
    form: 'iar',
    values: {
      impacts: A('I'),
      route: 'fasttrack',
      questions: A('Q'),
      expertise: A('E'),
      subcommittees: 'TABASC, SSC',
      timetable: A('TT'),
      dcc: 'yes',
    },
    command: {
      type: 'iar',
      ref: 7,
      impacts: A('I'),
      route: 'fasttrack',
      questions: A('Q'),
      expertise: A('E'),
      subcommittees: ['TABASC', 'SSC'],
      timetable: A('TT'),
      dcc: true,
    },
  },
  {
    form: 'view',
    values: {
      stance: 'concerns',
      rationale: A('R'),
      fit: A('F'),
      areas: A('A'),
      questions: A('Q'),
      parallel: A('P'),
      comments: A('C'),
    },
    command: {
      type: 'view',
      ref: 7,
      stance: 'concerns',
      rationale: A('R'),
      fit: A('F'),
      areas: A('A'),
      questions: A('Q'),
      parallel: A('P'),
      comments: A('C'),
    },
  },
  {
    form: 'respond',
    values: { org: A('O'), S0: 'oppose', comments: A('C') },
    command: { type: 'respond', ref: 7, org: oneLine(A('O')), positions: { S0: 'oppose' }, comments: A('C') },
  },
  { form: 'object', values: { reason: A('R') }, command: { type: 'object', ref: 7, reason: A('R') } },
  { form: 'proceed', values: { rationale: A('R') }, command: { type: 'proceed', ref: 7, rationale: A('R') } },
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

describe('form twins (R43, R65, R66)', () => {
  it('R43 the table covers every form', () => {
    expect(CASES.map((c) => c.form).sort()).toEqual([...FORM_IDS].sort());
  });

  it.each(CASES)('R43 R65 the $form form, every field filled, twins to the command parse() gives', (c) => {
    const form = formFor(c.form, c.form === 'raise' ? {} : { ref: 'DP007' });
    for (const f of form.fields) {
      if (!f.optional && f.kind !== 'checkbox') expect(c.values[f.id], `${c.form}.${f.id}`).toBeDefined();
    }
    const text = formToText(form, undefined, c.values);
    expect(commandOf(text)).toEqual(c.command);
    expect(checkForm(form, c.values)).toEqual({});
  });

  it('R43 optional fields left empty are left out of the twin', () => {
    const raise = formFor('raise');
    expect(formToText(raise, undefined, { title: 'T', problem: 'P', solution: '  ', fasttrack: false })).toBe(
      'raise title="T" problem="P"',
    );
    expect(formToText(formFor('proceed', { ref: 'MP042' }), undefined, {})).toBe('proceed MP042');
    expect(commandOf('proceed MP042')).toEqual({ type: 'proceed', ref: 42 });
    expect(formToText(formFor('view'), 'DP003', { stance: 'support' })).toBe('view DP003 support');
  });

  it('R66 a value ending in a backslash or made only of quotes reads back exactly', () => {
    for (const reason of ['ends with \\', '"', '\\"', 'line one\r\nline two', '  padded  ']) {
      const text = formToText(formFor('object', { ref: 'DP001' }), undefined, { reason });
      expect(commandOf(text)).toEqual({ type: 'object', ref: 1, reason: reason.trim() });
    }
  });
});

describe('formFor prefills from state', () => {
  it('R65 amend starts from the current text and twins only what changed', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Old title', problem: 'Old problem', solution: 'Old solution' });
    const form = formFor('amend', { modification: s.mod(1) });
    expect(form.ref).toBe('DP001');
    expect(form.fields.map((f) => [f.id, f.initial])).toEqual([
      ['title', 'Old title'],
      ['problem', 'Old problem'],
      ['solution', 'Old solution'],
      ['benefits', undefined],
    ]);
    const values = { title: 'New "title"', problem: 'Old problem', solution: 'Old solution' };
    expect(formToText(form, undefined, values)).toBe('amend DP001 title="New \\"title\\""');
    expect(commandOf(formToText(form, undefined, values))).toEqual({
      type: 'amend',
      ref: 1,
      title: 'New "title"',
    });
    expect(checkForm(form, { title: 'Old title', problem: 'Old problem', solution: 'Old solution' })).toEqual(
      {
        title: 'Change at least one field.',
      },
    );
  });

  it('R37 R65 respond has one support/oppose select per solution of the modification', () => {
    const s = toReport({ alternatives: ['Cheaper', 'Slower'] });
    const form = formFor('respond', { modification: s.mod(1) });
    expect(form.fields.map((f) => [f.id, f.kind, f.optional ?? false])).toEqual([
      ['org', 'text', false],
      ['S0', 'select', false],
      ['A1', 'select', false],
      ['A2', 'select', false],
      ['comments', 'textarea', true],
    ]);
    expect(form.fields[2]?.label).toBe('A1: Cheaper');
    const values = { org: 'Acme "Energy"', S0: 'support', A1: 'oppose', A2: 'support' };
    expect(commandOf(formToText(form, undefined, values))).toEqual({
      type: 'respond',
      ref: 1,
      org: 'Acme "Energy"',
      positions: { S0: 'support', A1: 'oppose', A2: 'support' },
    });
  });

  it('R11 R13 iar and panel route start from the recorded assessment', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'T', problem: 'P' });
    s.ok('sam', {
      type: 'iar',
      ref: 1,
      impacts: 'Suppliers',
      route: 'report',
      subcommittees: ['A', 'B'],
      dcc: false,
    });
    const iar = formFor('iar', { modification: s.mod(1) });
    const initial = Object.fromEntries(iar.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({
      impacts: 'Suppliers',
      route: 'report',
      subcommittees: 'A, B',
      dcc: 'no',
    });
    const route = formFor('panel-route', { modification: s.mod(1) });
    expect(route.fields.find((f) => f.id === 'route')?.initial).toBe('report');
  });
});

describe('checkForm (R45)', () => {
  it('R45 a form the grammar would refuse gets the reason on the field it concerns', () => {
    const object = formFor('object', { ref: 'DP001' });
    expect(checkForm(object, {})).toEqual({ reason: 'Missing the reason.' });
    const meeting = formFor('meeting-propose', { ref: 'MP001' });
    expect(checkForm(meeting, { slot1: SLOTS[0], slot2: SLOTS[0] })).toEqual({
      slot2: 'The same time as Slot 1.',
    });
    expect(checkForm(meeting, { slot1: SLOTS[0], slot2: SLOTS[1] })).toEqual({});
  });

  it('R45 the stall notice has no fields and twins to the bare command', () => {
    const form = formFor('panel-stall-notice', { ref: 'MP009' });
    expect(form.fields).toEqual([]);
    expect(form.intro).toContain('MP009');
    expect(commandOf(formToText(form, undefined, {}))).toEqual({ type: 'panel-stall-notice', ref: 9 });
  });
});

/** What Slack sends in view.state.values for these values, keyed block_id → action_id (both the field id). */
function slackState(form: ReturnType<typeof formFor>, values: FormValues): StateValues {
  const state: StateValues = {};
  for (const f of form.fields) {
    const v = values[f.id];
    const at = (sv: StateValue) => (state[f.id] = { [f.id]: sv });
    if (f.kind === 'text' || f.kind === 'textarea')
      at({ type: 'plain_text_input', value: (v as string) ?? null });
    if (f.kind === 'select')
      at({
        type: 'static_select',
        selected_option: v ? { value: v as string, text: { type: 'plain_text', text: 'x' } } : null,
      } as StateValue);
    if (f.kind === 'checkbox')
      at({ type: 'checkboxes', selected_options: v === true ? [{ value: 'yes' }] : [] });
    if (f.kind === 'date') at({ type: 'datepicker', selected_date: (v as string) ?? null });
    if (f.kind === 'datetime')
      at({ type: 'datetimepicker', selected_date_time: v ? londonTime(v as string).getTime() / 1000 : null });
  }
  return state;
}

describe('Slack modals', () => {
  it('R42 every form renders as a modal within Slack limits, one input per field (block_id = action_id = field id)', () => {
    for (const id of FORM_IDS) {
      const form = formFor(id, { modification: toReport({ alternatives: ['Cheaper'] }).mod(1) });
      const view = renderModal(form);
      expectTypeOf(view).toExtend<types.ModalView>();
      expect(view.type).toBe('modal');
      expect(view.callback_id).toBe(`sec:form:${id}`);
      expect(formIdOfCallback(view.callback_id)).toBe(id);
      expect(view.title.text.length).toBeLessThanOrEqual(MODAL_LIMITS.title);
      expect(view.submit?.text.length).toBeLessThanOrEqual(MODAL_LIMITS.submit);
      const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
      expect(inputs.map((b) => [b.block_id, b.element.action_id])).toEqual(
        form.fields.map((f) => [f.id, f.id]),
      );
      expect(view.blocks.length).toBeGreaterThan(0);
      for (const b of inputs) {
        const f = form.fields.find((x) => x.id === b.block_id);
        const kinds = {
          text: 'plain_text_input',
          textarea: 'plain_text_input',
          select: 'static_select',
          checkbox: 'checkboxes',
          date: 'datepicker',
          datetime: 'datetimepicker',
        };
        expect(b.element.type).toBe(kinds[f?.kind ?? 'text']);
        if (f?.kind === 'textarea') expect(b.element).toMatchObject({ multiline: true });
        if (b.element.type === 'static_select' && b.element.initial_option)
          expect(b.element.options).toContainEqual(b.element.initial_option);
      }
    }
    expect(formIdOfCallback('sec:form:nope')).toBeUndefined();
    expect(formIdOfCallback(undefined)).toBeUndefined();
  });

  it.each(CASES)(
    'R43 the $form modal, submitted as Slack sends it, reads back to the twin’s command',
    (c) => {
      const form = formFor(c.form, c.form === 'raise' ? {} : { ref: 'DP007' });
      const sub = readSubmission(form, slackState(form, c.values));
      if (!sub.ok) throw new Error(JSON.stringify(sub.errors));
      expect(commandOf(formToText(form, undefined, sub.values))).toEqual(c.command);
    },
  );

  it('R45 missing, too long or unknown answers come back as errors keyed by block_id', () => {
    const raise = formFor('raise');
    expect(readSubmission(raise, {})).toEqual({
      ok: false,
      errors: { title: 'Please fill this in.', problem: 'Please fill this in.' },
    });
    const long = readSubmission(raise, slackState(raise, { title: 'x'.repeat(201), problem: 'p' }));
    expect(long).toEqual({ ok: false, errors: { title: 'At most 200 characters (this has 201).' } });
    const view = formFor('view', { ref: 'DP001' });
    expect(readSubmission(view, slackState(view, {}))).toEqual({
      ok: false,
      errors: { stance: 'Please choose one.' },
    });
    expect(readSubmission(view, slackState(view, { stance: 'maybe' }))).toEqual({
      ok: false,
      errors: { stance: 'Choose one of the options.' },
    });
    const meeting = formFor('meeting-propose', { ref: 'MP001' });
    const dup = readSubmission(meeting, slackState(meeting, { slot1: SLOTS[0], slot2: SLOTS[0] }));
    expect(dup).toEqual({ ok: false, errors: { slot2: 'The same time as Slot 1.' } });
  });

  it('R63 datetimes are London wall-clock in the form and Unix seconds in Slack, across summer time', () => {
    const form = formFor('meeting-propose', { ref: 'MP001' });
    const summer = Date.UTC(2027, 6, 1, 15, 0) / 1000;
    const sub = readSubmission(form, {
      slot1: { slot1: { type: 'datetimepicker', selected_date_time: summer } },
      slot2: { slot2: { type: 'datetimepicker', selected_date_time: Date.UTC(2027, 0, 11, 14, 0) / 1000 } },
    });
    expect(sub).toEqual({ ok: true, values: { slot1: '2027-07-01T16:00', slot2: '2027-01-11T14:00' } });
    const prefilled = renderModal({ ...form, fields: [{ ...form.fields[0]!, initial: '2027-07-01T16:00' }] });
    expect(prefilled.blocks.find((b) => b.type === 'input')).toMatchObject({
      element: { type: 'datetimepicker', initial_date_time: summer },
    });
  });

  it('R44 option labels from user text are escaped; an input keeps its raw value to edit', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: '<!channel> & co', problem: 'P' });
    const amend = renderModal(formFor('amend', { modification: s.mod(1) }));
    expect(amend.blocks.find((b) => b.type === 'input')).toMatchObject({
      block_id: 'title',
      element: { type: 'plain_text_input', initial_value: '<!channel> & co', max_length: 200 },
    });
    expect(JSON.parse(amend.private_metadata)).toEqual({ form: 'amend', ref: 'DP001' });
    const r = toReport({ alternatives: ['<@U123> cheaper'] });
    const respond = renderModal(formFor('respond', { modification: r.mod(1) }), { privateMetadata: 'm' });
    expect(respond.private_metadata).toBe('m');
    const a1 = respond.blocks.find((b) => b.type === 'input' && b.block_id === 'A1');
    expect(JSON.stringify(a1)).toContain('A1: &lt;@U123&gt; cheaper');
    expect(JSON.stringify(a1)).not.toContain('<@');
  });
});
