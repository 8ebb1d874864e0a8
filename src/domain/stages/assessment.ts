// Stage: assessment (R9–R12, R20, R21, R51). A DP is raised, SECAS comments as critical friend and
// records the IAR, the Change Board gives views, and the DP waits for the Panel. Withdraw lives here
// because it is the proposer's exit from any open status.
import type { CommandOf } from '../commands.ts';
import type { ModificationEvent } from '../events.ts';
import type { IarFields, Modification, ViewRecord, World } from '../modification.ts';
import { newModification, refOf } from '../modification.ts';
import { evolveAll } from '../evolve.ts';
import type { Context, Refusal, Status } from '../types.ts';
import { FINAL_STATUSES, PRE_ROUTING, formatRef, isOpenStatus, isRefusal, refuse } from '../types.ts';
import type { DeadlineHandler, Handlers, Result, Stage } from './common.ts';
import {
  DeadlineMaker,
  actorId,
  cancelDeadlines,
  changeStatus,
  getMod,
  inStatus,
  nowIso,
  ok,
} from './common.ts';
import { statusIs, when } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';
import { fieldWords } from '../grammar/fields.ts';

const COMMENTS = 'secas-comments';
const isCommentTarget = (what: string): boolean => what === COMMENTS || what === `reminder:${COMMENTS}`;

/**
 * Moving between the assessment statuses (draft to awaiting_panel) keeps what spans them, which R57
 * would otherwise cancel with the rest of the old status's things: R10's comment target runs from
 * raising whatever else SECAS does, and the Panel Fast Track ballot may be opened in any of these
 * statuses and only the chair closes it (R22, R54).
 */
export function moveWithinAssessment(m: Modification, to: Status, reason?: string): ModificationEvent[] {
  const target = new Set(m.deadlines.filter((d) => isCommentTarget(d.what)).map((d) => d.id));
  const fastTrack = new Set(m.ballots.filter((b) => b.kind === 'fasttrack').map((b) => b.id));
  return changeStatus(m, to, reason).filter(
    (e) =>
      !(e.type === 'DeadlineCancelled' && target.has(e.id)) &&
      !(e.type === 'BallotClosed' && fastTrack.has(e.ballotId)),
  );
}

/** Drops keys whose value is undefined so events stay plain JSON. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Statuses where the solution is final (R7, R65) or the decision has been taken. */
const SOLUTION_FIXED: readonly Status[] = [
  'report',
  'awaiting_authority',
  'fast_track_window',
  'approved',
  ...FINAL_STATUSES,
];

function amend(world: World, cmd: CommandOf<'amend'>): Result {
  const m = getMod(world, cmd.ref);
  if (isRefusal(m)) return m;
  const asked = defined({
    title: cmd.title,
    problem: cmd.problem,
    solution: cmd.solution,
    benefits: cmd.benefits,
  });
  const fields = defined(
    Object.fromEntries(Object.entries(asked).filter(([k, v]) => m[k as keyof typeof asked] !== v)),
  );
  if (Object.keys(fields).length === 0) {
    return refuse(
      'bad_input',
      `Nothing to change on ${refOf(m)}: give title=, problem=, solution= or benefits= with a new value.`,
    );
  }
  if (!isOpenStatus(m.status)) {
    return refuse('report_final', `${refOf(m)} is ${statusIs(m.status)}: it can no longer be amended.`);
  }
  if (m.isMP && (fields.title !== undefined || fields.problem !== undefined)) {
    return refuse(
      'scope_fixed',
      `${refOf(m)} is a Modification Proposal, so its scope (title and problem) is fixed.`,
    );
  }
  if (m.status === 'fast_track_window') {
    // R24, R26: parties are asked to object to what the Panel approved, so none of it may change.
    return refuse(
      'report_final',
      `${refOf(m)} is in the Fast Track objection window: the Panel approved it as it stands, so its title, problem, solution and benefits cannot change while parties may object to it.`,
    );
  }
  if (SOLUTION_FIXED.includes(m.status)) {
    return refuse(
      'report_final',
      `${refOf(m)} is ${statusIs(m.status)}: the solution and benefits are final.`,
    );
  }
  return ok(`${refOf(m)} amended: ${fieldWords('amend', Object.keys(fields))}.`, [
    { type: 'Amended', n: m.number, fields },
  ]);
}

