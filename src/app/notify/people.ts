// DMs to particular people that are not the proposer's status DM: SECAS comments (R10), the Fast Track
// objection to the chair and the objector (R25), the chair told to route a failed Fast Track (R23), the
// stall notice and its answer (R29, R58), and extension requests and answers (R27).
import type { DomainEvent } from '../../domain/events.ts';
import type { Modification } from '../../domain/modification.ts';
import { refOf } from '../../domain/modification.ts';
import { liveStallNotice } from '../../domain/stages/stalling.ts';
import type { Build } from './notifications.ts';
import { day, nameOf, refTitle, when } from '../../domain/words.ts';
import { cmd } from '../../views/hints.ts';

export function peopleNotifications(b: Build, e: DomainEvent, m: Modification): void {
  const { out, ctx } = b;
  const ref = refOf(m);
  const chairs = () => b.withRole('panel_chair');
  const route = cmd(`panel route ${ref} development|refinement|report`);
  switch (e.type) {
    case 'CommentSent': {
      const how = m.isMP
        ? `amend ${ref} solution="…" benefits="…"`
        : `amend ${ref} title="…" problem="…" solution="…" benefits="…"`;
      out.dm(
        m.proposer,
        `comment:${m.number}`,
        `SECAS comments on ${refTitle(m)}: ${e.text}\nYou may amend it: ${cmd(how)}`,
      );
      return;
    }
    case 'Objected': {
      const who = nameOf(ctx, e.by);
      for (const c of chairs()) {
        out.dm(
          c,
          `route:${m.number}`,
          `${who} objected to Fast Track for ${refTitle(m)}: ${e.reason}\nIt is back with the Panel and Fast Track cannot be tried again: route it another way (${route}).`,
        );
      }
      if (e.by !== m.proposer && !chairs().includes(e.by)) {
        out.dm(
          e.by,
          `objection:${m.number}`,
          `Your objection to Fast Track for ${refTitle(m)} is recorded. It returns to the Panel, which must route it another way; the chair and the proposer are told.`,
        );
      }
      return;
    }
    case 'RouteRequired':
      // R23: after a failed Fast Track ballot; an objection already told the chair in its own words.
      for (const c of chairs()) {
        if (!out.has(out.dmKey(c, `route:${m.number}`)))
          out.dm(
            c,
            `route:${m.number}`,
            `${refTitle(m)}: ${e.reason}\nNothing else can happen until you route it (${route}).`,
          );
      }
      return;
    case 'StallNoticeSent':
      out.dm(
        m.proposer,
        `stall:${m.number}`,
        `Stall notice on ${refTitle(m)} from the Panel chair. The criteria met:\n${e.criteria.map((c) => `- ${c}`).join('\n')}\n` +
          `Answer with a plan by ${when(e.answerDue)}: plan ${ref} <your plan>. After that, if the criteria still hold, the chair may close it.`,
      );
      return;
    case 'PlanSubmitted':
      for (const c of chairs())
        out.dm(
          c,
          `plan:${m.number}`,
          `The proposer of ${refTitle(m)} answered the stall notice with a plan: ${e.text}`,
        );
      return;
    case 'ExtensionRequested':
      for (const c of chairs()) {
        out.dm(
          c,
          `extension:${m.number}`,
          `${nameOf(ctx, e.by)} asks to extend ${e.item} on ${refTitle(m)} to ${day(e.date)}: ${e.reason}\nAnswer: ${cmd(`panel extend ${ref}`)} or ${cmd(`panel refuse-extension ${ref}`)}.`,
        );
      }
      return;
    case 'ExtensionAnswered': {
      const x = [...m.extensions].reverse().find((r) => r.item === e.item && r.granted === e.granted);
      if (!x || x.by === m.proposer) return; // the proposer hears through the status DM
      out.dm(
        x.by,
        `extension-answer:${m.number}`,
        e.granted
          ? `Your extension request on ${refTitle(m)} is granted: ${e.item} is now planned for ${day(e.date)}.`
          : `Your extension request on ${refTitle(m)} is refused: ${e.item} carries on to its planned date.`,
      );
      return;
    }
    case 'DeadlineFired': {
      const d = m.deadlines.find((x) => x.id === e.id);
      // R29: a notice voided by progress ends quietly; the digest asks for a new one if it stalls again.
      if (d?.what !== 'stall-answer' || !liveStallNotice(m)) return;
      const plan = m.stall?.plan ? `The proposer's plan: ${m.stall.plan}` : 'The proposer sent no plan.';
      for (const c of chairs()) {
        out.dm(
          c,
          `stall-answer:${m.number}`,
          `The answer period for the stall notice on ${refTitle(m)} ended ${when(d.due)}. ${plan}\nIf it is still stalled you may close it: ${cmd(`panel close ${ref} <reason>`)}.`,
        );
      }
      return;
    }
    default:
      return;
  }
}
