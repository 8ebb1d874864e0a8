// Stage: development and routing (R13–R15, R52, R55, R59, R60, §9.5). The Panel chair routes a DP;
// in Development SECAS may merge or batch DPs and the proposer may split one. Working Group commands
// live in working-group.ts and are part of this stage.
//
// Routing is allowed from any status before routing (R22: the chair may route at first consideration)
// and from `awaiting_panel` after Development, but then only to refinement or report (R52). A DP in
// `development` is routed only after the proposer's `proceed`. From `refinement` the chair may route to
// the Report Stage only, and only after a refused extension (§9.5, the consultation's way of ending
// Refinement).
import type { CommandOf } from '../commands.ts';
import type { ModificationEvent } from '../events.ts';
import type { Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import { evolveAll } from '../evolve.ts';
import type { Context, Status } from '../types.ts';
import { PRE_ROUTING, effectiveRoles, formatRef, isOpenStatus, isRefusal, refuse } from '../types.ts';
import { londonInstant, parseLocalDate, reminderBefore } from '../working-days.ts';
import type { DeadlineHandler, Result, Stage } from './common.ts';
import { DeadlineMaker, changeStatus, getMod, inStatus, nowIso, ok } from './common.ts';
import { hasWorkingGroup, shareWorkingGroup, wgMinimum, workingGroupHandlers } from './working-group.ts';
import { determinationWords, ROUTE_WORDS, statusIs, when } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

/** Why this route is not available from the modification's status, if it is not. */
function routeRefusal(m: Modification, route: CommandOf<'panel-route'>['route']): string | undefined {
  if (m.status === 'development') {
    return `${refOf(m)} is in development: once the Development Report is recorded the proposer asks to proceed (${cmdText(`proceed ${refOf(m)}`)}), then the chair routes it to refinement or report.`;
  }
  if (m.status === 'refinement') {
    if (route !== 'report')
      return `${refOf(m)} is in refinement: the chair can only route it on to the Report Stage.`;
    // §9.5: only once an extension has been refused; otherwise the Report Stage is reached through the
    // Panel's approval of the Modification Report, which checks its contents (R16.12, R17).
    return m.extensions.some((x) => x.granted === false)
      ? undefined
      : `${refOf(m)} is in refinement: it goes to the Report Stage when the Panel chair approves its Modification Report (${cmdText(`panel approve-report ${refOf(m)}`)}), or by a route after a refused extension.`;
  }
  if (!PRE_ROUTING.includes(m.status)) return `${refOf(m)} is ${statusIs(m.status)} and cannot be routed.`;
  if (route === 'development' && (m.isMP || m.route === 'development')) {
    return `${refOf(m)} has been through Development: route it to refinement or report.`;
  }
  return undefined;
}

/** R60: without `wg form`, the development Working Group is the Change Board at routing (or a batch's). */
function developmentGroup(world: World, m: Modification, ctx: Context): ModificationEvent[] {
  if (hasWorkingGroup(m)) return [];
  const partner = m.links.batchedWith.map((n) => world.modifications[n]).find((x) => x && hasWorkingGroup(x));
  if (partner?.workingGroup) {
    const wg = partner.workingGroup;
    return shareWorkingGroup(world, { ...wg, members: [...wg.members, m.proposer] }, [
      ...wg.shared,
      partner.number,
      m.number,
    ]);
  }
  const board = ctx.people.filter((p) => effectiveRoles(p).includes('change_board')).map((p) => p.id);
  const wg = {
    id: `wg-${m.number}-${m.version}`,
    members: [...board, m.proposer],
    torVersion: world.system.torVersion,
  };
  return shareWorkingGroup(world, wg, [m.number]);
}

/**
 * R13 R14 R64: the report-back date is a deadline at the cut-off on its date, with reminders 5 and 1
 * Working Days before (those still ahead). `route` is the route it is set for, so status shows it as
 * passed only while that route's stage runs. Set with the route, and again when the Panel chair moves it
 * or grants its extension (R27, stages/timetable.ts).
 */
export function addReportBack(maker: DeadlineMaker, due: Date, route: string, ctx: Context): void {
  const main = maker.add('report-back', due, { subject: route });
  for (const k of [5, 1]) {
    const at = reminderBefore(ctx.calendar, due, k, ctx.settings.SEC_CUTOFF);
    if (at > ctx.now) maker.add('reminder:report-back', at, { reminder: true, subject: main.id });
  }
}

function route(world: World, cmd: CommandOf<'panel-route'>, ctx: Context): Result {
  const m = getMod(world, cmd.ref);
  if (isRefusal(m)) return m;
  const why = routeRefusal(m, cmd.route);
  if (why) return refuse('wrong_status', why);
  const maker = new DeadlineMaker(m, ctx);
  let back = '';
  if (cmd.by !== undefined) {
    const date = parseLocalDate(cmd.by);
    const due = date ? londonInstant(date, ctx.settings.SEC_CUTOFF) : undefined;
    if (!due || due <= ctx.now)
      return refuse('bad_input', `The report-back date ${cmd.by} must be a date in the future.`);
    addReportBack(maker, due, cmd.route, ctx);
    back = ` Report back by ${when(due.toISOString())}.`;
  }
  const to: Status = cmd.route;
  const routed: ModificationEvent = {
    type: 'Routed',
    n: m.number,
    route: cmd.route,
    ...(cmd.determination ? { determination: cmd.determination } : {}),
    ...(cmd.by ? { by: cmd.by } : {}),
    ...(cmd.questions ? { questions: cmd.questions } : {}),
  };
  const events: ModificationEvent[] = [...changeStatus(m, to, 'routed by the Panel chair'), routed];
  // R4, R15: the formal process makes it an MP with the same number.
  if (to !== 'development' && !m.isMP) events.push({ type: 'Promoted', n: m.number });
  events.push(...maker.events);
  if (to === 'development') {
    // Form the group against the routed state so its annex carries the questions just given (R38).
    const after = evolveAll(world, events, nowIso(ctx));
    events.push(...developmentGroup(after, after.modifications[m.number] as Modification, ctx));
  }
  if (
    to === 'refinement' &&
    hasWorkingGroup(m) &&
    m.workingGroup.members.length >= wgMinimum(m, ctx) &&
    m.steps.wg?.state !== 'done'
  ) {
    events.push({
      type: 'StepChanged',
      n: m.number,
      step: 'wg',
      state: 'done',
      note: 'the same Working Group continues',
    });
  }
  const ref = formatRef(m.number, m.isMP || to !== 'development');
  // R13 R55: the decision ballot is refused until the determination is set, so a route into the formal
  // process without one says so, and how to set it.
  const det = cmd.determination
    ? ` Determination: ${determinationWords(cmd.determination)}.`
    : (to === 'refinement' || to === 'report') && !m.determination
      ? ` No Self-Governance or Authority determination is set yet: set it before the Change Board decision ballot (${cmdText(`panel determine ${ref} self-governance|authority`)}).`
      : '';
  const renamed = ref !== refOf(m) ? `${refOf(m)} is now ${ref} and` : `${ref}`;
  // R71: "to the Report Stage" (a stage named in full takes its article); Development, Refinement, Fast Track stand alone.
  const where = cmd.route === 'report' ? `the ${ROUTE_WORDS.report}` : ROUTE_WORDS[cmd.route];
  return ok(`${renamed} is routed to ${where}.${det}${back}`, events);
}

function merge(world: World, cmd: CommandOf<'merge'>, ctx: Context): Result {
  if (cmd.ref === cmd.into) return refuse('bad_input', 'A Draft Proposal cannot be merged into itself.');
  const absorbed = getMod(world, cmd.ref);
  if (isRefusal(absorbed)) return absorbed;
  const survivor = inStatus(world, cmd.into, ['development'], 'merge Draft Proposals into it');
  if (isRefusal(survivor)) return survivor;
  if (absorbed.isMP) {
    return refuse(
      'wrong_status',
      `${refOf(absorbed)} is a Modification Proposal: only a Draft Proposal can be merged.`,
    );
  }
  if (!isOpenStatus(absorbed.status))
    return refuse('wrong_status', `${refOf(absorbed)} is ${statusIs(absorbed.status)}.`);
  return ok(`${refOf(absorbed)} is merged into ${refOf(survivor)} and closes as merged.`, [
    ...changeStatus(absorbed, 'merged', `merged into ${refOf(survivor)}`, ctx.now),
    { type: 'MergedInto', n: absorbed.number, into: survivor.number },
    { type: 'Absorbed', n: survivor.number, absorbed: absorbed.number },
  ]);
}

/** Batching is for DPs that are not yet routed or are in Development (R14, R60); each is routed on its own. */
const BATCHABLE: readonly Status[] = [...PRE_ROUTING, 'development'];

function batch(world: World, cmd: CommandOf<'batch'>): Result {
  const refs = [...new Set(cmd.refs)];
  if (refs.length < 2) return refuse('bad_input', 'A batch needs at least two different Draft Proposals.');
  const mods: Modification[] = [];
  for (const n of refs) {
    const m = inStatus(world, n, BATCHABLE, 'batch it');
    if (isRefusal(m)) return m;
    if (m.isMP)
      return refuse(
        'wrong_status',
        `${refOf(m)} is a Modification Proposal: only Draft Proposals are batched.`,
      );
    if (m.routeRequired)
      return refuse('route_required', `${refOf(m)} is waiting for the Panel chair to route it.`);
    mods.push(m);
  }
  const events: ModificationEvent[] = mods.map((m) => ({
    type: 'Batched',
    n: m.number,
    with: refs.filter((x) => x !== m.number),
  }));
  const groups = mods.filter(hasWorkingGroup).map((m) => m.workingGroup);
  const first = groups[0];
  if (first) {
    // R60: the batch shares one Working Group; the proposers of the newcomers join it (R61).
    const members = [...groups.flatMap((g) => g.members), ...mods.map((m) => m.proposer)];
    const shared = [...groups.flatMap((g) => g.shared), ...refs];
    events.push(...shareWorkingGroup(world, { id: first.id, members, torVersion: first.torVersion }, shared));
  }
  // R71: the group by whose it is and its size, not its internal id.
  const owner = mods.find((m) => hasWorkingGroup(m) && m.workingGroup.id === first?.id);
  const size = first ? new Set([...first.members, ...mods.map((m) => m.proposer)]).size : 0;
  const wg = owner ? ` They share ${refOf(owner)}'s Working Group (${size} members).` : '';
  return ok(
    `${mods.map(refOf).join(', ')} are batched: they keep their numbers and progress together.${wg}`,
    events,
  );
}

function split(world: World, cmd: CommandOf<'split'>, ctx: Context): Result {
  const m = inStatus(world, cmd.ref, ['development'], 'split it');
  if (isRefusal(m)) return m;
  // R14, R60: the original keeps its number for the first part and each further part is a new DP. One
  // part given is the part split off: the original keeps its title and problem. With two or more, the
  // first is the original's new scope.
  const [head, ...more] = cmd.parts;
  if (!head) return refuse('bad_input', `Say what part to split off ${refOf(m)} (title= problem=).`);
  const rest = more.length === 0 ? [head] : more;
  const at = nowIso(ctx);
  const numbers = rest.map((_, i) => world.lastNumber + 1 + i);
  const events: ModificationEvent[] =
    more.length === 0
      ? []
      : [{ type: 'Amended', n: m.number, fields: { title: head.title, problem: head.problem } }];
  rest.forEach((part, i) => {
    const n = numbers[i] as number;
    events.push(
      {
        type: 'Raised',
        n,
        title: part.title,
        problem: part.problem,
        proposer: m.proposer,
        fastTrackRequested: false,
        at,
        splitFrom: m.number,
      },
      { type: 'StatusChanged', n, from: 'draft', to: 'development', reason: `split from ${refOf(m)}` },
      {
        type: 'Routed',
        n,
        route: 'development',
        ...(m.determination ? { determination: m.determination } : {}),
        ...(m.panelQuestions ? { questions: m.panelQuestions } : {}),
      },
    );
  });
  events.push({ type: 'SplitInto', n: m.number, parts: numbers });
  if (hasWorkingGroup(m)) {
    // Share against the world where the new parts exist, so each keeps its own annex.
    const after = evolveAll(world, events, at);
    events.push(
      ...shareWorkingGroup(after, m.workingGroup, [...m.workingGroup.shared, m.number, ...numbers]),
    );
  }
  const refs = numbers.map((n) => formatRef(n, false)).join(', ');
  const kept = more.length === 0 ? 'its title and problem' : `its number for the first part, "${head.title}"`;
  const wg = hasWorkingGroup(m) ? ' with the same Working Group' : '';
  return ok(
    `${refOf(m)} is split: it keeps ${kept}; ${refs} ${numbers.length === 1 ? `"${rest[0]?.title}" is a new DP` : 'are new DPs'} in development${wg}.`,
    events,
  );
}

/** R18 R71: a determination in plain words, what it means for the decision. */
const DETERMINATION_MEANING: Record<'self-governance' | 'authority', string> = {
  'self-governance': "Self-Governance: the Change Board's decision is final",
  authority: "Authority: the Authority decides, on the Change Board's recommendation",
};

const onReportBack: DeadlineHandler = (_world, m) =>
  ok(`The report-back date for ${refOf(m)} (${m.reportBackBy ?? 'set at routing'}) has passed.`, []);

export const developmentStage: Stage = {
  handlers: {
    'panel-route': route,
    'panel-determine': (world, cmd) => {
      const m = getMod(world, cmd.ref);
      if (isRefusal(m)) return m;
      if (!isOpenStatus(m.status) || m.status === 'awaiting_authority') {
        return refuse(
          'wrong_status',
          `${refOf(m)} is ${statusIs(m.status)}: the determination can only change before the decision.`,
        );
      }
      if (m.determination === cmd.determination)
        return refuse(
          'already_done',
          `The determination for ${refOf(m)} is already ${DETERMINATION_MEANING[cmd.determination]}.`,
        );
      return ok(`The determination for ${refOf(m)} is now ${DETERMINATION_MEANING[cmd.determination]}.`, [
        { type: 'DeterminationSet', n: m.number, determination: cmd.determination },
      ]);
    },
    merge: (world, cmd, ctx) => merge(world, cmd, ctx),
    batch: (world, cmd) => batch(world, cmd),
    split,
    ...workingGroupHandlers,
  },
  deadlines: { 'report-back': onReportBack },
};