function iar(world: World, cmd: CommandOf<'iar'>): Result {
  const m = inStatus(world, cmd.ref, PRE_ROUTING, 'record the Initial Assessment Report');
  if (isRefusal(m)) return m;
  const { ref: _ref, type: _type, ...rest } = cmd;
  const fields = defined(rest) as IarFields;
  if (Object.keys(fields).length === 0) {
    return refuse('bad_input', `Nothing to record: give at least impacts= or route= for ${refOf(m)}'s IAR.`);
  }
  const events: ModificationEvent[] = [{ type: 'IarRecorded', n: m.number, fields }];
  if (m.status === 'draft')
    events.push(...moveWithinAssessment(m, 'initial_assessment', 'Initial Assessment Report recorded'));
  const merged = { ...m.iar, ...fields };
  const missing = (['impacts', 'route'] as const).filter((k) => merged[k] === undefined);
  const next = missing.length
    ? `Still needed before views open: ${fieldWords('iar', missing)} (${missing.map((k) => `${k}=`).join(', ')}).`
    : m.status === 'change_board_views' || m.status === 'awaiting_panel'
      ? 'The IAR is updated.'
      : `Next: ${cmdText(`views open ${refOf(m)}`)}.`;
  return ok(
    `Initial Assessment Report recorded for ${refOf(m)}: ${fieldWords('iar', Object.keys(fields))}. ${next}`,
    events,
  );
}

function viewsOpen(world: World, cmd: CommandOf<'views-open'>, ctx: Context): Result {
  const m = inStatus(world, cmd.ref, ['initial_assessment'], 'open Change Board views');
  if (isRefusal(m)) return m;
  const missing = (['impacts', 'route'] as const).filter((k) => m.iar?.[k] === undefined);
  if (missing.length) {
    return refuse(
      'prerequisites',
      `${refOf(m)} needs an IAR with ${missing.join(' and ')} before views open.`,
    );
  }
  const maker = new DeadlineMaker(m, ctx);
  const d = maker.addAfter('views-close', cmd.days ?? ctx.settings.SEC_VIEWS_WD);
  const events: ModificationEvent[] = [
    ...moveWithinAssessment(m, 'change_board_views', 'Change Board views opened'),
    { type: 'ViewsOpened', n: m.number, due: d.due },
    ...maker.events,
  ];
  return ok(`Change Board views on ${refOf(m)} are open until ${when(d.due)}.`, events);
}

/** Closes the views (by hand or at the deadline) and hands the DP to the Panel (R12). */
function closeViews(world: World, m: Modification, ctx: Context, fired?: string): Result {
  const counts = { support: 0, concerns: 0, oppose: 0 };
  for (const v of Object.values(m.views.byPerson)) counts[v.stance]++;
  const closing: ModificationEvent[] = [
    { type: 'ViewsClosed', n: m.number, cancelled: false },
    ...cancelDeadlines(m, (d) => d.what === 'views-close' && d.id !== fired),
  ];
  // Fold the close first so the status change does not cancel the views it just closed (R57).
  const folded = [...(fired ? [{ type: 'DeadlineFired' as const, n: m.number, id: fired }] : []), ...closing];
  const after = evolveAll(world, folded, nowIso(ctx)).modifications[m.number] as Modification;
  const events = [...closing, ...moveWithinAssessment(after, 'awaiting_panel', 'Change Board views closed')];
  const total = counts.support + counts.concerns + counts.oppose;
  const summary = `${counts.support} support, ${counts.concerns} concerns, ${counts.oppose} oppose`;
  return ok(
    `Change Board views on ${refOf(m)} closed with ${total} ${total === 1 ? 'view' : 'views'} (${summary}); it now awaits the Panel chair's route.`,
    events,
  );
}

const onViewsClose: DeadlineHandler = (world, m, d, ctx) => {
  if (m.status !== 'change_board_views' || m.views.status !== 'open') {
    return ok(`The views deadline on ${refOf(m)} passed; the views were already closed.`, []);
  }
  return closeViews(world, m, ctx, d.id);
};

const onCommentsTarget: DeadlineHandler = (_world, m) =>
  ok(
    m.secasCommented
      ? `The 5-Working-Day target for SECAS comments on ${refOf(m)} has passed; comments were sent.`
      : `The 5-Working-Day target for SECAS comments on ${refOf(m)} has passed with no comments sent.`,
    [],
  );

