// R16.2–R16.5: every solution, Alternatives included, has its business requirements and legal text and
// goes to the Working Group Consultation. An Alternative added after the requirements step reopens it and
// every later step; once the consultation has opened one can no longer be added.
import { describe, expect, it } from 'vitest';
import { checklist } from '../../src/domain/stages/refinement-steps.ts';
import { toConsultation, toDraftReport, toRefinement } from '../support/formal.ts';

const stateOf = (s: ReturnType<typeof toRefinement>, id: string) =>
  checklist(s.mod(1)).find((x) => x.id === id)?.state;

describe('R16.2 an Alternative Solution keeps the checklist true', () => {
  it('R16.2 R16.3 added after requirements and legal text are done, it reopens them and every later step', () => {
    const s = toRefinement();
    toConsultation(s);
    const r = s.ok('sam', { type: 'solution-add', ref: 1, title: 'Phase it in' });
    expect(r.events).toContainEqual({
      type: 'StepsReopened',
      n: 1,
      from: 'requirements',
      reason: 'Alternative Solution A1 added',
    });
    expect(r.reply).toContain('reopened');
    expect(s.mod(1).solutions.map((x) => x.id)).toEqual(['S0', 'A1']);
    for (const id of ['requirements', 'dcc-pa', 'legal-text', 'benefits', 'wg-consultation']) {
      expect(stateOf(s, id)).toBe('pending');
    }
    expect(stateOf(s, 'wg')).toBe('done');
    // The consultation waits for the requirements and legal text again.
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites');
  });

  it('R16.2 added before the requirements step is done, nothing reopens', () => {
    const s = toRefinement();
    const r = s.ok('sam', { type: 'solution-add', ref: 1, title: 'Phase it in' });
    expect(r.events.map((e) => e.type)).toEqual(['SolutionAdded']);
    expect(r.reply).toContain('its business requirements are part of the requirements step');
  });

  it('R16.5 once the Working Group Consultation has opened, an Alternative is refused with the reason', () => {
    const s = toRefinement();
    toDraftReport(s);
    s.ok('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
    const r = s.refused('sam', { type: 'solution-add', ref: 1, title: 'Late alternative' }, 'wrong_status');
    expect(r.message).toBe(
      'The Working Group Consultation on MP001 has opened, so an Alternative Solution can no longer be added: Alternatives are raised before it so that the consultation covers them.',
    );
    expect(s.mod(1).solutions.map((x) => x.id)).toEqual(['S0']);
    expect(stateOf(s, 'requirements')).toBe('done');
  });
});
