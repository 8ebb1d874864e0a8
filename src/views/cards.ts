// Neutral cards built from state: what each message shows and which buttons it has, with
// no platform type. The Slack and Teams renderers turn them into Block Kit and Adaptive Cards. Every
// button carries its text twin (R43), which parse() reads back to the same command. User text (titles,
// problems, reasons) is passed through verbatim as plain text; escaping is the renderers' job (R44).
import { fastTrackEndedEarly } from '../domain/stages/fast-track.ts';
import { BUTTON_TWINS } from '../domain/grammar/button-twins.ts';
import { fieldsOf } from '../domain/grammar/fields.ts';
import { twinFor } from '../domain/grammar/usage.ts';
import type { Consultation, Modification } from '../domain/modification.ts';
import { refOf } from '../domain/modification.ts';
import type { Settings } from '../domain/settings.ts';
import { formatRef } from '../domain/types.ts';
import type { Card, CardButton } from './card.ts';
import { orType, typeHint } from './hints.ts';
import { nextStep } from '../domain/next-step.ts';
import { fields, plural } from './text.ts';
import type { People } from '../domain/words.ts';
import {
  CONSULTATION_NAMES,
  day,
  deadlineLines,
  nameOf,
  refTitle,
  ROUTE_WORDS,
  statusIs,
  statusLabel,
  when,
} from '../domain/words.ts';

export { ballotCard, ballotCardKey, ballotSummary, progressText, voteButtons } from './ballot-card.ts';
export {
  meetingCard,
  meetingCardKey,
  meetingInvite,
  pollCardKey,
  recommendationCard,
  recommendationCardKey,
  slotPollCard,
} from './meeting-cards.ts';

type Ctx = People & { settings: Settings };

/** R9: the new DP in the Change Board channel. No "Give your view" button here: that is on the views card (§9). */
export function dpCard(m: Modification, ctx: Ctx): Card {
  const split = m.links.splitFrom ? formatRef(m.links.splitFrom, false) : undefined;
  // R53: a Fast Track raised by the Panel chair has no critical-friend review, so no promise of one;
  // nor once the review is given or its deadline dropped (a card redrawn after an amendment, R10).
  const review =
    !m.secasCommented && m.deadlines.some((d) => d.what === 'secas-comments' && d.status === 'pending');
  return {
    key: `dp:${m.number}`,
    title: `${refOf(m)}: ${m.title}`,
    text: m.problem,
    fields: fields([
      ['Reference', refOf(m)],
      ['Proposer', nameOf(ctx, m.proposer)],
      ['Proposed solution', m.solution],
      ['Benefits', m.benefits],
      ['Fast Track', m.fastTrackRequested ? 'requested' : undefined],
      ['Split from', split],
    ]),
    buttons: [],
    // The card is the proposal as raised, and is drawn again only when it is amended: it names no
    // status, which would go stale as the modification moves on (DP001 routed on is MP001, R9), and
    // points to where it stands now instead.
    context: [
      `${review ? `SECAS reviews it as a critical friend within ${ctx.settings.SEC_CRITICAL_FRIEND_WD} Working Days. ` : ''}Raised ${when(m.raisedAt)}.`,
      typeHint('To see where it stands now', [twinFor('status', refOf(m))]),
    ].join('\n'),
  };
}

/** A field's name on a card: the short one where the form's is long (fields.ts). */
const shown = (type: 'iar' | 'view', key: string): string => {
  const f = fieldsOf(type).find((x) => x.key === key);
  return f?.show ?? f?.label ?? key;
};

