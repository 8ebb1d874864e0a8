// The persistence core on both databases: one transaction per command with
// events, projection, deadlines and outbox; refusals and repeated deliveries write nothing (R2,
// R36); the hash chain and its audit (R8); a fault between writes leaves nothing; runDue fires once.
import { beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { auditVerify, eventHash } from '../../src/app/hash.ts';
import type { Outcome } from '../../src/app/ports.ts';
import type { Command } from '../../src/domain/commands.ts';
import type { DomainEvent } from '../../src/domain/events.ts';
import type { Modification } from '../../src/domain/modification.ts';
import { emptyWorld } from '../../src/domain/modification.ts';
import { evolveAll } from '../../src/domain/evolve.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { migrate, readMigrations } from '../../db/migrate.ts';
import type { OpenStore } from '../../db/open.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Every table's row count: "nothing written" means this does not change. */
async function snapshot(store: OpenStore): Promise<Record<string, number>> {
  const tables = ['events', 'modifications', 'votes', 'people', 'deliveries', 'deadlines', 'outbox'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(store, t);
  const [m] = await query<{ s: string | null }>(
    store,
    `select md5(string_agg(state::text, '')) as s from modifications`,
  );
  out[`state:${m?.s ?? ''}`] = 1;
  return out;
}

/** Folds a stream's stored events: the projection must equal it (R8: events are the source). */
async function fold(store: OpenStore, n: number): Promise<Modification | undefined> {
  const rows = await query<{ type: string; payload: Record<string, unknown>; at: string | Date }>(
    store,
    `select type, payload, at from events where stream = ${n} order by seq`,
  );
  let w = emptyWorld();
  for (const r of rows) {
    const e = { type: r.type, n, ...r.payload } as DomainEvent;
    w = evolveAll(w, [e], new Date(r.at).toISOString());
  }
  return w.modifications[n];
}

eachDatabase('execute', (h) => {
  let engine: Engine;
  const run = (actor: string, command: Command, minutes = 0, deliveryId?: string): Promise<Outcome> =>
    engine.execute(
      {
        command,
        actor: actor === 'system' ? 'system' : id(actor),
        platform: 'slack',
        ...(deliveryId ? { deliveryId } : {}),
      },
      later(minutes),
    );
  const ok = async (actor: string, command: Command, minutes = 0): Promise<Outcome> => {
    const o = await run(actor, command, minutes);
    expect(o, `${command.type} by ${actor}: ${o.reply}`).toMatchObject({ ok: true, code: null });
    return o;
  };
  const raise = () =>
    ok('alice', {
      type: 'raise',
      title: 'Faster switching',
      problem: 'Switching takes too long',
      fastTrack: false,
    });

  beforeEach(async () => {
    h.store.faults = undefined;
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now: T0 });
  });

  it('raise → iar → views → route, each in one transaction with events, projection, deadlines, outbox', async () => {
    const outcomes = [
      await raise(),
      await ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, 1),
      await ok('sam', { type: 'views-open', ref: 1 }, 2),
      await ok('cb1', { type: 'view', ref: 1, stance: 'support' }, 3),
      await ok('sam', { type: 'views-close', ref: 1 }, 4),
      await ok(
        'chair',
        { type: 'panel-route', ref: 1, route: 'refinement', determination: 'self-governance' },
        5,
      ),
    ];
    expect(outcomes[0]?.reply).toContain('DP001');
    const seqs = await query<{ seq: number }>(
      h.store,
      'select seq from events where stream = 1 order by seq',
    );
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i + 1));
    const [row] = await query<{ ref: string; status: string; version: number }>(
      h.store,
      'select ref, status, version from modifications where number = 1',
    );
    expect(row).toMatchObject({ ref: 'MP001', status: 'refinement', version: seqs.length });
    const [m] = await engine.modifications();
    expect(m).toEqual(await fold(h.store, 1));
    // Deadline rows mirror the projection's deadlines, status for status.
    const rows = await query<{ id: string; status: string }>(
      h.store,
      'select id, status from deadlines order by created',
    );
    expect(rows.map((r) => [r.id, r.status])).toEqual(m?.deadlines.map((d) => [d.id, d.status]));
    expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
    const sent = outcomes.reduce((n, o) => n + o.notifications.length, 0);
    expect(sent).toBeGreaterThan(0);
    expect(await count(h.store, 'outbox')).toBe(sent);
    expect(await auditVerify(h.store)).toMatchObject({ ok: true, streams: 2 });
  });

  it('R2: a refusal, or an unknown actor, writes nothing', async () => {
    await raise();
    const before = await snapshot(h.store);
    expect(await run('alice', { type: 'views-open', ref: 1 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await run('alice', { type: 'vote', ref: 7, option: 'approve' })).toMatchObject({ ok: false });
    const stranger = await engine.execute(
      { command: { type: 'comment', ref: 1, text: 'hi' }, actor: 'nobody@example.org', platform: 'teams' },
      T0,
    );
    expect(stranger).toMatchObject({
      ok: false,
      code: 'not_registered',
      reply: 'You are not registered; ask an admin.',
    });
    expect(await snapshot(h.store)).toEqual(before);
  });

  it('R36: a repeated delivery id returns the first outcome and writes nothing', async () => {
    const cmd: Command = { type: 'raise', title: 'Once', problem: 'Only once', fastTrack: false };
    const first = await run('alice', cmd, 0, 'slack:evt-1');
    expect(first).toMatchObject({ ok: true, duplicate: false });
    const before = await snapshot(h.store);
    const again = await run('alice', cmd, 1, 'slack:evt-1');
    expect(again).toEqual({ ok: true, code: null, reply: first.reply, duplicate: true, notifications: [] });
    expect(await snapshot(h.store)).toEqual(before);
    // A refusal is recorded for its delivery id too, and returned again as it was.
    const refused = await run('bob', { type: 'views-open', ref: 1 }, 2, 'slack:evt-2');
    expect(await run('bob', { type: 'views-open', ref: 1 }, 3, 'slack:evt-2')).toEqual({
      ...refused,
      duplicate: true,
    });
    expect(await count(h.store, 'modifications')).toBe(1);
  });

  it('R8: audit verify passes, then names the first tampered or missing event', async () => {
    await raise();
    await ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, 1);
    await ok('sam', { type: 'views-open', ref: 1 }, 2);
    const good = await auditVerify(h.store);
    expect(good).toMatchObject({ ok: true, streams: 2 });
    const [iar] = await query<{ seq: number }>(h.store, `select seq from events where type = 'IarRecorded'`);
    const seq = Number(iar?.seq);
    const tamper = (v: string) =>
      query(
        h.store,
        `update events set payload = jsonb_set(payload, '{fields,impacts}', '"${v}"') where stream = 1 and seq = ${seq}`,
      );
    await tamper('none');
    expect(await auditVerify(h.store)).toMatchObject({
      ok: false,
      stream: 1,
      seq,
      reason: expect.stringContaining('hash'),
    });
    await tamper('Suppliers');
    expect(await auditVerify(h.store)).toEqual(good);
    // A forger who also rewrites the event's own hash breaks the link from the next event.
    const [row] = await h.store.eventsAfter({ stream: 1, seq: seq - 1 }, 1);
    if (!row) throw new Error('no IarRecorded event');
    const forged = { ...row, payload: { fields: { impacts: 'none', route: 'refinement' } } };
    await query(
      h.store,
      `update events set payload = '${JSON.stringify(forged.payload)}', hash = '${eventHash(forged)}' where id = ${row.id}`,
    );
    expect(await auditVerify(h.store)).toMatchObject({ ok: false, stream: 1, seq: seq + 1 });
  });

  it('R8: a deleted event is found, at the end of a stream too; the system stream is checked (R67)', async () => {
    await raise();
    await ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, 1);
    const last = await count(h.store, 'events', 'stream = 1');
    await query(h.store, `delete from events where stream = 1 and seq = ${last}`);
    expect(await auditVerify(h.store)).toMatchObject({ ok: false, stream: 1, seq: last });
    await query(h.store, `update events set actor = 'mallory' where stream = 0 and seq = 3`);
    expect(await auditVerify(h.store)).toMatchObject({ ok: false, stream: 0, seq: 3 });
  });

  it('a fault injected between writes leaves nothing behind', async () => {
    await raise();
    for (const at of ['afterEvents', 'afterProjections', 'beforeCommit'] as const) {
      const before = await snapshot(h.store);
      h.store.faults = {
        [at]: () => {
          throw new Error(`fault ${at}`);
        },
      };
      await expect(
        run('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, 1, `d-${at}`),
      ).rejects.toThrow(`fault ${at}`);
      h.store.faults = undefined;
      expect(await snapshot(h.store)).toEqual(before);
    }
    // And the same command then succeeds, as if the failed attempts never happened.
    await ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, 1);
    expect(await auditVerify(h.store)).toMatchObject({ ok: true });
  });

  it('deadlines are rows: runDue fires the views-close deadline once, at its due time', async () => {
    await raise();
    await ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, 1);
    await ok('sam', { type: 'views-open', ref: 1 }, 2);
    const [m] = await engine.modifications();
    const close = m?.deadlines.find((d) => d.what === 'views-close');
    if (!close) throw new Error('no views-close deadline');
    const due = new Date(close.due);
    expect(await engine.runDue(new Date(due.getTime() - 1))).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ deadline: expect.objectContaining({ what: 'views-close' }) }),
      ]),
    );
    const fired = await engine.runDue(new Date(due.getTime() + 3_600_000));
    const views = fired.filter((f) => f.deadline.what === 'views-close');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ ok: true, deadline: { id: close.id, due } });
    expect((await engine.modifications())[0]?.status).toBe('awaiting_panel');
    expect(await count(h.store, 'deadlines', `id = '${close.id}' and status = 'fired'`)).toBe(1);
    const events = await count(h.store, 'events');
    expect(await engine.runDue(new Date(due.getTime() + 7_200_000))).toEqual([]);
    expect(await count(h.store, 'events')).toBe(events);
    const [fe] = await query<{ actor: string; platform: string; at: string | Date }>(
      h.store,
      `select actor, platform, at from events where type = 'DeadlineFired' and payload->>'id' = '${close.id}'`,
    );
    expect(fe).toMatchObject({ actor: 'system', platform: 'system' });
    expect(new Date(fe?.at ?? 0)).toEqual(due);
  });

  it('migrating again is a no-op', async () => {
    expect(await migrate(h.store.db)).toEqual([]);
    expect(await count(h.store, 'secbot_migrations')).toBe(readMigrations().length);
  });
});
