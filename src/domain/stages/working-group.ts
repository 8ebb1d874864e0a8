// Working Groups (R16.1, R38, R39, R60, R61): forming, membership, derogations and the Terms of
// Reference. A Working Group may be shared by several modifications; each keeps a copy in its own
// state, so every change is emitted for every modification that shares it.
import type { ModificationEvent } from '../events.ts';
import type { Modification, WorkingGroup, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import type { Context, PersonId } from '../types.ts';
import { isOpenStatus, isRefusal, refuse } from '../types.ts';
import type { Handlers } from './common.ts';
import { actorId, findPerson, getMod, inStatus, ok, resolvePeople } from './common.ts';
import { statusIs } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

/** A Working Group that actually has members (a derogation alone leaves an empty placeholder). */
export const hasWorkingGroup = (m: Modification): m is Modification & { workingGroup: WorkingGroup } =>
  (m.workingGroup?.members.length ?? 0) > 0;

/** R16.1, R61: the minimum, unless the Panel granted a derogation. */
export const wgMinimum = (m: Modification, ctx: Context): number =>
  m.workingGroup?.derogation?.min ?? ctx.settings.SEC_WG_MIN_MEMBERS;

/** R39 R61: the way out of a group below the minimum: the Panel chair's derogation, as typed. */
const derogateHint = (m: Modification): string =>
  `The Panel chair can allow fewer: ${cmdText(`panel derogate ${refOf(m)} min=<n> <reason>`)}.`;

/** R16.1, R61: the largest minimum among modifications sharing one Working Group, and whose it is. */
function strictestMinimum(mods: readonly Modification[], ctx: Context): { min: number; m: Modification } {
  let best = { min: wgMinimum(mods[0] as Modification, ctx), m: mods[0] as Modification };
  for (const m of mods.slice(1)) {
    const min = wgMinimum(m, ctx);
    if (min > best.min) best = { min, m };
  }
  return best;
}

/**
 * R38: what a Working Group adheres to, in words: the Terms of Reference version current when it was
 * formed, then the annex for this modification (the Panel's questions and any derogation with its
 * reason). Empty when the modification has neither a Working Group nor a derogation.
 */
export function annexLines(
  m: Modification,
  world: Pick<World, 'system'>,
  ctx: Pick<Context, 'settings'>,
): { tor?: string; annex: string[] } {
  const wg = m.workingGroup;
  if (!wg) return { annex: [] };
  const annex: string[] = [];
  const questions = wg.questions ?? m.panelQuestions;
  if (questions) annex.push(`The Panel's questions: ${questions}`);
  if (wg.derogation) {
    const usual = ctx.settings.SEC_WG_MIN_MEMBERS;
    annex.push(
      `Derogation: the Panel allows a Working Group of at least ${wg.derogation.min} members (usually ${usual}). Reason: ${wg.derogation.reason}`,
    );
  }
  if (!hasWorkingGroup(m)) return { annex };
  const v = wg.torVersion;
  const kept = torLinkOf(world, wg);
  const link = kept ? ` (${kept})` : '';
  const tor =
    v === null
      ? 'No Terms of Reference had been published when it was formed.'
      : `It adheres to the Terms of Reference version ${v}${link}.`;
  return { tor, annex };
}

/**
 * R38: the link (or text) of the Terms of Reference version a group adheres to. The group keeps it; a
 * group stored before it was kept falls back to the published one when that is still its version.
 */
function torLinkOf(
  world: Pick<World, 'system'>,
  wg: Pick<WorkingGroup, 'torVersion' | 'torLink'>,
): string | undefined {
  if (wg.torLink) return wg.torLink;
  return wg.torVersion !== null && wg.torVersion === world.system.torVersion
    ? world.system.torLink
    : undefined;
}

const refsText = (world: World, ns: readonly number[]): string =>
  ns.map((n) => (world.modifications[n] ? refOf(world.modifications[n]) : String(n))).join(', ');

/**
 * WorkingGroupFormed for each of `refs` with one id, member list and shared list. Each keeps its own
 * Panel questions as the annex (R38).
 */
export function shareWorkingGroup(
  world: World,
  wg: { id: string; members: readonly PersonId[]; torVersion: number | null; torLink?: string },
  refs: readonly number[],
): ModificationEvent[] {
  const shared = [...new Set(refs)].filter((n) => world.modifications[n]).sort((a, b) => a - b);
  // R38: a group re-shared (a batch, a split) keeps the link of its own version, not the newest one.
  const kept = shared
    .map((n) => world.modifications[n]?.workingGroup)
    .find((g) => g?.id === wg.id && g.torVersion === wg.torVersion && g.torLink);
  const torLink = wg.torLink ?? kept?.torLink ?? torLinkOf(world, wg);
  return shared.map((n) => {
    const m = world.modifications[n] as Modification;
    const questions = m.panelQuestions ?? m.workingGroup?.questions;
    return {
      type: 'WorkingGroupFormed',
      n,
      wgId: wg.id,
      members: [...new Set(wg.members)],
      torVersion: wg.torVersion,
      ...(torLink ? { torLink } : {}),
      shared,
      ...(questions ? { questions } : {}),
    };
  });
}

/** The modifications that hold the same Working Group as `m` (itself included). */
function sharers(world: World, m: Modification & { workingGroup: WorkingGroup }): Modification[] {
  const ns = new Set([m.number, ...m.workingGroup.shared]);
  return [...ns]
    .map((n) => world.modifications[n])
    .filter((x): x is Modification => x !== undefined && x.workingGroup?.id === m.workingGroup.id);
}

export const workingGroupHandlers: Handlers = {
  'wg-form': (world, cmd, ctx) => {
    const refs = [...new Set(cmd.refs)];
    const mods: Modification[] = [];
    for (const n of refs) {
      const m = inStatus(world, n, ['development', 'refinement'], 'form a Working Group');
      if (isRefusal(m)) return m;
      mods.push(m);
    }
    const first = mods[0] as Modification;
    const people = resolvePeople(ctx, cmd.people);
    if (isRefusal(people)) return people;
    // R61: each proposer is a member automatically and counts toward the minimum.
    const members = [...new Set([...people.map((p) => p.id), ...mods.map((m) => m.proposer)])];
    // R16.1, R61: a shared group meets every modification's minimum, so the largest of them applies;
    // a derogation lowers the minimum only for the modification it was granted for.
    const strictest = strictestMinimum(mods, ctx);
    const min = strictest.min;
    if (members.length < min) {
      const whose = mods.length > 1 ? ` for ${refOf(strictest.m)}` : '';
      // R60 R61: say what this group would be, what the current one is, and the ways out.
      const names = members.map((id) => ctx.people.find((x) => x.id === id)?.name ?? id).join(', ');
      const current = hasWorkingGroup(first)
        ? ` ${refOf(first)}'s Working Group now has ${first.workingGroup.members.length} members; to add one: ${cmdText(`wg add ${refOf(first)} <person>`)}.`
        : '';
      return refuse(
        'wg_too_small',
        `A Working Group needs at least ${min} members${whose} (the proposer included); this one would have ${members.length} (${names}).${current} ${derogateHint(strictest.m)}`,
      );
    }
    const torVersion = world.system.torVersion;
    const wg = { id: `wg-${first.number}-${first.version}`, members, torVersion };
    const events = shareWorkingGroup(world, wg, refs);
    // R56: in Refinement, forming the Working Group is what completes step 1.
    for (const m of mods) {
      if (m.status === 'refinement' && m.steps.wg?.state !== 'done') {
        events.push({
          type: 'StepChanged',
          n: m.number,
          step: 'wg',
          state: 'done',
          note: `formed with ${members.length} members`,
        });
      }
    }
    const tor =
      torVersion === null
        ? 'no Terms of Reference published yet'
        : `Terms of Reference version ${torVersion}`;
    const annex = mods
      .flatMap((m) =>
        m.workingGroup?.derogation
          ? [`; derogation for ${refOf(m)}: at least ${m.workingGroup.derogation.min} members`]
          : [],
      )
      .join('');
    return ok(
      `Working Group formed for ${refsText(world, refs)} with ${members.length} members (${tor}${annex}). Each member is told by DM.`,
      events,
    );
  },
  'wg-add': (world, cmd, ctx) => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (!isOpenStatus(m.status)) return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}.`);
    if (!hasWorkingGroup(m))
      return refuse(
        'prerequisites',
        `${refOf(m)} has no Working Group yet (${cmdText(`wg form ${refOf(m)} …`)}).`,
      );
    const p = findPerson(ctx, cmd.person);
    if (!p) return refuse('not_found', `Unknown person: ${cmd.person}.`);
    if (m.workingGroup.members.includes(p.id)) {
      return refuse('already_done', `${p.name} is already in ${refOf(m)}'s Working Group.`);
    }
    const all = sharers(world, m);
    return ok(`${p.name} added to the Working Group for ${all.map(refOf).join(', ')}.`, [
      ...all.map((x): ModificationEvent => ({ type: 'WorkingGroupMemberAdded', n: x.number, person: p.id })),
    ]);
  },
  'wg-remove': (world, cmd, ctx) => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (!isOpenStatus(m.status)) return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}.`);
    if (!hasWorkingGroup(m)) return refuse('prerequisites', `${refOf(m)} has no Working Group yet.`);
    const p = findPerson(ctx, cmd.person);
    const id = p?.id ?? cmd.person;
    if (!m.workingGroup.members.includes(id)) {
      return refuse('not_member', `${p?.name ?? cmd.person} is not in ${refOf(m)}'s Working Group.`);
    }
    const all = sharers(world, m);
    const proposing = all.find((x) => x.proposer === id);
    if (proposing) {
      return refuse(
        'bad_input',
        `${p?.name ?? id} proposed ${refOf(proposing)}, and a proposer stays in its Working Group.`,
      );
    }
    const strictest = strictestMinimum(all, ctx);
    const { min } = strictest;
    const has = m.workingGroup.members.length;
    if (has - 1 < min) {
      // R60 R61: the true count (the group may already be below the minimum) and the way out.
      const whose = all.length > 1 ? ` for ${refOf(strictest.m)}` : '';
      return refuse(
        'wg_too_small',
        `${refOf(m)}'s Working Group has ${has} members and needs at least ${min}${whose}, so ${p?.name ?? id} cannot be removed. ${derogateHint(strictest.m)}`,
      );
    }
    return ok(`${p?.name ?? id} removed from the Working Group for ${all.map(refOf).join(', ')}.`, [
      ...all.map((x): ModificationEvent => ({
        type: 'WorkingGroupMemberRemoved',
        n: x.number,
        person: id,
      })),
    ]);
  },
  'panel-derogate': (world, cmd) => {
    const m = getMod(world, cmd.ref);
    if (isRefusal(m)) return m;
    if (!isOpenStatus(m.status)) return refuse('wrong_status', `${refOf(m)} is ${statusIs(m.status)}.`);
    const all = hasWorkingGroup(m) ? sharers(world, m) : [m];
    return ok(
      `Derogation recorded for ${all.map(refOf).join(', ')}: the Working Group needs at least ${cmd.min} members. Reason: ${cmd.reason}`,
      all.map((x): ModificationEvent => ({
        type: 'DerogationGranted',
        n: x.number,
        min: cmd.min,
        reason: cmd.reason,
      })),
    );
  },
  'panel-tor': (world, cmd, ctx) => {
    const version = (world.system.torVersion ?? 0) + 1;
    return ok(
      `Working Group Terms of Reference v${version} published; Working Groups formed from now adhere to it.`,
      [{ type: 'TermsOfReferencePublished', version, link: cmd.link, by: actorId(ctx) }],
    );
  },
};
