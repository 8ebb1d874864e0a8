// R75: formRefusal, asked before a form opens: the refusal its submit would get now, in the stage's
// own words (the very decide the submit runs), or nothing when some answers would be accepted, or when
// the refusal depends on the answers (a route, a title on an MP, stall criteria counted on the admin's
// calendar). Every form opens in a state where its submit is accepted: the placeholders it tries are
// answers the grammar and the stages accept.
import { describe, expect, it } from 'vitest';
import { formRefusal } from '../../src/app/interaction/forms.ts';
import type { Command } from '../../src/domain/commands.ts';
import { decide } from '../../src/domain/decide.ts';
import type { Refusal } from '../../src/domain/types.ts';
import { isRefusal } from '../../src/domain/types.ts';
import type { FormId } from '../../src/views/forms.ts';
import { formFor } from '../../src/views/forms.ts';
import { refuseExtension, toConsultation, toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

const PANEL = ['chair', 'pm1', 'pm2', 'pm3', 'pm4'];

/** What formRefusal says to `who` about form `id` on modification 1 (none for raise). */
function asked(s: Scenario, who: string, id: FormId): Refusal | undefined {
  const m = id === 'raise' ? undefined : s.mod(1);
  return formRefusal(s.world, s.ctx(who), formFor(id, m ? { modification: m } : {}));
}

/** What the submit's decide says to `who` about `cmd` (a refusal's words, marks and all). */
function submitted(s: Scenario, who: string, cmd: Command): Refusal {
  const r = decide(s.world, cmd, s.ctx(who));
  if (!isRefusal(r)) throw new Error(`${cmd.type} was accepted`);
  return r;
}

function raised(fastTrack = false): Scenario {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long', fastTrack });
  return s;
}

describe('R75 formRefusal: a form whose submit would be accepted opens', () => {
  it('raise, amend, iar and withdraw on a fresh draft, for those who may', () => {
    const s = raised();
    expect(asked(s, 'alice', 'raise')).toBeUndefined();
    expect(asked(s, 'alice', 'amend')).toBeUndefined();
    expect(asked(s, 'sam', 'iar')).toBeUndefined();
    expect(asked(s, 'alice', 'withdraw')).toBeUndefined();
  });

  it('view while views are open; panel route once they closed', () => {
    const s = raised();
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    expect(asked(s, 'cb1', 'view')).toBeUndefined();
    s.ok('sam', { type: 'views-close', ref: 1 });
    expect(asked(s, 'chair', 'panel-route')).toBeUndefined();
  });

  it('object in the Fast Track objection window', () => {
    const s = raised(true);
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    for (const p of PANEL) s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    expect(asked(s, 'bob', 'object')).toBeUndefined();
  });

  it('meeting propose and amend (of the solution: an MP’s title is fixed) in refinement; respond in a consultation', () => {
    const s = toRefinement();
    expect(asked(s, 'sam', 'meeting-propose')).toBeUndefined();
    expect(asked(s, 'alice', 'amend')).toBeUndefined();
    toConsultation(s);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    expect(asked(s, 'bob', 'respond')).toBeUndefined();
  });

  it('panel route to the Report Stage after a refused extension (only that route is open)', () => {
    const s = toRefinement();
    refuseExtension(s);
    expect(asked(s, 'chair', 'panel-route')).toBeUndefined();
  });

  it('a stall notice, then a close, on a stalled modification', () => {
    const s = raised();
    s.at('2027-06-01T10:00');
    expect(asked(s, 'chair', 'panel-stall-notice')).toBeUndefined();
    s.ok('chair', { type: 'panel-stall-notice', ref: 1 });
    s.at('2027-07-01T10:00');
    expect(asked(s, 'chair', 'panel-close')).toBeUndefined();
  });
});

describe('R75 formRefusal: a form whose submit would be refused says so, in the submit’s words', () => {
  it('view after views close', () => {
    const s = raised();
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('sam', { type: 'views-open', ref: 1 });
    s.ok('sam', { type: 'views-close', ref: 1 });
    const r = asked(s, 'cb1', 'view');
    expect(r).toEqual(submitted(s, 'cb1', { type: 'view', ref: 1, stance: 'support' }));
    expect(r?.message).toBe('Change Board views on DP001 are not open (it is awaiting the Panel).');
  });

  it('object on a draft with no Fast Track decision, and after the window closed', () => {
    const s = raised(true);
    expect(asked(s, 'bob', 'object')?.message).toBe('DP001 has no Fast Track decision to object to.');
    s.ok('chair', { type: 'panel-fasttrack', ref: 1 });
    for (const p of PANEL) s.ok(p, { type: 'vote', ref: 1, option: 'approve' });
    s.ok('chair', { type: 'ballot-close', ref: 1 });
    s.at('2027-01-10T10:00');
    const r = asked(s, 'bob', 'object');
    expect(r?.code).toBe('window_closed');
    expect(r).toEqual(submitted(s, 'bob', { type: 'object', ref: 1, reason: 'late' }));
  });

  it('amend and withdraw on a withdrawn DP; respond after the consultation closed', () => {
    const s = raised();
    s.ok('alice', { type: 'withdraw', ref: 1, reason: 'no longer needed' });
    expect(asked(s, 'alice', 'amend')).toEqual(
      submitted(s, 'alice', { type: 'amend', ref: 1, solution: 'x' }),
    );
    expect(asked(s, 'alice', 'withdraw')?.message).toBe('DP001 is withdrawn: it can no longer be withdrawn.');
    const c = toRefinement();
    toConsultation(c);
    c.ok('sam', { type: 'consult-open', ref: 1 });
    c.ok('sam', { type: 'consult-close', ref: 1 });
    const r = asked(c, 'bob', 'respond');
    expect(r?.code).toBe('consultation_closed');
    expect(r).toEqual(
      submitted(c, 'bob', { type: 'respond', ref: 1, org: 'Org', positions: { S0: 'support' } }),
    );
  });

  it('R2: someone the form is not for (raise without the party role, withdraw by another)', () => {
    const s = raised();
    expect(asked(s, 'cb1', 'raise')?.code).toBe('forbidden');
    expect(asked(s, 'bob', 'withdraw')).toEqual(
      submitted(s, 'bob', { type: 'withdraw', ref: 1, reason: 'x' }),
    );
  });
});

describe('R75 formRefusal: a refusal that depends on the answers is left to the submit', () => {
  it('panel route in refinement: each route is refused for its own reason, so the form opens', () => {
    const s = toRefinement();
    expect(submitted(s, 'chair', { type: 'panel-route', ref: 1, route: 'report' }).code).toBe('wrong_status');
    expect(asked(s, 'chair', 'panel-route')).toBeUndefined();
  });

  it('a stall notice on a modification that is not stalled (counted on the admin’s calendar)', () => {
    const s = raised();
    expect(submitted(s, 'chair', { type: 'panel-stall-notice', ref: 1 }).code).toBe('not_stalled');
    expect(asked(s, 'chair', 'panel-stall-notice')).toBeUndefined();
  });
});
