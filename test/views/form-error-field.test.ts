// R45: a form's refusal is shown under the field it is about: the chair's route with a report-back
// date in the past was told so under "Route", the first field. Now under "Report back by", found by
// the answer the refusal quotes; a refusal that names no field still goes under the first.
import { describe, expect, it } from 'vitest';
import { fieldOf, formFor } from '../../src/views/forms.ts';
import { givenDp } from '../support/scenario.ts';

describe('R45 which field a refusal is shown under', () => {
  it('the report-back date in the past: under the date, from the very refusal the chair gets', () => {
    const s = givenDp({ status: 'awaiting_panel' });
    const values = { route: 'development' as const, by: '2026-11-30' };
    const refusal = s.refused('chair', { type: 'panel-route', ref: 1, ...values }, 'bad_input');
    const form = formFor('panel-route', { modification: s.mod(1) });
    expect(refusal.message).toContain('2026-11-30');
    expect(fieldOf(form, values, refusal.message)).toBe('by');
  });

  it('a refusal naming a field as typed, or by its label; none: undefined', () => {
    const form = formFor('panel-route', { ref: 'DP001' });
    expect(fieldOf(form, {}, 'questions=… is too long')).toBe('questions');
    expect(fieldOf(form, {}, 'The determination is set already.')).toBe('determination');
    expect(fieldOf(form, { route: 'report' }, 'DP001 cannot be routed now.')).toBeUndefined();
  });
});