/** R12, R51: the IAR put to the Change Board, with a "Give your view" button while views are open. */
export function viewsCard(m: Modification, ctx: People): Card {
  const ref = refOf(m);
  const iar = m.iar ?? {};
  const given = Object.values(m.views.byPerson);
  const open = m.views.status === 'open' && m.status === 'change_board_views';
  const state =
    m.views.status === 'cancelled'
      ? `Views were cancelled: ${ref} is now ${statusIs(m.status)}.`
      : open
        ? `Change Board members: please give your view${m.views.due ? ` by ${when(m.views.due)}` : ''}.`
        : `Views are closed (${plural(given.length, 'view')}); the summary went to the Panel.`;
  return {
    key: `views:${m.number}`,
    title: `Change Board views: ${ref} "${m.title}"`,
    // R75: the state and the call to action are the card's text, the person's problem a field after
    // it, so a renderer shortening a long problem never cuts what the card asks or why its button went.
    text: state,
    fields: fields([
      ['Proposer', nameOf(ctx, m.proposer)],
      ['Problem', m.problem],
      [shown('iar', 'impacts'), iar.impacts],
      // R71: the route by its plain name ("Report Stage"), never the typed code.
      [shown('iar', 'route'), iar.route && ROUTE_WORDS[iar.route]],
      [shown('iar', 'questions'), iar.questions],
      [shown('iar', 'expertise'), iar.expertise],
      [shown('iar', 'subcommittees'), iar.subcommittees?.join(', ')],
      [shown('iar', 'timetable'), iar.timetable],
      [shown('iar', 'dcc'), iar.dcc === undefined ? undefined : iar.dcc ? 'likely' : 'not likely'],
      ['Views close', open && m.views.due ? when(m.views.due) : undefined],
    ]),
    buttons: open ? [viewButton(m)] : [],
    ...(open ? { context: orType([twinFor('view', ref)]) } : {}),
  };
}

/** R12: the "Give your view" button, which opens the view form (R43: its twin is `view <ref> …`). */
export const viewButton = (m: Modification): CardButton => ({
  action: 'view',
  label: 'Give your view',
  value: { ref: refOf(m) },
  twin: BUTTON_TWINS.view(m, 'support'),
  style: 'primary',
  opensForm: true,
});

/** The consultation's "Respond" button, which opens the response form. */
export const respondButton = (m: Modification, c: Pick<Consultation, 'id'>): CardButton => ({
  action: 'respond',
  label: 'Respond',
  value: { ref: refOf(m), consultation: c.id },
  twin: BUTTON_TWINS.respond(m, { org: '…', positions: { S0: 'support' } }),
  style: 'primary',
  opensForm: true,
});

/** R12: the views summary for the Panel when views close: the counts and each member's view. */
export function viewsSummaryCard(m: Modification, ctx: People): Card {
  const ref = refOf(m);
  const views = Object.values(m.views.byPerson).sort((a, b) => a.at.localeCompare(b.at));
  const count = (s: string) => views.filter((v) => v.stance === s).length;
  // The stance, then each of the view's other fields that was given, in the order the command has them,
  // named as the form names them (R71: "Rationale and merits", not the command's `rationale`).
  const rest = fieldsOf('view').filter((f) => f.key !== 'stance');
  const detail = (v: (typeof views)[number]) =>
    [
      v.stance,
      ...rest.flatMap((f) => {
        const x = v[f.key as keyof typeof v];
        const name = shown('view', f.key);
        return x ? [`${name}${name.endsWith('?') ? '' : ':'} ${x}`] : [];
      }),
    ].join('; ');
  return {
    key: `views-summary:${m.number}`,
    title: `Change Board views on ${ref} "${m.title}"`,
    text: `${plural(views.length, 'view')}: ${count('support')} support, ${count('concerns')} concerns, ${count('oppose')} oppose. ${ref} now awaits the Panel chair's route.`,
    fields: views.map((v) => ({ label: nameOf(ctx, v.person), value: detail(v) })),
    buttons: [],
    context: typeHint('Panel chair, to route it', [twinFor('panel-route', ref)]),
  };
}

