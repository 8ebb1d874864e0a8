// The Amend form (R10) and a text longer than a text box holds (3,000 characters on both platforms): it
// was prefilled cut to fit, so submitting with only the title changed saved the cut copy as an
// amendment ("DP002 amended: Title; Problem statement."), and the DP card ended mid-line. Now such a
// text is not prefilled: the box is empty, which keeps it, and says so. Emptying a prefilled field is
// refused on that field, where it was refused under the title with "Give at least one field to amend."
import { describe, expect, it } from 'vitest';
import { renderModal } from '../../adapters/slack/render/modals.ts';
import { renderDialog } from '../../adapters/teams/render/dialog.ts';
import { FORM_INPUT_MAX, checkForm, formFor, formToText } from '../../src/views/forms.ts';
import { Scenario } from '../support/scenario.ts';

const LONG = `${'A line of the problem. '.repeat(160)}The end.`;

function amendForm(problem: string) {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem });
  return formFor('amend', { modification: s.mod(1) });
}

describe('the Amend form and a text longer than a text box', () => {
  it('a long problem statement is not prefilled; the box says why, and left empty keeps it', () => {
    expect([...LONG].length).toBeGreaterThan(FORM_INPUT_MAX);
    const form = amendForm(LONG);
    const problem = form.fields.find((f) => f.id === 'problem');
    expect(problem?.initial).toBeUndefined();
    expect(problem?.hint).toBe(
      `It is ${[...LONG].length.toLocaleString('en-GB')} characters long, more than this box holds, so it is not shown here. Leave the box empty to keep it, or write the whole new text.`,
    );
    const values = { title: 'Quicker switching', problem: '' };
    expect(checkForm(form, values)).toEqual({});
    expect(formToText(form, 'DP001', values)).toBe('amend DP001 title="Quicker switching"');
    // Neither platform shows a cut copy in the box.
    expect(JSON.stringify(renderModal(form))).not.toContain('A line of the problem');
    expect(JSON.stringify(renderDialog(form))).not.toContain('A line of the problem');
  });

  it('a problem statement that fits is prefilled whole, and unchanged is not amended', () => {
    const form = amendForm('Switching takes too long');
    expect(form.fields.find((f) => f.id === 'problem')?.initial).toBe('Switching takes too long');
    const values = { title: 'Quicker switching', problem: 'Switching takes too long' };
    expect(formToText(form, 'DP001', values)).toBe('amend DP001 title="Quicker switching"');
  });

  it('emptying a prefilled field is refused on that field, saying how to keep it', () => {
    const form = amendForm('Switching takes too long');
    expect(checkForm(form, { title: 'Faster switching', problem: '  ' })).toEqual({
      problem: 'An amendment cannot empty the problem statement: put its text back to keep it as it is.',
    });
    expect(checkForm(form, { title: 'Faster switching', problem: 'Switching takes too long' })).toEqual({
      title: 'Change at least one field.',
    });
  });
});
