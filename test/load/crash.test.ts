// QUALITY.md "kill -9 under load and during a sweep": a bot process (`src/main.ts`, as
// `npm start` runs it) on a throwaway PostgreSQL database, Slack pointed at the fake Web API in this
// process. (1) A loop of signed vote clicks from the Panel's ten members on a few Fast Track ballots,
// `kill -9` in the middle of it, restart: every click that got its 200 ack is in the database, the
// hash chains verify, and what was waiting in the outbox at the kill is sent after the restart, none
// twice. (2) `kill -9` in the middle of the start-up sweep of a few thousand due deadlines, restart:
// each fired exactly once in total, the hash chains verify.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENDING_LEASE_S, SUPERSEDED } from '../../db/outbox-store.ts';
import type { OpenStore } from '../../db/open.ts';
import { openStore } from '../../db/open.ts';
import { createPgDatabase, pgUnreachable } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { blockActionsBody, post, sign } from '../support/slack-requests.ts';
import {
  ADMIN,
  PANEL,
  PROPOSER,
  auditVerify,
  cardsPostedTwice,
  cardsShownTwice,
  deadlineCounts,
  engineOf,
  firedLogged,
  healthy,
  killBot,
  logLines,
  num,
  plantDeadlines,
  plantOutbox,
  postsByKey,
  q,
  raiseBallots,
  recipients,
  registerChannels,
  startBot,
  stopBot,
  type Bot,
} from './support-replicas.ts';

const BALLOTS = 4;
const CLIENTS = 10;
/** Acked clicks before the kill (the load goes on meanwhile, so some are in flight at the kill). */
const ACKS_BEFORE_KILL = 120;
const SWEEP = 4_000;
/** DMs planted as the load starts, their posts answered only after the kill. */
const DMS = 30;

