// The Panel chair's weekly digest (SPEC §7, R16.12, R28, R58): the modifications awaiting the Panel (a
// Modification Report awaiting the chair's approval too) and the stalled ones with the criteria they meet, sent to each chair by DM, only when there is something to say.
// The scheduler calls it (Mondays 09:00 London, and before a Panel meeting); it is not tied to an event.
import type { World } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { liveStallNotice, stalledModifications } from '../../domain/stages/stalling.ts';
import type { Context } from '../../domain/types.ts';
import { effectiveRoles } from '../../domain/types.ts';
import { nextStep } from '../../domain/next-step.ts';
import type { Notification } from '../notification.ts';
import { Collector } from './out.ts';
import { approvalWords, awaitsApproval } from './people.ts';
import { refTitle } from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';

export function panelDigest(world: World, ctx: Context, keyBase: string): Notification[] {
  const mods = Object.values(world.modifications).sort((a, b) => a.number - b.number);
  const awaiting = mods.filter((m) => m.status === 'awaiting_panel' || awaitsApproval(m));
  const line = (m: (typeof mods)[number]): string =>
    awaitsApproval(m)
      ? `- ${refTitle(m)}: its Modification Report awaits your approval. ${approvalWords(m)}`
      : `- ${refTitle(m)}: ${nextStep(m, ctx).sentence}`;
  const stalled = stalledModifications(world, ctx);
  if (awaiting.length === 0 && stalled.length === 0) return [];
  const lines = [
    ...(awaiting.length ? ['Awaiting the Panel:', ...awaiting.map(line)] : []),
    ...(stalled.length
      ? [
          'Stalled:',
          ...stalled.map((s) => {
            const m = world.modifications[s.number];
            const head = m ? refTitle(m) : s.ref;
            // R29: a notice voided by progress since no longer counts, so a new one is asked for.
            const notice =
              m && liveStallNotice(m)
                ? ''
                : ` Send a stall notice: ${cmd(`panel stall-notice ${m ? refOf(m) : s.ref}`)}.`;
            return `- ${head}: ${s.criteria.join(' ')}${notice}`;
          }),
        ]
      : []),
  ];
  const out = new Collector(keyBase);
  for (const p of ctx.people.filter((x) => effectiveRoles(x).includes('panel_chair')))
    out.dm(p.id, 'panel-digest', lines.join('\n'));
  return out.list();
}