/** The modification, when its Change Board views are open (R12); else why not. */
function withViewsOpen(world: World, ref: number): Modification | Refusal {
  const m = getMod(world, ref);
  if (isRefusal(m)) return m;
  if (m.status === 'change_board_views' && m.views.status === 'open') return m;
  return refuse(
    'views_not_open',
    `Change Board views on ${refOf(m)} are not open (it is ${statusIs(m.status)}).`,
  );
}

const handlers: Handlers = {
  raise: (world, cmd, ctx) => {
    const n = world.lastNumber + 1;
    const raised = {
      type: 'Raised' as const,
      n,
      title: cmd.title,
      problem: cmd.problem,
      ...defined({ solution: cmd.solution, benefits: cmd.benefits }),
      proposer: actorId(ctx),
      fastTrackRequested: cmd.fastTrack,
      at: nowIso(ctx),
    };
    const maker = new DeadlineMaker(newModification(raised), ctx);
    // R10: the reminder one Working Day before the 5th is the 4th Working Day.
    const d = maker.addAfter(COMMENTS, ctx.settings.SEC_CRITICAL_FRIEND_WD, { remindBefore: [1] });
    const ref = formatRef(n, false);
    const ft = cmd.fastTrack ? ' You asked for Fast Track; the Panel considers it before routing.' : '';
    return ok(`${ref} raised: "${cmd.title}". SECAS reviews it and aims to comment by ${when(d.due)}.${ft}`, [
      raised,
      ...maker.events,
    ]);
  },
  amend: (world, cmd) => amend(world, cmd),
  comment: (world, cmd, ctx) => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (!isOpenStatus(m.status))
      return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}: it takes no more comments.`);
    const events: ModificationEvent[] = [
      { type: 'CommentSent', n: m.number, text: cmd.text, by: actorId(ctx) },
      ...cancelDeadlines(m, (d) => isCommentTarget(d.what)),
    ];
    return ok(`Comments sent to the proposer of ${refOf(m)}.`, events);
  },
  iar: (world, cmd) => iar(world, cmd),
  'views-open': viewsOpen,
  view: (world, cmd, ctx) => {
    const m = withViewsOpen(world, cmd.ref);
    if (isRefusal(m)) return m;
    const { ref: _ref, type: _type, stance, ...rest } = cmd;
    const view: ViewRecord = { person: actorId(ctx), stance, ...defined(rest), at: nowIso(ctx) };
    const again = m.views.byPerson[view.person] ? ' (replacing your earlier view)' : '';
    return ok(
      `Your view (${stance}) on ${refOf(m)} is recorded${again}. Views close ${when(m.views.due ?? nowIso(ctx))}.`,
      [{ type: 'ViewGiven', n: m.number, view }],
    );
  },
  'views-close': (world, cmd, ctx) => {
    const m = withViewsOpen(world, cmd.ref);
    if (isRefusal(m)) return m;
    return closeViews(world, m, ctx);
  },
  'fasttrack-request': (world, cmd) => {
    const m = inStatus(world, cmd.ref, PRE_ROUTING, 'request Fast Track');
    if (isRefusal(m)) return m;
    if (m.isMP)
      return refuse(
        'wrong_status',
        `${refOf(m)} is no longer a Draft Proposal, so Fast Track cannot be requested.`,
      );
    if (m.fastTrackTried)
      return refuse('fast_track_used', `The Panel has already considered Fast Track for ${refOf(m)}.`);
    if (m.fastTrackRequested)
      return refuse('already_done', `Fast Track is already requested for ${refOf(m)}.`);
    return ok(`Fast Track requested for ${refOf(m)}; the Panel considers it before routing.`, [
      { type: 'FastTrackRequested', n: m.number },
    ]);
  },
  withdraw: (world, cmd, ctx) => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (!isOpenStatus(m.status)) {
      return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}: it can no longer be withdrawn.`);
    }
    return ok(`${refOf(m)} is withdrawn. Reason recorded: ${cmd.reason}`, [
      ...changeStatus(m, 'withdrawn', cmd.reason, ctx.now),
      { type: 'Withdrawn', n: m.number, reason: cmd.reason },
    ]);
  },
};

export const assessmentStage: Stage = {
  handlers,
  deadlines: { 'views-close': onViewsClose, [COMMENTS]: onCommentsTarget },
};
