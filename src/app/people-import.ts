// Directory import (R1, R67): people upserted by e-mail as system-stream events, in one transaction.
// Re-importing the same rows writes nothing; a changed row appends only what changed; the rows are
// checked as a whole first, and any problem (every one, by row; the CLI names lines) writes nothing.
// The result says, person by person, what changed, so whoever imports a long file can see what it did.
import type { SystemEvent } from '../domain/events.ts';
import type { Person, Role } from '../domain/types.ts';
import { ROLES, canonicalPlatformId, groupSpeltOtherwise } from '../domain/types.ts';
import { flush, newTxState, stageEvents, withRetry } from './unit-of-work.ts';
import { GENESIS } from './hash.ts';
import type { Identity, Store } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';

export type PersonInput = {
  email: string;
  name: string;
  roles: Role[];
  /** The voting group; none means no group (the CSV's group column is always there, R49). */
  group?: string;
  /**
   * The alternate's e-mail or handle (R33, R62); `null` clears it (the CSV's alternate column with an
   * empty cell, since the file is the directory's list); left out, the person's alternate stays.
   */
  alternate?: string | null;
  /** Left out, the person's handle stays (the CSV has no handle column). */
  handle?: string;
  /** Platform ids to link; left out or empty, no id is unlinked (R1: ids are also linked in chat). */
  slack?: string;
  teams?: string;
};

/** A person the import names: their id (the lower-cased e-mail, R1) and name. */
export interface PersonRef {
  id: string;
  name: string;
}

/** One thing the import changed about a person; `from` is null (or no roles) for someone added. */
export type FieldChange =
  | { field: 'name' | 'email' | 'handle' | 'group'; from: string | null; to: string | null }
  | { field: 'roles'; from: Role[]; to: Role[] }
  | { field: 'alternate'; from: PersonRef | null; to: PersonRef | null }
  | { field: 'slack' | 'teams'; linked: string };

/** A person the import added or changed, with each change; people it left as they were are not listed. */
export interface PersonChange {
  kind: 'added' | 'updated';
  person: string;
  name: string;
  email: string;
  fields: FieldChange[];
}

