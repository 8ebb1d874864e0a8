// Timetable and extensions (R27, R59): the chair sets planned dates; SECAS or the Working Group ask
// for an extension; the chair grants or refuses the pending one. Registered through stallingStage.
import type { ModificationEvent } from '../events.ts';
import type { Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, Refusal } from '../types.ts';
import { isOpenStatus, isRefusal, refuse } from '../types.ts';
import { formatLocalDate, londonDate, londonInstant, parseLocalDate } from '../working-days.ts';
import type { DeadlineHandler, Handlers } from './common.ts';
import { DeadlineMaker, actorId, cancelDeadlines, getMod, ok } from './common.ts';
import { statusIs } from '../words.ts';
import { itemNamed } from './refinement-steps.ts';

type Extension = Modification['extensions'][number];

/** The open modification a timetable command is about. */
function openMod(world: World, n: number, doing: string): Modification | Refusal {
  const m = getMod(world, n);
  if (isRefusal(m)) return m;
  if (!isOpenStatus(m.status))
    return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}: you can no longer ${doing}.`);
  return m;
}

function checkDate(date: string, ctx: Context): Refusal | undefined {
  if (parseLocalDate(date) === undefined) return refuse('bad_input', `${date} is not a date (YYYY-MM-DD).`);
  if (date < londonDate(ctx.now))
    return refuse(
      'bad_input',
      `${formatLocalDate(date)} is in the past; a planned date must be today or later.`,
    );
  return undefined;
}

/** R59: one `timetable:<item>` deadline per item, at the cut-off on its planned date. */
function moveItem(m: Modification, item: string, date: string, ctx: Context): ModificationEvent[] {
  const maker = new DeadlineMaker(m, ctx);
  maker.add(`timetable:${item}`, londonInstant(date, ctx.settings.SEC_CUTOFF), { subject: item });
  return [...cancelDeadlines(m, (d) => d.what === `timetable:${item}`), ...maker.events];
}

export const pendingExtension = (m: Modification): Extension | undefined =>
  m.extensions.find((x) => x.granted === undefined);

function pendingOr(world: World, n: number, doing: string): { m: Modification; x: Extension } | Refusal {
  const m = openMod(world, n, doing);
  if (isRefusal(m)) return m;
  const x = pendingExtension(m);
  return x ? { m, x } : refuse('no_pending_extension', `${refOf(m)} has no pending extension request.`);
}

export const timetableHandlers: Handlers = {
  'panel-timetable': (world, cmd, ctx) => {
    const m = openMod(world, cmd.ref, 'set its timetable');
    if (isRefusal(m)) return m;
    const bad = checkDate(cmd.date, ctx);
    if (bad) return bad;
    const before = m.timetable[cmd.item];
    const was = before ? ` (was ${formatLocalDate(before)})` : '';
    return ok(
      `The planned date for ${itemNamed(cmd.item)} on ${refOf(m)} is now ${formatLocalDate(cmd.date)}${was}.`,
      [
        { type: 'TimetableSet', n: m.number, item: cmd.item, date: cmd.date },
        ...moveItem(m, cmd.item, cmd.date, ctx),
      ],
    );
  },

  'extension-request': (world, cmd, ctx) => {
    const m = openMod(world, cmd.ref, 'ask for an extension');
    if (isRefusal(m)) return m;
    const planned = m.timetable[cmd.item];
    if (!planned) {
      const items = Object.keys(m.timetable);
      const known = items.length
        ? `its items are ${items.map(itemNamed).join(', ')}`
        : 'the Panel has set no dates yet';
      return refuse('not_found', `${refOf(m)} has no planned date for ${itemNamed(cmd.item)}; ${known}.`);
    }
    const bad = checkDate(cmd.date, ctx);
    if (bad) return bad;
    if (cmd.date <= planned) {
      return refuse(
        'bad_input',
        `An extension must move ${itemNamed(cmd.item)} later than its planned ${formatLocalDate(planned)}.`,
      );
    }
    const pending = pendingExtension(m);
    if (pending) {
      return refuse(
        'already_done',
        `${refOf(m)} already has a pending extension request (${itemNamed(pending.item)} to ${formatLocalDate(pending.date)}); the Panel chair answers it first.`,
      );
    }
    return ok(
      `Your request to extend ${itemNamed(cmd.item)} on ${refOf(m)} to ${formatLocalDate(cmd.date)} is sent to the Panel chair.`,
      [
        {
          type: 'ExtensionRequested',
          n: m.number,
          item: cmd.item,
          date: cmd.date,
          reason: cmd.reason,
          by: actorId(ctx),
        },
      ],
    );
  },

  'panel-extend': (world, cmd, ctx) => {
    const r = pendingOr(world, cmd.ref, 'extend its timetable');
    if (isRefusal(r)) return r;
    const { m, x } = r;
    const date = cmd.date ?? x.date;
    const bad = checkDate(date, ctx);
    if (bad) return bad;
    return ok(
      `Extension granted: ${itemNamed(x.item)} on ${refOf(m)} is now planned for ${formatLocalDate(date)}.`,
      [
        { type: 'ExtensionAnswered', n: m.number, item: x.item, date, granted: true, by: actorId(ctx) },
        ...moveItem(m, x.item, date, ctx),
      ],
    );
  },

  'panel-refuse-extension': (world, cmd, ctx) => {
    const r = pendingOr(world, cmd.ref, 'answer an extension request');
    if (isRefusal(r)) return r;
    const { m, x } = r;
    const planned = m.timetable[x.item];
    const keep = planned ? `its planned date, ${formatLocalDate(planned)}` : 'its plan';
    // R27, §9.5: a refusal means it carries on to the planned date.
    return ok(`Extension refused: ${refOf(m)} carries on to ${keep} for ${itemNamed(x.item)}.`, [
      {
        type: 'ExtensionAnswered',
        n: m.number,
        item: x.item,
        date: x.date,
        granted: false,
        by: actorId(ctx),
      },
    ]);
  },
};

export const timetableDeadlines: Record<string, DeadlineHandler> = {
  timetable: (_world, m, d) => {
    const item = d.subject ?? d.what.slice('timetable:'.length);
    const date = m.timetable[item];
    return ok(
      `The planned date for ${item} on ${refOf(m)}${date ? ` (${formatLocalDate(date)})` : ''} has arrived.`,
      [],
    );
  },
};
