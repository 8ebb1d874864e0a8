// R13 R14 R64 R72: the reminders before the report-back date the Panel chair set with a route say who does
// what by then, with the command, as the neighbouring reminders do: in Development, SECAS records the
// Development Report (and once it is recorded, the proposer asks to proceed or withdraws and the chair
// routes it); in Refinement, SECAS records the Modification Report and the chair approves it as final.
// It said only "report back to the Panel is due …", twice, to people with nothing named to do.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Scenario } from '../support/scenario.ts';
import { Notify, audiences } from './notify-harness.ts';

/** DP001 routed to Development with report back by Wed 10 Feb 2027. */
function inDevelopment(): Notify {
  const N = new Notify(new Scenario('2027-02-01T09:00'));
  N.run('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
  N.run('chair', { type: 'panel-route', ref: 1, route: 'development', by: '2027-02-10' });
  return N;
}
const texts = (ns: Notification[]) => ns.map((n) => commandsAs(n.text, undefined));

describe('R14 R72 the report-back reminder names the action and who owes it', () => {
  it('in Development, before the Development Report: SECAS records it, with the command', () => {
    const N = inDevelopment();
    const fired = N.advance('2027-02-03T17:30').flat();
    expect(audiences(fired)).toEqual(['person:chair', 'person:sam']);
    for (const t of texts(fired))
      expect(t).toBe(
        'Reminder: DP001 "Fix the tariff table" is due to report back to the Panel by Wed 10 Feb 2027, 17:00. ' +
          'By then SECAS records the Development Report: report DP001 development <link>.',
      );
  });

  it('in Development, the Development Report recorded: the proposer decides, then the chair routes it', () => {
    const N = inDevelopment();
    N.run('sam', { type: 'report', ref: 1, doc: 'development', link: 'https://x/dr-1' });
    const [t] = texts(N.advance('2027-02-03T17:30').flat());
    expect(t).toBe(
      'Reminder: DP001 "Fix the tariff table" is due to report back to the Panel by Wed 10 Feb 2027, 17:00. ' +
        'The Development Report is recorded: the proposer asks to proceed or withdraws, then the Panel chair routes it (panel route DP001 refinement|report).',
    );
  });

  it('in Refinement: SECAS records the Modification Report for the Panel, with the command', () => {
    const N = new Notify(new Scenario('2027-02-01T09:00'));
    N.run('alice', { type: 'raise', title: 'Fix the tariff table', problem: 'Rows are missing' });
    N.run('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' });
    N.run('chair', {
      type: 'panel-route',
      ref: 1,
      route: 'refinement',
      determination: 'self-governance',
      by: '2027-06-30',
    });
    const reminders = N.advance('2027-06-24T09:00')
      .flat()
      .filter((n) => n.text.includes('report back to the Panel'));
    expect(texts(reminders)[0]).toBe(
      'Reminder: MP001 "Fix the tariff table" is due to report back to the Panel by Wed 30 Jun 2027, 17:00. ' +
        'By then SECAS records the Modification Report for the Panel: report MP001 modification <link> items=<id,…>.',
    );
  });
});
