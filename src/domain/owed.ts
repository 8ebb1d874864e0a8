// What is owed, and by whom: the one account the status DMs' next-step lines, the chair's digest,
// `list mine` and help read (SPEC §7, R16, R34, R58, R66). Each item says which modification, what
// is owed in words, the command that does it (R43), the card button when one does it, when it is due
// and who owes it, from the stages' own data: the state and the Refinement checklist table (R16).
import { waitingFor } from './ballots.ts';
import type { Modification, World } from './modification.ts';
import { refOf } from './modification.ts';
import { nextStep, summaryToPublish } from './next-step.ts';
import { liveStallNotice } from './stages/stalling.ts';
import type { Context, Person, PersonId, Role } from './types.ts';
import { effectiveRoles, isOpenStatus } from './types.ts';
import { phraseOf, twinFor } from './grammar/usage.ts';
import type { FormButton } from './grammar/button-twins.ts';
import { FORM_BUTTONS } from './grammar/button-twins.ts';
import { BALLOT_TITLES, CONSULTATION_NAMES, nameOf, when } from './words.ts';
import { itemWords } from './stages/refinement-steps.ts';

/** Who owes it. */
export type Owner =
  /** A named person; on a ballot seat their alternate may act instead (R62). */
  | { kind: 'person'; person: PersonId; alternate?: PersonId }
  /** Whoever holds the role: SECAS, the Panel chair. */
  | { kind: 'role'; role: Role }
  /** The modification's Working Group members. */
  | { kind: 'working-group' }
  /** Someone outside the bot: the Authority, the DCC. */
  | { kind: 'outside'; name: string };

/** The card button that does it (R43): the action and its target; the choice is the person's. */
export type OwedAction =
  | { action: 'vote'; ref: string; ballot: string; options: readonly string[]; solutions: readonly string[] }
  | { action: 'view'; ref: string }
  | { action: 'respond'; ref: string; consultation: string }
  | { action: 'object'; ref: string }
  | { action: 'available'; ref: string; meeting: string; slots: number }
  | { action: 'attend'; ref: string; meeting: string }
  /** R81: buttons that open the forms of the commands it is done with, where no card carries one. */
  | { action: 'form'; ref: string; forms: readonly FormButton[] };

export interface Owed {
  /** The modification (R4) and its reference. */
  number: number;
  ref: string;
  owner: Owner;
  /** What is owed, in words: "Vote on the Change Board decision ballot". */
  what: string;
  /** The command that does it, as typed (R43); none for what happens outside the bot. */
  twin?: string;
  /** The button that does it, when a card has one. */
  button?: OwedAction;
  /** When it is due (an ISO instant), when a deadline says. */
  due?: string;
  /** R27 R28: the due date has passed and it is still owed: the missed date stays, said as overdue. */
  overdue?: boolean;
  /** Something they may do rather than must (an objection, a consultation response). */
  optional?: boolean;
}

/**
 * The directory and settings, and when it is now where the caller knows: a meeting's attendance is owed
 * only until it starts, and its record by SECAS only from then (R40, R41).
 */
export type OwedContext = Pick<Context, 'people' | 'settings'> & { now?: Date };