/** R24–R26: the Fast Track announcement, with an Object button while the window is open. */
export function fastTrackCard(m: Modification, ctx: People & { now: Date }): Card {
  const ref = refOf(m);
  const ft = m.fastTrack;
  const due = ft?.due;
  const open = m.status === 'fast_track_window' && !!due && ctx.now < new Date(due);
  const obj = ft?.objection;
  const approved = !obj && (m.status === 'approved' || m.status === 'implemented');
  // The objector's reason is a field of its own: a one-line state, whatever the reason's length or lines.
  const state = obj
    ? `The window ended with an objection by ${nameOf(ctx, obj.by)}, so ${ref} returns to the Panel.`
    : open
      ? `The Panel approved Fast Track unanimously. Any party may object with a reason until ${when(due)}.`
      : approved
        ? `The objection window closed with no objection: ${ref} is approved.${m.implementAt ? ` It is implemented on ${day(m.implementAt)}.` : ''}`
        : (fastTrackEndedEarly(m) ?? `The objection window is closed.`);
  return {
    key: `fasttrack:${m.number}`,
    title: `Fast Track: ${ref} "${m.title}"`,
    // R75: the state is the card's text and the problem a field after it (as on the views card), so a
    // long problem is what gets shortened, never the state.
    text: state,
    fields: fields([
      ['Proposer', nameOf(ctx, m.proposer)],
      ['Problem', m.problem],
      ['Objection', obj?.reason],
      // R25: once the window has ended these no longer hold: the closing time is past, and after an
      // objection (or an early end) the date agreed for Fast Track no longer applies.
      ['Objection window closes', open && due ? when(due) : undefined],
      ['Implementation date', (open || approved) && m.implementAt ? day(m.implementAt) : undefined],
    ]),
    buttons: open ? [objectButton(m)] : [],
    ...(open ? { context: orType([`object ${ref} <reason>`]) } : {}),
  };
}

/** R24: the Object button, on the announcement and in `mine` (R81); it opens the objection form. */
export const objectButton = (m: Modification): CardButton => ({
  action: 'object',
  label: 'Object',
  value: { ref: refOf(m) },
  twin: `object ${refOf(m)} <reason>`,
  style: 'danger',
  opensForm: true,
});

/** R71: counts agree: "The 1 response received is kept.", "The 2 responses received are kept." */
const keptResponses = (n: number): string =>
  n === 0
    ? 'No response had been received.'
    : `The ${plural(n, 'response')} received ${n === 1 ? 'is' : 'are'} kept.`;

/** R37: a consultation in the announcements channel, with a Respond button while it is open. */
export function consultationCard(m: Modification, c: Consultation, _ctx?: People): Card {
  const ref = refOf(m);
  const name = CONSULTATION_NAMES[c.kind];
  const n = Object.keys(c.responses).length;
  const open = c.status === 'open';
  const positions = m.solutions.map((s) => `${s.id}=support|oppose`).join(' ');
  const state = open
    ? `Anyone may respond (organisation, support or oppose per solution, comments) and revise until ${when(c.due)}.`
    : c.status === 'cancelled'
      ? `Cancelled: ${ref} is now ${statusIs(m.status)}. ${keptResponses(n)}`
      : `Closed with ${plural(n, 'response')}, collated into the record.`;
  return {
    key: `consult:${m.number}:${c.id}`,
    title: `${name}: ${ref} "${m.title}"`,
    text: state,
    fields: fields([
      ['Solutions', m.solutions.map((s) => `${s.id} ${s.title}`).join('; ')],
      ['Closes', open ? when(c.due) : undefined],
    ]),
    buttons: open ? [respondButton(m, c)] : [],
    ...(open ? { context: orType([`respond ${ref} org="…" ${positions} [comments="…"]`]) } : {}),
  };
}

/**
 * §7: the proposer's DM on any change of status or step: what changed, what happens next, who owes it,
 * by when. `changes` are sentences about this command's events.
 */
export function statusDm(m: Modification, changes: readonly string[], ctx: Ctx): string {
  const next = nextStep(m, ctx).sentence;
  const due = deadlineLines(m);
  return [
    `${refTitle(m)}: ${statusLabel(m.status)}.`,
    ...changes.map((c) => `- ${c}`),
    ...(next ? [`Next: ${next}`] : []),
    ...(due.length ? [`Deadlines: ${due.join('; ')}.`] : []),
  ].join('\n');
}
