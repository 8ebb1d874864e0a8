// R16.6, R18, R55, R72: what SECAS is told to do next matches what the core accepts. With no Modification
// Report yet, `mine` offers recording it (the Draft Modification Report step and the Modification Report
// Consultation are refused before one exists), and with no determination the consultation's close sends
// SECAS to wait for the Panel chair, not to a decision ballot that would be refused.
import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { owedOn } from '../../src/domain/owed.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { refuseExtension, step, toConsultation } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';

const owedTo = (s: Scenario, role: 'secas' | 'panel_chair') =>
  owedOn(s.mod(1), { ...s.ctx('sam'), now: s.now }).filter(
    (o) => o.owner.kind === 'role' && o.owner.role === role,
  );

/** An MP in the Report Stage with no Modification Report and no determination. */
function reportStageWithoutReport(): Scenario {
  const s = new Scenario('2026-12-01T10:00');
  s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
  s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'report' });
  s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
  return s;
}

describe('R16.6 R18 R55 the next step matches what is accepted', () => {
  it('R18 in the Report Stage with no report, SECAS owes recording it, and that command is accepted', () => {
    const s = reportStageWithoutReport();
    const [item, ...more] = owedTo(s, 'secas');
    expect(more).toEqual([]);
    expect(item?.what).toBe('Record the Modification Report');
    expect(item?.twin).toBe('report MP001 modification <link> items=<id,…>');
    s.refused('sam', { type: 'consult-open', ref: 1 }, 'prerequisites');
    // The offered command, filled in, is accepted; then the consultation is what SECAS owes.
    const typed = parse('report MP001 modification https://x/mr items=background');
    if (!typed.ok || typed.input.kind !== 'command') throw new Error('did not parse');
    s.ok('sam', typed.input.command);
    expect(owedTo(s, 'secas').map((o) => o.what)).toEqual(['Open the Modification Report Consultation']);
  });

  it('R16.6 in Refinement, the draft step offers recording the report first, then the step', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'self-governance' });
    s.ok('sam', { type: 'wg-form', refs: [1], people: ['bob', 'cb1', 'cb2', 'cb3'] });
    toConsultation(s);
    s.ok('sam', { type: 'consult-open', ref: 1 });
    s.ok('sam', { type: 'consult-close', ref: 1 });
    const draft = () => owedTo(s, 'secas').find((o) => o.what.includes('Modification Report'));
    expect(draft()?.twin).toBe('report MP001 modification <link> items=<id,…>');
    s.refused('sam', { type: 'step', ref: 1, step: 'draft-report', state: 'done' }, 'prerequisites');
    s.ok('sam', { type: 'report', ref: 1, doc: 'modification', link: 'https://x/mr' });
    expect(draft()?.twin).toBe('step MP001 draft-report done');
    step(s, 'draft-report');
  });

  it('R55 with no determination, the consultation close sends SECAS to wait for the chair', () => {
    const s = new Scenario('2026-12-01T10:00');
    s.ok('alice', { type: 'raise', title: 'Faster switching', problem: 'Switching takes too long' });
    s.ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'refinement' });
    s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link: 'https://x/mr-1',
      items: ['background'],
    });
    refuseExtension(s);
    s.ok('chair', { type: 'panel-route', ref: 1, route: 'report' });
    s.ok('sam', { type: 'consult-open', ref: 1 });
    const before = s.world;
    const closed = s.ok('sam', { type: 'consult-close', ref: 1 });
    const next =
      'Next: the Panel chair sets the Self-Governance or Authority determination (panel determine MP001 self-governance|authority); then';
    expect(commandsAs(closed.reply, undefined)).toContain(next);
    const dms = notificationsFor({
      events: closed.events,
      before,
      after: s.world,
      ctx: s.ctx('sam'),
      keyBase: 'k',
    })
      .filter((n) => n.to.kind === 'person' && n.to.person === 'sam')
      .map((n) => commandsAs(n.text, undefined));
    expect(dms.join('\n')).toContain(next);
    expect(dms.join('\n')).not.toContain('ballot open MP001 decision');
    s.refused('sam', { type: 'ballot-open', ref: 1, kind: 'decision' }, 'no_determination');
  });
});
