// R9, R43: across every neutral form (src/views/forms.ts), a flag (a word present when true, e.g.
// `raise … fasttrack`) is one checkbox whose one option asks for it, and its twin names the flag only
// when ticked; a yes-no pair (`iar … dcc=yes|no`) is a choice between yes and no. Both platforms draw
// from these fields: Slack a checkboxes element, Teams an Input.Toggle titled by the one option.
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../src/domain/grammar/fields.ts';
import { FORM_IDS, formFor, formToText } from '../../src/views/forms.ts';

const all = FORM_IDS.flatMap((id) => formFor(id, { ref: 'DP007' }).fields.map((f) => ({ id, f })));

describe('flag and yes-no fields of the neutral forms', () => {
  it('every checkbox has exactly one option, its value yes (ticked: asked for; unticked: not)', () => {
    const boxes = all.filter(({ f }) => f.kind === 'checkbox');
    expect(boxes.map(({ id, f }) => `${id}.${f.id}`)).toEqual(['raise.fasttrack']);
    for (const { f } of boxes) {
      expect(f.options).toEqual([{ value: 'yes', label: 'Request Fast Track (a housekeeping change)' }]);
      expect(f.optional).toBe(true);
    }
  });

  it('a yes-no pair is a select between yes and no, with its labels', () => {
    const dcc = formFor('iar', { ref: 'DP007' }).fields.find((f) => f.id === 'dcc');
    expect(dcc).toMatchObject({
      kind: 'select',
      options: [
        { value: 'yes', label: 'Yes, likely' },
        { value: 'no', label: 'No, not likely' },
      ],
    });
    // Each declared yes-no field outside a flag is such a select.
    for (const id of FORM_IDS) {
      const form = formFor(id, { ref: 'DP007' });
      const declared = id === 'respond' || id === 'meeting-propose' ? [] : fieldsOf(id);
      for (const d of declared.filter((x) => x.holds === 'yes-no' && x.syntax !== 'flag')) {
        const f = form.fields.find((x) => x.id === d.id);
        expect(f?.kind).toBe('select');
        expect(f?.options?.map((o) => o.value)).toEqual(['yes', 'no']);
      }
    }
  });

  it('the raise twin names fasttrack only when the box is ticked', () => {
    const raise = formFor('raise');
    const values = { title: 'T', problem: 'P' };
    expect(formToText(raise, undefined, { ...values, fasttrack: true })).toBe(
      'raise title="T" problem="P" fasttrack',
    );
    expect(formToText(raise, undefined, { ...values, fasttrack: false })).toBe('raise title="T" problem="P"');
  });
});