interface Click {
  deliveryId: string;
  /** The modification's ref (ballot ids are per modification: `fasttrack-1` on each). */
  ref: string;
  voter: string;
  option: 'approve' | 'reject';
  /** 200: the vote was acknowledged; 0: no answer (the process died); else the status. */
  status: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(Boolean(pgUnreachable))('kill -9 and restart', () => {
  let fake: FakeSlack;
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let store: OpenStore;
  const bots: Bot[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    db = await createPgDatabase();
    store = await openStore({ databaseUrl: db.url });
    const engine = engineOf(store);
    await engine.importPeople([ADMIN, PROPOSER, ...PANEL, ...recipients(DMS)], {
      source: 'load',
      now: new Date(),
    });
    await registerChannels(engine, new Date());
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => stopBot(b)));
    await store?.close();
    await fake?.close();
    await db?.drop();
  });

  describe('R36 R46 R8 under a vote load', () => {
    const clicks: Click[] = [];
    /** Outbox keys waiting (pending, sending, unknown) when the process died. */
    let waiting: string[] = [];
    let leased = 0;
    /** Outbox keys that Slack had posted but the dead process had not recorded. */
    let unrecorded: string[] = [];
    let drainedMs = 0;
    let loadMs = 0;
    const ballots: { ref: string; ballot: string }[] = [];

    beforeAll(async () => {
      ballots.push(...(await raiseBallots(engineOf(store), BALLOTS, 'Crash')));
      const first = await startBot('crash-a', { databaseUrl: db.url, fake });
      bots.push(first);

      // Each client owns some (ballot, voter) pairs and clicks them in turn, each click the other
      // option from that voter's previous one (so every click is a real change: a VoteCast event).
      // DMs due now, whose posts Slack makes but answers only after the kill: the process dies not
      // knowing they went out (R46: a post whose outcome is unknown is reconciled, not repeated).
      fake.setFault('chat.postMessage', { delayMs: 60_000 }, DMS);
      await plantOutbox(store, { dms: DMS, posts: 0, people: DMS, at: new Date(), prefix: 'crash' });
      const pairs = ballots.flatMap((b) => PANEL.map((p) => ({ ...b, user: p.slack as string })));
      let dead = false;
      let seq = 0;
      const client = async (c: number) => {
        const mine = pairs.filter((_, i) => i % CLIENTS === c);
        for (let turn = 0; !dead; turn++) {
          const p = mine[turn % mine.length];
          if (!p) return;
          const option = Math.floor(turn / mine.length) % 2 === 0 ? 'approve' : 'reject';
          const actionTs = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
          const click: Click = {
            deliveryId: `slack:${p.user}:${actionTs}`,
            ref: p.ref,
            voter: p.user,
            option,
            status: 0,
          };
          clicks.push(click);
          const body = blockActionsBody({
            user: p.user,
            actionId: 'sec:vote:0',
            value: JSON.stringify({ ref: p.ref, ballot: p.ballot, option }),
            actionTs,
            channel: 'C0PANEL',
          });
          try {
            click.status = (await post(first.url, sign(body))).status;
          } catch {
            dead = true; // connection reset or refused: the process is gone
          }
        }
      };
      const loadStart = Date.now();
      const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      const end = Date.now() + 60_000;
      // Killed once enough clicks were acknowledged and some of the slow DMs are out at Slack unanswered.
      const dmsOut = () => [...postsByKey(fake).keys()].filter((k) => k.startsWith('crash:')).length;
      while (
        (clicks.filter((c) => c.status === 200).length < ACKS_BEFORE_KILL || dmsOut() < 3) &&
        Date.now() < end
      )
        await sleep(10);
      await killBot(first);
      loadMs = Date.now() - loadStart;
      dead = true;
      await load;

      fake.clearFaults();
      // Frozen as the dead process left it.
      const recordedAtKill = new Set(
        (await q<{ key: string }>(store, 'select outbox_key as key from platform_messages')).map(
          (r) => r.key,
        ),
      );
      unrecorded = [...postsByKey(fake).keys()].filter((k) => !recordedAtKill.has(k));
      waiting = (
        await q<{ key: string }>(
          store,
          `select key from outbox where status in ('pending', 'sending', 'unknown')`,
        )
      ).map((r) => r.key);
      // A row claimed by the dead process stays `sending` for the lease (SENDING_LEASE_S, 5 minutes)
      // before any process takes it up again: the test lets that time pass by moving the claims back.
      leased = await num(store, `select count(*) as n from outbox where status = 'sending'`);
      await store.db.execute(
        sql.raw(
          `update outbox set claimed_at = claimed_at - interval '${SENDING_LEASE_S} seconds' where status = 'sending'`,
        ),
      );
      const t0 = Date.now();
      bots.push(await startBot('crash-a-restarted', { databaseUrl: db.url, fake }));
      const drainEnd = Date.now() + 90_000;
      while (
        (await num(store, `select count(*) as n from outbox where status in ('pending', 'sending')`)) > 0 &&
        Date.now() < drainEnd
      )
        await sleep(250);
      drainedMs = Date.now() - t0;
    }, 170_000);

    it('R36 every acknowledged vote click is in the database: its delivery, its vote event', async () => {
      const acked = clicks.filter((c) => c.status === 200);
      const unanswered = clicks.filter((c) => c.status === 0);
      console.log(
        `vote clicks: ${clicks.length} sent in ${loadMs} ms by ${CLIENTS} clients, ${acked.length} acked, ${unanswered.length} unanswered at the kill`,
      );
      expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      expect(clicks.filter((c) => c.status !== 200 && c.status !== 0)).toEqual([]);
      const written = new Set(
        (
          await q<{ id: string }>(
            store,
            `select e.delivery_id as id from events e join deliveries d on d.delivery_id = e.delivery_id
             where e.type = 'VoteCast' and (d.outcome->>'ok')::boolean`,
          )
        ).map((r) => r.id),
      );
      expect(acked.filter((c) => !written.has(c.deliveryId)).map((c) => c.deliveryId)).toEqual([]);
      // Nothing else was written: a vote event for a click that was sent, one per delivery.
      const sent = new Set(clicks.map((c) => c.deliveryId));
      expect([...written].filter((id) => !sent.has(id))).toEqual([]);
      expect(await num(store, `select count(*) as n from events where type = 'VoteCast'`)).toBe(written.size);
    });

    it("R36 each voter's current vote is their last acknowledged click, or the one in flight after it", async () => {
      const rows = await q<{ stream: number; voter: string; option: string }>(
        store,
        'select stream, voter, option from votes',
      );
      const slackOf = new Map(PANEL.map((p) => [p.email, p.slack as string]));
      const current = new Map(rows.map((r) => [`${Number(r.stream)}|${slackOf.get(r.voter)}`, r.option]));
      const number = (ref: string) => Number(ref.replace(/^DP/, ''));
      let checked = 0;
      for (const b of ballots) {
        for (const p of PANEL) {
          const mine = clicks.filter((c) => c.ref === b.ref && c.voter === p.slack);
          const lastAcked = mine.findLastIndex((c) => c.status === 200);
          if (lastAcked < 0) continue;
          const allowed = new Set(mine.slice(lastAcked, lastAcked + 2).map((c) => c.option));
          expect(allowed, `${b.ref} ${p.email}`).toContain(current.get(`${number(b.ref)}|${p.slack}`));
          checked++;
        }
      }
      expect(checked).toBe(BALLOTS * PANEL.length);
    });

    it('R8 secbot audit verify passes after the kill', async () => {
      const r = await auditVerify(db.url);
      expect(r.output).toMatch(/^OK: /);
      expect(r.code).toBe(0);
    });

    it('R46 what waited in the outbox at the kill is sent after the restart, none posted twice', async () => {
      console.log(
        `outbox at the kill: ${waiting.length} waiting (${leased} claimed by the dead process); drained ${drainedMs} ms after restart`,
      );
      expect(waiting.length).toBeGreaterThan(0);
      const left = await q<{ key: string; status: string; last_error: string | null }>(
        store,
        `select key, status, last_error from outbox where status <> 'sent'`,
      );
      expect(left).toEqual([]);
      const recorded = new Set(
        (
          await q<{ key: string }>(
            store,
            `select outbox_key as key from platform_messages where platform = 'slack'`,
          )
        ).map((r) => r.key),
      );
      // Each waiting message reached Slack, or was a card version settled unsent because a newer
      // version of its card was sent instead (claimOutbox).
      const superseded = new Set(
        (await q<{ key: string }>(store, `select key from outbox where last_error = '${SUPERSEDED}'`)).map(
          (r) => r.key,
        ),
      );
      expect(waiting.filter((k) => !recorded.has(k) && !superseded.has(k))).toEqual([]);
      expect([...superseded].every((k) => k.includes(':ballot:'))).toBe(true);
      expect([...postsByKey(fake)].filter(([, n]) => n !== 1)).toEqual([]);
      // Each ballot card is still one message in the Panel channel, updated in place.
      expect(await cardsShownTwice(store)).toEqual([]);
      expect(await cardsPostedTwice(store, fake)).toEqual([]);
      // The posts Slack made for the dead process were found in the history, not posted again.
      const restarted = bots[1];
      const reconciled = restarted
        ? logLines(restarted)
            .filter((l) => l.msg === 'slack: reconciled an earlier post')
            .map((l) => String(l.key))
        : [];
      console.log(
        `posted by Slack but unrecorded at the kill: ${unrecorded.length}; reconciled after the restart: ${reconciled.length}`,
      );
      expect(unrecorded.length).toBeGreaterThan(0);
      expect(unrecorded.filter((k) => !reconciled.includes(k))).toEqual([]);
      expect(unrecorded.filter((k) => !recorded.has(k))).toEqual([]);
      expect(
        await num(store, `select count(*) as n from outbox where key like 'crash:%' and status = 'sent'`),
      ).toBe(DMS);
    });
  });

  describe('R48 R8 during a deadline sweep', () => {
    let firedAtKill = 0;
    beforeAll(async () => {
      for (const b of bots.splice(0)) await stopBot(b);
      await plantDeadlines(store, { mods: 1_000, due: SWEEP, firstDue: new Date(Date.now() - 3_600_000) });
      const bot = await startBot('sweep', { databaseUrl: db.url, fake, wait: false });
      bots.push(bot);
      await healthy(bot);
      // The start-up tick is sweeping: kill it once some deadlines have fired and before all have.
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        firedAtKill = (await deadlineCounts(store)).fired;
        if (firedAtKill >= SWEEP / 10) break;
        await sleep(20);
      }
      await killBot(bot);
      firedAtKill = (await deadlineCounts(store)).fired;
      bots.splice(0);
      bots.push(await startBot('sweep-restarted', { databaseUrl: db.url, fake }));
    }, 170_000);

    it(`R48 the kill came mid-sweep, and after the restart each of ${SWEEP} deadlines fired exactly once`, async () => {
      console.log(`deadlines fired at the kill: ${firedAtKill} of ${SWEEP}`);
      expect(firedAtKill).toBeGreaterThan(0);
      expect(firedAtKill).toBeLessThan(SWEEP);
      // The restarted process's start-up tick fired the rest before it logged "running".
      const restarted = bots[0];
      expect(restarted && firedLogged(restarted)).toBe(SWEEP - firedAtKill);
      expect(await deadlineCounts(store)).toEqual({
        fired: SWEEP,
        notFired: 0,
        events: SWEEP,
        distinct: SWEEP,
        twice: 0,
      });
    });

    it('R8 secbot audit verify: every hash chain intact after the kill mid-sweep', async () => {
      // The sweep's deadlines are planted into the states without events (plantDeadlines), so the state
      // check rightly finds states their history does not give; what the kill must not break is the
      // history: every chain intact, and a state that differs differs in its planted deadlines.
      const r = await auditVerify(db.url, ['--json']);
      const out = JSON.parse(r.output) as { chains: boolean; states?: { ok: boolean; field?: string } };
      expect(out.chains).toBe(true);
      expect(out.states?.ok === true || /^deadlines\b/.test(out.states?.field ?? '')).toBe(true);
    });
  });
});