/** What is owed on anything open in it: votes, views, responses, meetings, a stall plan, an extension. */
function openItems(m: Modification, ctx: OwedContext): Owed[] {
  const ref = refOf(m);
  const base = { number: m.number, ref };
  const out: Owed[] = [];
  for (const b of m.ballots.filter((x) => x.status === 'open')) {
    const button: OwedAction = {
      action: 'vote',
      ref,
      ballot: b.id,
      options: b.options,
      solutions: b.solutions,
    };
    const sols = b.kind === 'decision' && b.solutions.length > 1 ? ` ${b.solutions.join('|')}` : '';
    for (const seat of waitingFor(b))
      out.push({
        ...base,
        owner: {
          kind: 'person',
          person: seat.member,
          ...(seat.alternate ? { alternate: seat.alternate } : {}),
        },
        what: `Vote on the ${BALLOT_TITLES[b.kind]}`,
        twin: `vote ${ref} ${b.options.join('|')}${sols}`,
        button,
        ...(b.due ? { due: b.due } : {}),
      });
  }
  if (m.views.status === 'open') {
    const board = ctx.people.filter((p) => effectiveRoles(p).includes('change_board'));
    for (const p of board.filter((x) => !m.views.byPerson[x.id]))
      out.push({
        ...base,
        owner: { kind: 'person', person: p.id },
        what: 'Give your view',
        twin: twinFor('view', ref),
        button: { action: 'view', ref },
        ...(m.views.due ? { due: m.views.due } : {}),
      });
  }
  // R37: parties answer consultations (SPEC §1's roles); anyone registered may, but it is owed, if at
  // all, by the parties: so `mine` and the calendar feed (views/calendar.ts) tell the same people.
  for (const c of m.consultations.filter((x) => x.status === 'open'))
    out.push({
      ...base,
      owner: { kind: 'role', role: 'party' },
      what: `Respond to the ${CONSULTATION_NAMES[c.kind]}`,
      twin: twinFor('respond', ref),
      button: { action: 'respond', ref, consultation: c.id },
      due: c.due,
      optional: true,
    });
  for (const mt of m.meetings) {
    const members = m.workingGroup?.members ?? [];
    if (mt.status === 'proposed') {
      // R40: SECAS confirms the slot the bot recommends, or another.
      out.push({
        ...base,
        owner: { kind: 'role', role: 'secas' },
        what: 'Confirm the Working Group meeting time',
        twin: twinFor('meeting-confirm', ref),
      });
      for (const p of members.filter((x) => !mt.availability[x]))
        out.push({
          ...base,
          owner: { kind: 'person', person: p },
          what: 'Say which Working Group meeting slots you can attend',
          twin: twinFor('available', ref),
          button: { action: 'available', ref, meeting: mt.id, slots: mt.slots.length },
        });
    }
    const started = !!ctx.now && !!mt.confirmedAt && Date.parse(mt.confirmedAt) <= ctx.now.getTime();
    // R41: once it has started, SECAS owes the record of who came; nobody owes an answer any more.
    if (mt.status === 'confirmed' && started && mt.confirmedAt)
      out.push({
        ...base,
        owner: { kind: 'role', role: 'secas' },
        what: `Record the Working Group meeting of ${when(mt.confirmedAt)} as held`,
        twin: twinFor('meeting-held', ref),
      });
    if (mt.status === 'confirmed' && !started)
      for (const p of members.filter((x) => mt.attendance[x] === undefined))
        out.push({
          ...base,
          owner: { kind: 'person', person: p },
          what: 'Say whether you can attend the Working Group meeting',
          twin: twinFor('attend', ref),
          button: { action: 'attend', ref, meeting: mt.id },
          ...(mt.confirmedAt ? { due: mt.confirmedAt } : {}),
        });
  }
  // R29: a plan is owed while the notice counts (no progress since) and its answer period runs.
  const notice = liveStallNotice(m);
  const answering = m.deadlines.some((d) => d.what === 'stall-answer' && d.status === 'pending');
  if (notice && !notice.plan && answering && isOpenStatus(m.status))
    out.push({
      ...base,
      owner: { kind: 'person', person: m.proposer },
      what: 'Answer the stall notice with a plan',
      twin: twinFor('plan', ref),
      due: notice.answerDue,
    });
  const asked = m.extensions.find((x) => x.granted === undefined);
  if (asked)
    out.push({
      ...base,
      owner: { kind: 'role', role: 'panel_chair' },
      what: `Answer the extension request for ${itemWords(asked.item)}`,
      twin: `${twinFor('panel-extend', ref)} | ${twinFor('panel-refuse-extension', ref)}`,
    });
  return out;
}

/**
 * Everything owed on one modification: its next step's items (what the stage waits for from SECAS, the
 * chair, the proposer, the Working Group) and, person by person, what is open in it.
 */
