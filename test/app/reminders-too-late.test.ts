// R34 R64 R75: the running bot fires each deadline at its own due time, so the history reads as if it
// had been on time; after downtime a reminder would then go out for something already past ("SECAS
// comments are due by Mon 8 Feb" on 10 February). Fired in real time (the bot's tick), a reminder that
// comes after what it reminds of is dropped instead: not sent, its deadline cancelled, so nothing later
// redraws it. On time it is sent; a replay of time (scripted mode) sends it too.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { query } from '../support/databases.ts';
import { PEOPLE, id, london } from '../support/directory.ts';

const RAISED = london('2027-02-01T10:00'); // reminder Fri 5 Feb, comments due Mon 8 Feb, 17:00

describe('a reminder the running bot fires after what it reminds of', () => {
  let store: OpenStore;
  let engine: Engine;
  beforeEach(async () => {
    await store?.close();
    store = await openStore({ memory: true });
    engine = createEngine(store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(PEOPLE, { source: 'test', now: RAISED });
    const o = await engine.execute(
      {
        command: { type: 'raise', title: 'Faster switching', problem: 'P', fastTrack: false },
        actor: id('alice'),
        platform: 'cli',
      },
      RAISED,
    );
    expect(o.ok).toBe(true);
  });
  afterAll(() => store?.close());
  const reminders = async () =>
    (await query<{ payload: { text: string } }>(store, 'select payload from outbox')).filter((r) =>
      r.payload.text.startsWith('Reminder: SECAS comments'),
    );
  const reminderRow = async () =>
    (
      await query<{ status: string }>(
        store,
        "select status from deadlines where what = 'reminder:secas-comments'",
      )
    )[0]?.status;

  it('after downtime past the due date: not sent, and its deadline is cancelled', async () => {
    await engine.runDue(london('2027-02-10T09:00'), { realTime: true });
    expect(await reminders()).toEqual([]);
    expect(await reminderRow()).toBe('cancelled');
  });

  it('late but before the due date: sent', async () => {
    await engine.runDue(london('2027-02-06T09:00'), { realTime: true });
    expect(await reminders()).toHaveLength(1);
    expect(await reminderRow()).toBe('fired');
  });

  it('a replay of time (scripted mode) sends it, as the bot running throughout would have', async () => {
    await engine.runDue(london('2027-02-10T09:00'));
    expect(await reminders()).toHaveLength(1);
    expect(await reminderRow()).toBe('fired');
  });
});
