// The shortest real road to a decision ballot (R11–R19, R33), shared by the tests that need one open:
// raised, assessed, routed to Refinement, the Modification Report, Report Stage, a consultation,
// then the Change Board's decision ballot on DP001. Each step runs through the engine, as typed
// commands would.
import type { Engine } from '../../src/app/engine.ts';
import type { Command } from '../../src/domain/commands.ts';
import { id } from './directory.ts';

/** The steps, as (handle, command), for a DP titled `title`. */
export function toDecisionBallot(title: string): [string, Command][] {
  return [
    ['alice', { type: 'raise', title, problem: 'P', fastTrack: false }],
    ['sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }],
    ['chair', { type: 'panel-route', ref: 1, route: 'refinement', determination: 'authority' }],
    [
      'sam',
      {
        type: 'report',
        ref: 1,
        doc: 'modification',
        link: 'https://x/mr',
        items: ['background'],
        nonMaterial: false,
      },
    ],
    // §9.5: a refused extension lets the chair route it on to the Report Stage.
    ['chair', { type: 'panel-timetable', ref: 1, item: 'draft-report', date: '2040-02-01' }],
    [
      'sam',
      { type: 'extension-request', ref: 1, item: 'draft-report', date: '2040-03-01', reason: 'More time' },
    ],
    ['chair', { type: 'panel-refuse-extension', ref: 1 }],
    ['chair', { type: 'panel-route', ref: 1, route: 'report' }],
    ['sam', { type: 'consult-open', ref: 1 }],
    ['sam', { type: 'consult-close', ref: 1 }],
    ['sam', { type: 'ballot-open', ref: 1, kind: 'decision' }],
  ];
}

/** Runs each step through the engine at `now`; a refusal stops the set-up with its reason. */
export async function runSteps(engine: Engine, steps: [string, Command][], now: Date): Promise<void> {
  for (const [who, command] of steps) {
    const r = await engine.execute({ command, actor: id(who), platform: 'cli' }, now);
    if (!r.ok) throw new Error(`${command.type}: ${r.reply}`);
  }
}
