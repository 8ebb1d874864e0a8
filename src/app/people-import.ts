// Directory import (R1, R67): people upserted by e-mail as system-stream events, in one transaction.
// Re-importing the same rows writes nothing; a changed row appends only what changed; a bad row
// throws before anything is written (the CLI names its line).
import type { SystemEvent } from '../domain/events.ts';
import type { Person, Role } from '../domain/types.ts';
import { ROLES } from '../domain/types.ts';
import { flush, newTxState, stageEvents, withRetry } from './unit-of-work.ts';
import { GENESIS } from './hash.ts';
import type { Identity, Store } from './store.ts';
import { SYSTEM_STREAM } from './store.ts';

export type PersonInput = {
  email: string;
  name: string;
  roles: Role[];
  group?: string;
  /** The alternate's e-mail or handle (R33, R62). */
  alternate?: string;
  handle?: string;
  slack?: string;
  teams?: string;
};

export interface ImportResult {
  added: number;
  updated: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the rows against each other and the directory; returns the first problem, or undefined. */
function problem(rows: readonly PersonInput[], people: readonly Person[]): string | undefined {
  const emails = new Set<string>();
  const handles = new Map<string, string>();
  for (const p of people) if (p.handle) handles.set(p.handle.toLowerCase(), p.id);
  for (const [i, r] of rows.entries()) {
    const at = `row ${i + 1} (${r.email})`;
    const id = r.email.trim().toLowerCase();
    if (!EMAIL.test(id)) return `${at}: not an e-mail address`;
    if (!r.name.trim()) return `${at}: no name`;
    if (emails.has(id)) return `${at}: the e-mail appears twice`;
    emails.add(id);
    const bad = r.roles.find((x) => !ROLES.includes(x));
    if (bad) return `${at}: unknown role ${bad}`;
    if (r.handle) {
      const owner = handles.get(r.handle.toLowerCase());
      if (owner && owner !== id) return `${at}: the handle ${r.handle} belongs to ${owner}`;
      handles.set(r.handle.toLowerCase(), id);
    }
  }
  return undefined;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

export async function importPeople(
  store: Store,
  rows: readonly PersonInput[],
  meta: { source: string; now: Date },
): Promise<ImportResult> {
  return withRetry(store, async (tx) => {
    // The system head is read with the directory: a concurrent change collides on it and retries.
    const [people, identities, heads] = await Promise.all([
      tx.people(),
      tx.identities(),
      tx.heads([SYSTEM_STREAM]),
    ]);
    const issue = problem(rows, people);
    if (issue) throw new Error(issue);
    const byId = new Map(people.map((p) => [p.id, p]));
    const events: SystemEvent[] = rows.flatMap((r) => personEvents(r, byId, identities));
    // Alternates after everyone exists, so a row may name a person further down the file.
    const after = new Map(byId);
    for (const e of events) if (e.type === 'PersonAdded') after.set(e.person.id, e.person);
    for (const r of rows) {
      if (!r.alternate) continue;
      const id = r.email.trim().toLowerCase();
      const token = r.alternate.trim().toLowerCase();
      const alt = [...after.values()].find((p) => p.id === token || p.handle?.toLowerCase() === token);
      if (!alt) throw new Error(`${r.email}: unknown alternate ${r.alternate}`);
      if (alt.id === id) throw new Error(`${r.email}: a person cannot be their own alternate`);
      const cur = after.get(id);
      if (cur?.alternate !== alt.id) {
        events.push({ type: 'AlternateSet', person: id, alternate: alt.id });
        if (cur) after.set(id, { ...cur, alternate: alt.id });
      }
    }
    // R62: a person is the alternate for one member only (a vote counts in one seat); checked once every
    // row is applied, so a file may move an alternate from one member to another.
    for (const r of rows) {
      const me = after.get(r.email.trim().toLowerCase());
      const other = [...after.values()].find((p) => p.id !== me?.id && p.alternate === me?.alternate);
      if (r.alternate && me?.alternate && other)
        throw new Error(`${r.email}: ${me.alternate} is already the alternate for ${other.id}`);
    }
    const chairs = [...after.values()].filter((p) => p.roles.includes('panel_chair'));
    const finalChairs = new Set(chairs.map((p) => p.id));
    for (const e of events) {
      if (e.type !== 'RoleChanged' || e.role !== 'panel_chair') continue;
      if (e.op === 'add') finalChairs.add(e.person);
      else finalChairs.delete(e.person);
    }
    if (finalChairs.size > 1) throw new Error(`more than one Panel chair: ${[...finalChairs].join(', ')}`);
    if (events.length === 0) return { added: 0, updated: 0 };
    const touched = new Set(events.map(personOf));
    const added = [...touched].filter((id) => id !== undefined && !byId.has(id)).length;
    const st = newTxState();
    const meta2 = { actor: 'system' as const, platform: 'cli', deliveryId: null, commandText: meta.source };
    st.heads.set(SYSTEM_STREAM, heads.get(SYSTEM_STREAM) ?? { seq: 0, hash: GENESIS });
    stageEvents(st, meta2, events, meta.now);
    await flush(tx, st, store.faults);
    return { added, updated: touched.size - added };
  });
}

function personOf(e: SystemEvent): string | undefined {
  if (e.type === 'PersonAdded') return e.person.id;
  if (e.type === 'RoleChanged' || e.type === 'IdentityLinked' || e.type === 'AlternateSet') return e.person;
  return undefined;
}

/** The events that bring one person's record and identities in line with the row. */
function personEvents(
  r: PersonInput,
  byId: ReadonlyMap<string, Person>,
  identities: readonly Identity[],
): SystemEvent[] {
  const id = r.email.trim().toLowerCase();
  const roles = [...new Set(r.roles)];
  const existing = byId.get(id);
  const record: Person = {
    id,
    email: r.email.trim(),
    name: r.name.trim(),
    roles,
    ...(r.handle ? { handle: r.handle } : {}),
    ...(r.group ? { votingGroup: r.group } : {}),
    ...(existing?.alternate ? { alternate: existing.alternate } : {}),
  };
  const events: SystemEvent[] = [];
  if (!existing) events.push({ type: 'PersonAdded', person: record });
  else {
    // No event renames a person or moves their group, so a changed record is re-stated in full
    // (the projection upserts it); role changes stay one event each (R67).
    const same =
      existing.name === record.name &&
      existing.email === record.email &&
      existing.handle === record.handle &&
      existing.votingGroup === record.votingGroup;
    if (!same) events.push({ type: 'PersonAdded', person: { ...record, roles: existing.roles } });
    if (!sameList(existing.roles, roles)) {
      for (const role of roles)
        if (!existing.roles.includes(role)) events.push({ type: 'RoleChanged', person: id, role, op: 'add' });
      for (const role of existing.roles)
        if (!roles.includes(role)) events.push({ type: 'RoleChanged', person: id, role, op: 'remove' });
    }
  }
  for (const platform of ['slack', 'teams'] as const) {
    const platformId = r[platform]?.trim();
    if (!platformId) continue;
    const linked = identities.some(
      (x) => x.platform === platform && x.platformId === platformId && x.personId === id,
    );
    if (!linked) events.push({ type: 'IdentityLinked', person: id, platform, platformId });
  }
  return events;
}
