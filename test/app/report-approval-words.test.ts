// R16.12, R17, R71: what the Panel chair and SECAS read about the Modification Report says what can be done
// now. The chair is offered a bare approval only when it would be accepted; with no version at all
// (a history from before the Draft Modification Report step needed one) the chair hears there is no report
// yet, not a list of items "the latest version" lacks; SECAS is asked for the report before the step.
import { describe, expect, it } from 'vitest';
import { panelDigest } from '../../src/app/notify/digest.ts';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import type { DomainEvent } from '../../src/domain/events.ts';
import { evolveAll } from '../../src/domain/evolve.ts';
import { cmd } from '../../src/views/hints.ts';
import { toConsultation, toRefinement } from '../support/formal.ts';
import type { Scenario } from '../support/scenario.ts';
import { Notify, one } from './notify-harness.ts';

const stepDone = (step: string): DomainEvent => ({ type: 'StepChanged', n: 1, step, state: 'done' });

/** An MP whose Refinement steps before the chair's approval are settled, with no report recorded. */
function noReportYet(): { s: Scenario; before: Scenario['world']; events: DomainEvent[] } {
  const s = toRefinement();
  toConsultation(s);
  s.ok('sam', { type: 'consult-open', ref: 1 });
  s.ok('sam', { type: 'consult-close', ref: 1 });
  const at = s.now.toISOString();
  s.world = evolveAll(s.world, [stepDone('draft-report')], at);
  const before = s.world;
  const events = [stepDone('sufficiency')];
  s.world = evolveAll(s.world, events, at);
  return { s, before, events };
}

describe('R16.12 the chair is told there is no report rather than what it lacks', () => {
  it('the DM, the digest and the refusal say there is no version yet and ask SECAS; none offers a bare approval', () => {
    const { s, before, events } = noReportYet();
    const ns = notificationsFor({
      events,
      before,
      after: s.world,
      ctx: s.ctx('system'),
      keyBase: 'k',
    });
    const dm = one(ns, 'person:chair').text;
    expect(dm).toBe(
      'The Modification Report of MP001 "Faster switching" awaits your approval: the Refinement steps before it are done. ' +
        'SECAS has recorded no version of it yet, so there is nothing to approve: ask SECAS to record it. ' +
        `Or return it to the Working Group with your reasons: ${cmd('panel return MP001 <reasons>')}.`,
    );
    const [digest] = panelDigest(s.world, s.ctx('system'), 'digest');
    expect(digest?.text).toBe(
      'Awaiting the Panel:\n- MP001 "Faster switching": its Modification Report awaits your approval. ' +
        'SECAS has recorded no version of it yet, so there is nothing to approve: ask SECAS to record it.',
    );
    const r = s.refused('chair', { type: 'panel-approve-report', ref: 1 }, 'prerequisites');
    expect(r.message).toBe(
      'MP001 has no Modification Report yet, so there is nothing to approve: ask SECAS to record it, then approve it (panel approve-report MP001).',
    );
    // A reason for every item does not stand in for a report that was never recorded.
    const na = Object.fromEntries(
      [
        'background',
        'solutions',
        'requirements',
        'legal-text',
        'impacts-costs',
        'implementation',
        'benefits',
        'wg-conclusions',
        'views',
        'dcc-assessment',
      ].map((i) => [i, 'n/a']),
    );
    s.refused('chair', { type: 'panel-approve-report', ref: 1, na }, 'prerequisites');
  });
});

describe('R16.6 SECAS is asked for the report before the step', () => {
  it('the Working Group Consultation closing names the report command, then the step', () => {
    const s = toRefinement();
    toConsultation(s);
    const N = new Notify(s);
    N.run('sam', { type: 'consult-open', ref: 1 });
    const ns = N.run('sam', { type: 'consult-close', ref: 1 });
    expect(one(ns, 'person:sam').text).toContain(
      `Next for SECAS: the Working Group considers the responses and SECAS drafts the Modification Report: record it (${cmd('report MP001 modification <link> items=<id,…>')}), then mark the draft done (${cmd('step MP001 draft-report done')}).`,
    );
  });
});