export interface ImportResult {
  added: number;
  updated: number;
  /** Rows that changed nothing. */
  unchanged: number;
  /** In the order of the rows. */
  changes: PersonChange[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** R33, R62: an alternate stands in on Change Board ballots only. */
export const ONLY_CHANGE_BOARD = 'only a Change Board member has an alternate';

/** One row the directory refuses: its index in the rows given, and why. */
export interface RowProblem {
  row: number;
  message: string;
}

export interface CheckOptions {
  /** How a message names another row (the CLI: its line); default `row N`, counting from 1. */
  label?: (row: number) => string;
  /** E-mails in the file on rows left out of `rows` (rows with problems of their own). */
  alsoInFile?: ReadonlySet<string>;
}

/** The directory refused the rows; nothing was written. */
export class ImportRefused extends Error {
  readonly problems: readonly RowProblem[];
  constructor(problems: readonly RowProblem[], rows: readonly PersonInput[], label: (row: number) => string) {
    super(problems.map((p) => `${label(p.row)} (${rows[p.row]?.email ?? ''}): ${p.message}`).join('; '));
    this.name = 'ImportRefused';
    this.problems = problems;
  }
}

const rowLabel = (i: number): string => `row ${i + 1}`;

/** A platform id as compared (R1): the platform and the id in the directory's form. */
const idKey = (platform: string, platformId: string): string =>
  `${platform}:${canonicalPlatformId(platform, platformId)}`;

/**
 * Every problem of the rows, against each other and the directory (R1, R33, R54, R62); none means
 * the import can be applied as a whole.
 */
export function checkPeople(
  rows: readonly PersonInput[],
  people: readonly Person[],
  identities: readonly Identity[],
  opts: CheckOptions = {},
): RowProblem[] {
  const label = opts.label ?? rowLabel;
  const out: RowProblem[] = [];
  const add = (row: number, message: string): void => void out.push({ row, message });
  const emails = new Map<string, number>();
  const handles = new Map<string, string>();
  for (const p of people) if (p.handle) handles.set(p.handle.toLowerCase(), p.id);
  // R1: a Slack or Teams id is one person's. An import links ids and never moves one (an empty field
  // leaves a person's ids as they are), so an id linked to someone else is refused, not taken.
  const owner = new Map(identities.map((x) => [idKey(x.platform, x.platformId), x.personId]));
  const idRow = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    const id = r.email.trim().toLowerCase();
    if (!EMAIL.test(id)) add(i, 'not an e-mail address');
    if (!r.name.trim()) add(i, 'no name');
    const twice = emails.get(id);
    if (twice !== undefined) add(i, `the e-mail appears twice (also ${label(twice)})`);
    else emails.set(id, i);
    const bad = r.roles.find((x) => !ROLES.includes(x));
    if (bad) add(i, `unknown role ${bad}`);
    if (r.handle) {
      const taken = handles.get(r.handle.toLowerCase());
      if (taken && taken !== id) add(i, `the handle ${r.handle} belongs to ${taken}`);
      handles.set(r.handle.toLowerCase(), id);
    }
    for (const platform of ['slack', 'teams'] as const) {
      const platformId = r[platform]?.trim();
      if (!platformId) continue;
      const key = idKey(platform, platformId);
      const other = owner.get(key);
      const first = idRow.get(key);
      if (first !== undefined) add(i, `${platform} id ${platformId} is also on ${label(first)}`);
      else idRow.set(key, i);
      if (other !== undefined && other !== id)
        add(i, `${platform} id ${platformId} is already linked to ${other}`);
    }
  }
  // Alternates are people in the file or the directory, by e-mail or handle (R62).
  const inFile = new Map(rows.map((r) => [r.email.trim().toLowerCase(), r]));
  const known = (token: string): string | undefined => {
    if (inFile.has(token) || people.some((p) => p.id === token)) return token;
    const byHandle =
      rows.find((r) => r.handle?.toLowerCase() === token) ??
      people.find((p) => p.handle?.toLowerCase() === token);
    return byHandle && ('id' in byHandle ? byHandle.id : byHandle.email.trim().toLowerCase());
  };
  // Each person's alternate once the file is applied: the directory's, then the file's.
  const alternateOf = new Map<string, string>();
  for (const p of people) if (p.alternate) alternateOf.set(p.id, p.alternate);
  const given: [number, string][] = [];
  for (const [i, r] of rows.entries()) {
    const id = r.email.trim().toLowerCase();
    // An empty alternate cell clears it, so a file may give that alternate to another member.
    if (r.alternate === null) alternateOf.delete(id);
    if (!r.alternate) continue;
    const token = r.alternate.trim().toLowerCase();
    if (!r.roles.includes('change_board')) {
      add(i, ONLY_CHANGE_BOARD);
      continue;
    }
    const alt = known(token);
    if (alt === undefined) {
      if (!opts.alsoInFile?.has(token))
        add(i, `alternate ${r.alternate.trim()} is not in the file or the directory`);
      continue;
    }
    if (alt === id) {
      add(i, 'a person cannot be their own alternate');
      continue;
    }
    alternateOf.set(id, alt);
    given.push([i, id]);
  }
  // R62: a person is the alternate for one member only (a vote counts in one seat); checked once every
  // row is applied, so a file may move an alternate from one member to another.
  // The roles each person has once the file is applied: the file's row, else the directory's.
  const rolesOf = (pid: string): readonly string[] =>
    inFile.get(pid)?.roles ?? people.find((p) => p.id === pid)?.roles ?? [];
  for (const [i, id] of given) {
    const alt = alternateOf.get(id);
    const other = [...alternateOf].find(([m, a]) => m !== id && a === alt);
    if (other) add(i, `${alt} is already the alternate for ${other[0]}`);
    if (alt === undefined) continue;
    // R62, as `admin alternate` refuses them: a Change Board member votes in their own seat, so could
    // never stand in for another; and two members standing in for each other would be one seat claimed twice.
    if (rolesOf(alt).includes('change_board'))
      add(i, `${alt} is a Change Board member and votes in their own seat, so cannot be an alternate`);
    else if (alternateOf.get(alt) === id)
      add(i, `${alt}'s alternate is ${id}, so they cannot stand in for each other`);
  }
  // R62: as in chat, a group spelt like another in use but for capitals or spaces would be counted as a
  // group of its own; the file's rows, and the directory's people the file leaves as they are.
  const groups: [string, string][] = [
    ...people
      .filter((p) => p.votingGroup && !inFile.has(p.id))
      .map((p) => [p.id, p.votingGroup as string] as [string, string]),
    ...rows.flatMap((r): [string, string][] => (r.group ? [[r.email.trim().toLowerCase(), r.group]] : [])),
  ];
  for (const [i, r] of rows.entries()) {
    const other = r.group ? groups.find(([, g]) => groupSpeltOtherwise(g, r.group as string)) : undefined;
    if (other)
      add(
        i,
        `voting group "${r.group}" differs from "${other[1]}" (${other[0]}) only in capitals or spaces; groups are counted by their exact name`,
      );
  }
  // R54: one Panel chair; the file's rows say who keeps the role.
  const chairs = new Set(
    people.filter((p) => p.roles.includes('panel_chair') && !inFile.has(p.id)).map((p) => p.id),
  );
  for (const r of rows) if (r.roles.includes('panel_chair')) chairs.add(r.email.trim().toLowerCase());
  if (chairs.size > 1)
    for (const [i, r] of rows.entries())
      if (r.roles.includes('panel_chair')) add(i, `more than one Panel chair: ${[...chairs].join(', ')}`);
  return out.sort((a, b) => a.row - b.row);
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** Reads the directory and checks the rows against it, writing nothing (the CLI's bad-file path). */
export async function checkPeopleIn(
  store: Store,
  rows: readonly PersonInput[],
  opts: CheckOptions = {},
): Promise<RowProblem[]> {
  return store.transaction(async (tx) => {
    const [people, identities] = await Promise.all([tx.people(), tx.identities()]);
    return checkPeople(rows, people, identities, opts);
  });
}

export async function importPeople(
  store: Store,
  rows: readonly PersonInput[],
  meta: { source: string; now: Date },
  opts: CheckOptions = {},
): Promise<ImportResult> {
  return withRetry(store, async (tx) => {
    // The system head is read with the directory: a concurrent change collides on it and retries.
    const [people, identities, heads] = await Promise.all([
      tx.people(),
      tx.identities(),
      tx.heads([SYSTEM_STREAM]),
    ]);
    const problems = checkPeople(rows, people, identities, opts);
    if (problems.length > 0) throw new ImportRefused(problems, rows, opts.label ?? rowLabel);
    const byId = new Map(people.map((p) => [p.id, p]));
    const planned = rows.map((r) => personEvents(r, byId, identities));
    const events: SystemEvent[] = planned.flatMap((p) => p.events);
    // Alternates after everyone exists, so a row may name a person further down the file.
    const after = new Map(byId);
    for (const e of events) if (e.type === 'PersonAdded') after.set(e.person.id, e.person);
    const ref = (id: string | undefined): PersonRef | null =>
      id === undefined ? null : { id, name: after.get(id)?.name ?? id };
    for (const [i, r] of rows.entries()) {
      if (r.alternate === undefined || r.alternate === '') continue;
      const id = r.email.trim().toLowerCase();
      let alt: string | undefined;
      if (r.alternate !== null) {
        const token = r.alternate.trim().toLowerCase();
        alt = [...after.values()].find((p) => p.id === token || p.handle?.toLowerCase() === token)?.id;
        if (alt === undefined) continue; // cannot be: checkPeople refused the rows
      }
      // R62: an empty cell under the alternate column clears the alternate, as `admin alternate
      // <member> none` does.
      const cur = after.get(id);
      if (cur?.alternate === alt) continue;
      events.push({ type: 'AlternateSet', person: id, alternate: alt ?? null });
      planned[i]?.fields.push({ field: 'alternate', from: ref(cur?.alternate), to: ref(alt) });
      if (cur) {
        const { alternate: _was, ...rest } = cur;
        after.set(id, alt === undefined ? rest : { ...rest, alternate: alt });
      }
    }
    const changes: PersonChange[] = planned
      .filter((p) => p.kind === 'added' || p.fields.length > 0)
      .map(({ events: _events, ...change }) => change);
    const added = changes.filter((c) => c.kind === 'added').length;
    const result = {
      added,
      updated: changes.length - added,
      unchanged: rows.length - changes.length,
      changes,
    };
    if (events.length === 0) return result;
    const st = newTxState();
    const meta2 = { actor: 'system' as const, platform: 'cli', deliveryId: null, commandText: meta.source };
    st.heads.set(SYSTEM_STREAM, heads.get(SYSTEM_STREAM) ?? { seq: 0, hash: GENESIS });
    stageEvents(st, meta2, events, meta.now);
    await flush(tx, st, store.faults);
    return result;
  });
}

/**
 * The events that bring one person's record and identities in line with the row, and what they change
 * (the alternate is left to importPeople, which sets it once everyone in the file exists).
 */
function personEvents(
  r: PersonInput,
  byId: ReadonlyMap<string, Person>,
  identities: readonly Identity[],
): PersonChange & { events: SystemEvent[] } {
  const id = r.email.trim().toLowerCase();
  const roles = [...new Set(r.roles)];
  const existing = byId.get(id);
  // The CSV has no handle column, so a row without one keeps the person's (a script gave it).
  const handle = r.handle ? r.handle : existing?.handle;
  const record: Person = {
    id,
    email: r.email.trim(),
    name: r.name.trim(),
    roles,
    ...(handle ? { handle } : {}),
    ...(r.group ? { votingGroup: r.group } : {}),
    ...(existing?.alternate ? { alternate: existing.alternate } : {}),
  };
  const events: SystemEvent[] = [];
  const fields: FieldChange[] = [];
  const change = (field: 'name' | 'email' | 'handle' | 'group', from?: string, to?: string): FieldChange[] =>
    from === to ? [] : [{ field, from: from ?? null, to: to ?? null }];
  if (!existing) {
    events.push({ type: 'PersonAdded', person: record });
    fields.push({ field: 'roles', from: [], to: roles }, ...change('group', undefined, record.votingGroup));
  } else {
    // No event renames a person or moves their group, so a changed record is re-stated in full
    // (the projection upserts it; an empty group cell is no group); role changes stay one event
    // each (R67).
    const group = change('group', existing.votingGroup, record.votingGroup);
    fields.push(
      ...change('name', existing.name, record.name),
      ...change('email', existing.email, record.email),
      ...change('handle', existing.handle, record.handle),
    );
    if (fields.length + group.length > 0)
      events.push({ type: 'PersonAdded', person: { ...record, roles: existing.roles } });
    if (!sameList(existing.roles, roles)) {
      fields.push({ field: 'roles', from: existing.roles, to: roles });
      for (const role of roles)
        if (!existing.roles.includes(role)) events.push({ type: 'RoleChanged', person: id, role, op: 'add' });
      for (const role of existing.roles)
        if (!roles.includes(role)) events.push({ type: 'RoleChanged', person: id, role, op: 'remove' });
    }
    fields.push(...group);
  }
  for (const platform of ['slack', 'teams'] as const) {
    const raw = r[platform];
    if (!raw?.trim()) continue;
    const platformId = canonicalPlatformId(platform, raw);
    const linked = identities.some(
      (x) =>
        x.platform === platform &&
        idKey(platform, x.platformId) === idKey(platform, platformId) &&
        x.personId === id,
    );
    if (!linked) {
      events.push({ type: 'IdentityLinked', person: id, platform, platformId });
      fields.push({ field: platform, linked: platformId });
    }
  }
  return {
    kind: existing ? 'updated' : 'added',
    person: id,
    name: record.name,
    email: record.email,
    events,
    fields,
  };
}
