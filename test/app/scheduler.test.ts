// runDue (R69) on both databases: deadlines fire by due time then creation, each once;
// one set already overdue fires in the same run, never back in time; a refused fire is settled so it
// never loops; a deadline the core chokes on is parked and the rest still fire.
import { beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { Command } from '../../src/domain/commands.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { OpenStore } from '../../db/open.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const T0 = london('2026-12-01T10:00');
const FAR = london('2027-03-01T10:00');

/** Adds a pending deadline row and its copy in the projection, bypassing the core (test set-up). */
async function plant(store: OpenStore, n: number, did: string, what: string, due: Date): Promise<void> {
  await query(
    store,
    `insert into deadlines (id, stream, what, due, status, calendar_version, reminder)
     values ('${did}', ${n}, '${what}', '${due.toISOString()}', 'pending', 'test', ${what.startsWith('reminder:')})`,
  );
  const d = {
    id: did,
    what,
    due: due.toISOString(),
    calendarVersion: 'test',
    status: 'pending',
    reminder: what.startsWith('reminder:'),
  };
  await query(
    store,
    `update modifications set state = jsonb_set(state, '{deadlines}', (state->'deadlines') || '[${JSON.stringify(d)}]'::jsonb) where number = ${n}`,
  );
}

eachDatabase('runDue', (h) => {
  let engine: Engine;
  const logged: string[] = [];
  const ok = async (actor: string, command: Command, at: Date) => {
    const o = await engine.execute({ command, actor: id(actor), platform: 'cli' }, at);
    expect(o, `${command.type}: ${o.reply}`).toMatchObject({ ok: true });
    return o;
  };
  const raise = (at = T0) => ok('alice', { type: 'raise', title: 'T', problem: 'P', fastTrack: true }, at);

  beforeEach(async () => {
    await resetStore(h.store);
    logged.length = 0;
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS, log: (m) => logged.push(m) });
    await engine.importPeople(PEOPLE, { source: 'test', now: T0 });
  });

  it('R69: due deadlines fire by due time, then creation, each exactly once', async () => {
    await raise();
    await ok('sam', { type: 'iar', ref: 1, impacts: 'Suppliers', route: 'refinement' }, T0);
    await ok('sam', { type: 'views-open', ref: 1 }, T0);
    const tie = london('2026-12-02T09:00');
    await plant(h.store, 1, 'tie.b', 'reminder:views-close', tie);
    await plant(h.store, 1, 'tie.a', 'reminder:views-close', tie);
    const pending = await count(h.store, 'deadlines', `status = 'pending'`);
    const fired = await engine.runDue(FAR);
    expect(fired.map((f) => f.deadline.id).slice(0, 2)).toEqual(['tie.b', 'tie.a']);
    const dues = fired.map((f) => f.deadline.due.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    // views-close cancels the reminders still pending, so fewer fire than were pending.
    expect(new Set(fired.map((f) => f.deadline.id)).size).toBe(fired.length);
    expect(fired.length).toBeLessThanOrEqual(pending);
    expect(await count(h.store, 'deadlines', `status = 'pending'`)).toBe(0);
    expect(await engine.runDue(FAR)).toEqual([]);
    const firedEvents = await count(h.store, 'events', `type = 'DeadlineFired'`);
    expect(firedEvents).toBe(fired.filter((f) => f.ok).length);
  });

  it('deadlines are rows: a fire that sets an overdue deadline fires it in the same run, at the later instant', async () => {
    await raise();
    // Fast Track with an implementation date after the window's close (R19, R24); the ballot closes
    // the same day. The domain never sets a deadline already overdue (a date a later Panel decision
    // overtakes is dropped, R19), so the window-close row is moved past the agreed date here, as any
    // later change to a close would: the implementation deadline that fire sets is then overdue.
    await ok('chair', { type: 'panel-fasttrack', ref: 1, implement: '2026-12-23' }, T0);
    for (const p of ['chair', 'pm1', 'pm2', 'pm3', 'pm4'])
      await ok(p, { type: 'vote', ref: 1, option: 'approve' }, T0);
    await ok('chair', { type: 'ballot-close', ref: 1 }, T0);
    await query(
      h.store,
      `update deadlines set due = '${london('2027-01-05T17:00').toISOString()}' where what = 'ft-window-close'`,
    );
    const fired = await engine.runDue(FAR);
    const whats = fired.map((f) => f.deadline.what);
    expect(whats.slice(-2)).toEqual(['ft-window-close', 'implementation']);
    const [close, impl] = fired.slice(-2);
    expect(impl?.deadline.due.getTime()).toBeLessThan(close?.at.getTime() ?? 0);
    expect(impl?.at).toEqual(close?.at);
    expect((await engine.modifications())[0]?.status).toBe('implemented');
  });

  it('deadlines are rows: a refused fire (nothing to do) is settled and never fires again', async () => {
    await raise();
    await query(
      h.store,
      `insert into deadlines (id, stream, what, due, status, calendar_version, reminder)
       values ('ghost.1', 1, 'views-close', '${T0.toISOString()}', 'pending', 'test', false)`,
    );
    const fired = await engine.runDue(london('2026-12-01T12:00'));
    expect(fired).toEqual([
      expect.objectContaining({
        ok: false,
        code: 'not_found',
        deadline: expect.objectContaining({ id: 'ghost.1' }),
      }),
    ]);
    const [row] = await query<{ status: string; last_error: string }>(
      h.store,
      `select status, last_error from deadlines where id = 'ghost.1'`,
    );
    expect(row).toEqual({ status: 'fired', last_error: 'not_found' });
    expect(await engine.runDue(london('2026-12-01T12:00'))).toEqual([]);
  });

  it('deadlines are rows: a deadline the core cannot process is parked as failed; the others still fire', async () => {
    await raise();
    await raise();
    await plant(h.store, 2, 'bad.1', 'reminder:views-close', london('2026-12-01T11:00'));
    await plant(h.store, 1, 'good.1', 'reminder:views-close', london('2026-12-01T11:30'));
    // Corrupt modification 2's projection so that deciding on it throws.
    await query(
      h.store,
      `update modifications set state = jsonb_set(state, '{deadlines}', '"oops"') where number = 2`,
    );
    const fired = await engine.runDue(london('2026-12-01T12:00'));
    expect(fired.map((f) => [f.deadline.id, f.ok])).toEqual([['good.1', true]]);
    expect(await count(h.store, 'deadlines', `id = 'bad.1' and status = 'failed'`)).toBe(1);
    expect(logged).toContain('deadline failed');
  });
});