export function owedOn(m: Modification, ctx: OwedContext): Owed[] {
  return [...nextStep(m, ctx).owed.map(withFormButtons), ...openItems(m, ctx)];
}

/** The form a typed command opens, by its first words (`panel route DP001 …` → panel-route). */
const formOfCommand = (command: string): FormButton | undefined =>
  FORM_BUTTONS.find((f) => command.startsWith(`${phraseOf(f)} `));

/**
 * R43 R81: an item done with commands that each have a form (record the Initial Assessment Report, route
 * it, proceed or withdraw) gets a button for each of those forms, so it can be done from `mine` without
 * typing. Read from the command it shows, so the buttons and the twin cannot disagree; an item with any
 * command that has no form (open the Fast Track ballot, or route it) keeps its typed command alone, and
 * one with a card button of its own keeps that.
 */
function withFormButtons(o: Owed): Owed {
  if (o.button || !o.twin) return o;
  const forms = o.twin.split(' | ').map((c) => formOfCommand(c.trim()));
  if (!forms.every((f): f is FormButton => f !== undefined)) return o;
  return { ...o, button: { action: 'form', ref: o.ref, forms } };
}

const byDue = (a: Owed, b: Owed): number =>
  (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff') || a.number - b.number;

/**
 * Everything owed across the open modifications (and a decided one whose Decision Summary is still to
 * publish, R18), soonest due first (undated last), then by number.
 */
export function owedAll(world: World, ctx: OwedContext): Owed[] {
  return Object.values(world.modifications)
    .filter((m) => isOpenStatus(m.status) || m.status === 'approved' || summaryToPublish(m))
    .flatMap((m) => owedOn(m, ctx))
    .map((o) => (pastDue(o, ctx.now) ? { ...o, overdue: true } : o))
    .sort(byDue);
}

/**
 * R27 R28: a date already past and still owed reads as overdue, also before its deadline row has fired
 * (a scheduler running behind, a date with no row): never "due Mon 8 Feb" on 26 April.
 */
const pastDue = (o: Owed, now: Date | undefined): boolean =>
  !o.overdue && o.due !== undefined && now !== undefined && Date.parse(o.due) < now.getTime();

/** Whether this person owes the item (as the person, their alternate, by role or membership). */
export function owes(item: Owed, person: Person, world: World): boolean {
  const o = item.owner;
  // A consultation response is owed (if at all) only until this person has given one.
  const b = item.button;
  if (b?.action === 'respond') {
    const c = world.modifications[item.number]?.consultations.find((x) => x.id === b.consultation);
    if (c?.responses[person.id]) return false;
  }
  switch (o.kind) {
    case 'person':
      return o.person === person.id || o.alternate === person.id;
    case 'role':
      return effectiveRoles(person).includes(o.role);
    case 'working-group':
      return !!world.modifications[item.number]?.workingGroup?.members.includes(person.id);
    case 'outside':
      return false;
  }
}

/** What this person owes, soonest due first: the single source for `mine`, help and digests. */
export function owedBy(
  world: World,
  person: PersonId,
  ctx: OwedContext,
  opts: { optional?: boolean } = {},
): Owed[] {
  const me = ctx.people.find((p) => p.id === person);
  if (!me) return [];
  return owedAll(world, ctx).filter((o) => owes(o, me, world) && (opts.optional || !o.optional));
}

const ROLE_WORDS: Record<Role, string> = {
  party: 'any party',
  secas: 'SECAS',
  change_board: 'the Change Board',
  panel: 'the Panel',
  panel_chair: 'the Panel chair',
  admin: 'an admin',
};

/** Who owes it, in words. */
export function ownerWords(o: Owner, ctx: Pick<Context, 'people'>): string {
  switch (o.kind) {
    case 'person':
      return o.alternate
        ? `${nameOf(ctx, o.person)} (or ${nameOf(ctx, o.alternate)})`
        : nameOf(ctx, o.person);
    case 'role':
      return ROLE_WORDS[o.role];
    case 'working-group':
      return 'the Working Group';
    case 'outside':
      return o.name;
  }
}
