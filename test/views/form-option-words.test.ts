// R71: a form's choices read in plain words, as the cards name them: the Initial Assessment's route
// ("Report Stage", not "report"), a view ("Support"), a consultation position ("Oppose"), the chair's
// route. The value sent is still the typed word, so the form's twin is the command as typed (R43).
import { describe, expect, it } from 'vitest';
import { formFor, formToText } from '../../src/views/forms.ts';
import { givenDp } from '../support/scenario.ts';

const labels = (id: Parameters<typeof formFor>[0], field: string) =>
  formFor(id, { modification: givenDp().mod(1) }).fields.find((f) => f.id === field)?.options ?? [];

describe('R71 form choices in plain words', () => {
  it.each([
    ['iar', 'route', ['Development', 'Refinement', 'Report Stage', 'Fast Track']],
    ['view', 'stance', ['Support', 'Concerns', 'Oppose']],
    ['respond', 'S0', ['Support', 'Oppose']],
    ['panel-route', 'route', ['Refinement', 'Report Stage']],
  ] as const)('%s %s', (form, field, words) => {
    const options = labels(form, field);
    for (const w of words) expect(options.map((o) => o.label)).toContain(w);
    for (const o of options) expect(o.label).not.toBe(o.value);
  });

  it('the value sent is still the typed word', () => {
    const form = formFor('view', { ref: 'DP001' });
    expect(formToText(form, 'DP001', { stance: 'concerns' })).toBe('view DP001 concerns');
  });
});
