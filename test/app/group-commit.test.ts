// Group commit (QUALITY.md P1, P2; src/app/group-commit.ts): button votes that arrive while earlier
// ones are being written share the next transaction. Each vote must still be decided as if alone
// (R33, R36, R1), the chain and projections must be as a re-fold makes them (R8), and a group that
// fails must write nothing and tell every click. On PGlite and on PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, PersonInput } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { auditVerify } from '../../src/app/hash.ts';
import { projectionsVerify } from '../../src/app/projection-check.ts';
import type { Envelope, Outcome, PlatformUser } from '../../src/app/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { count, eachDatabase, query, resetStore } from '../support/databases.ts';
import { london } from '../support/directory.ts';
import { countTransactions, linkedSlack, voteClick } from '../support/votes.ts';

const T0 = london('2026-12-01T10:00');
const MEMBERS = 12;
const member = (i: number) => `m${i}@example.org`;
/** Member i, linked to Slack as `UM<i>`. */
const linked = (i: number): PlatformUser => linkedSlack(`m${i}`);

const people: PersonInput[] = [
  { email: 'chair@example.org', name: 'Chair', roles: ['panel_chair'], slack: 'UCHAIR' },
  ...Array.from({ length: MEMBERS }, (_, i) => ({
    email: member(i),
    name: `Member ${i}`,
    roles: ['panel' as const],
    slack: `UM${i}`,
  })),
  // In the directory, not linked to Slack yet: found by the e-mail Slack gives (R1).
  { email: 'late@example.org', name: 'Late Member', roles: ['panel'] },
];

eachDatabase('group commit of votes', (h) => {
  let engine: Engine;
  let transactions: ReturnType<typeof countTransactions>;
  let refs: string[] = [];

  afterEach(() => transactions?.stop());

  beforeEach(async () => {
    h.store.faults = undefined;
    await resetStore(h.store);
    engine = createEngine(h.store, { settings: DEFAULT_SETTINGS });
    await engine.importPeople(people, { source: 'test', now: T0 });
    refs = [];
    for (const title of ['One', 'Two', 'Three']) {
      const raised = await engine.ask(
        `panel raise-fasttrack title="${title}" problem="p"`,
        'chair@example.org',
        T0,
      );
      const ref = /DP\d+/.exec(raised.reply)?.[0];
      expect(ref, raised.reply).toBeDefined();
      refs.push(ref as string);
    }
    transactions = countTransactions(h.store);
  }, 60_000);

  const number = (ref: string) => Number(ref.replace(/\D/g, ''));
  const vote = (actor: PlatformUser, ref: string, option: string, deliveryId: string): Envelope =>
    voteClick(actor, number(ref), option, deliveryId);
  const all = (envs: Envelope[], s = 1) =>
    Promise.all(envs.map((e) => engine.execute(e, new Date(T0.getTime() + s * 1000))));
  const castBy = async (voter: string) =>
    count(h.store, 'events', `type = 'VoteCast' and payload->>'voter' = '${voter}'`);

  it('P1 (R33, R36, R8): 36 clicks at once share a few transactions; each vote is recorded once, the tally exact, the chain and projections as a re-fold makes them', async () => {
    const clicks = refs.flatMap((ref, b) =>
      Array.from({ length: MEMBERS }, (_, i) =>
        vote(linked(i), ref, (i + b) % 3 ? 'approve' : 'reject', `slack:${ref}:${i}`),
      ),
    );
    const outcomes = await all(clicks);
    expect(outcomes.map((o) => [o.ok, o.duplicate, o.code])).toEqual(clicks.map(() => [true, false, null]));
    for (const [k, o] of outcomes.entries())
      expect(o.reply, `click ${k}`).toMatch(new RegExp(`${refs[Math.floor(k / MEMBERS)]}`));
    expect(transactions.n).toBeLessThanOrEqual(4);
    expect(await count(h.store, 'events', `type = 'VoteCast'`)).toBe(36);
    expect(await count(h.store, 'votes')).toBe(36);
    const deliveries = await query<{ n: string | number }>(
      h.store,
      `select count(*) as n from deliveries where delivery_id like 'slack:DP%' and outcome is not null`,
    );
    expect(Number(deliveries[0]?.n)).toBe(36);
    for (const [b, ref] of refs.entries()) {
      const m = await engine.modification(number(ref));
      const ballot = m?.ballots.find((x) => x.status === 'open');
      const want = Array.from({ length: MEMBERS }, (_, i) => ((i + b) % 3 ? 'approve' : 'reject'));
      expect(
        Object.values(ballot?.votes ?? {})
          .map((v) => v.option)
          .sort(),
      ).toEqual(want.sort());
    }
    expect(await auditVerify(h.store)).toMatchObject({ ok: true });
    expect(await projectionsVerify(h.store)).toMatchObject({ ok: true });
  });

  it('R33: one voter changing their vote twice within a burst: the last click counts, both are in the history in order', async () => {
    const others = Array.from({ length: 6 }, (_, i) =>
      vote(linked(i + 1), refs[0] as string, 'approve', `o${i}`),
    );
    const outcomes = await all([
      ...others,
      vote(linked(0), refs[1] as string, 'approve', 'first'),
      vote(linked(0), refs[1] as string, 'reject', 'second'),
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(transactions.n).toBeLessThanOrEqual(4);
    const options = await query<{ option: string }>(
      h.store,
      `select payload->>'option' as option from events where type = 'VoteCast' and payload->>'voter' = '${member(0)}' order by seq`,
    );
    expect(options.map((r) => r.option)).toEqual(['approve', 'reject']);
    const m = await engine.modification(number(refs[1] as string));
    const mine = m?.ballots.find((b) => b.status === 'open')?.votes.filter((v) => v.voter === member(0));
    expect(mine?.map((v) => v.option)).toEqual(['reject']);
  });

  it('R36: a click delivered three times within a burst is recorded once; the repeats are answered with its outcome', async () => {
    const same = () => vote(linked(3), refs[2] as string, 'approve', 'slack:retried');
    const others = Array.from({ length: 5 }, (_, i) =>
      vote(linked(i + 4), refs[2] as string, 'reject', `x${i}`),
    );
    const outcomes = await all([...others, same(), same(), same()]);
    const repeated = outcomes.slice(5);
    expect(repeated.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(repeated.map((o) => o.reply)).size).toBe(1);
    expect(repeated.every((o) => o.ok)).toBe(true);
    expect(await castBy(member(3))).toBe(1);
    expect(await count(h.store, 'events', `type = 'VoteCast'`)).toBe(6);
  });

  it('R1: someone the directory does not know, clicking in a burst, is refused and nothing of theirs is written; the other votes are recorded', async () => {
    const stranger: PlatformUser = {
      platform: 'slack',
      platformId: 'USTRANGER',
      email: async () => 'nobody@else.org',
    };
    const clicks = [
      ...Array.from({ length: 4 }, (_, i) => vote(linked(i), refs[0] as string, 'approve', `k${i}`)),
      vote(stranger, refs[0] as string, 'approve', 'stranger'),
      ...Array.from({ length: 4 }, (_, i) => vote(linked(i + 4), refs[0] as string, 'approve', `j${i}`)),
    ];
    const outcomes = await all(clicks);
    expect(outcomes[4]).toMatchObject({ ok: false, code: 'not_registered' });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(8);
    expect(await count(h.store, 'deliveries', `delivery_id = 'stranger'`)).toBe(0);
    expect(await count(h.store, 'events', `type = 'VoteCast'`)).toBe(8);
    expect(await auditVerify(h.store)).toMatchObject({ ok: true });
  });

  it('R1: a member found by e-mail votes twice in one burst: linked once, both votes recorded', async () => {
    const late: PlatformUser = { platform: 'slack', platformId: 'ULATE', email: 'late@example.org' };
    const outcomes = await all([
      ...Array.from({ length: 4 }, (_, i) => vote(linked(i), refs[0] as string, 'approve', `a${i}`)),
      vote(late, refs[0] as string, 'approve', 'late-1'),
      vote(late, refs[1] as string, 'reject', 'late-2'),
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(transactions.n).toBeLessThanOrEqual(4);
    expect(
      await count(h.store, 'events', `type = 'IdentityLinked' and payload->>'platformId' = 'ULATE'`),
    ).toBe(1);
    expect(await castBy('late@example.org')).toBe(2);
    expect(await engine.whoIs('slack', 'ULATE')).toBe('late@example.org');
  });

  it('a burst whose commits fail writes nothing and every click is told; the platform sending them again records each once', async () => {
    const clicks = Array.from({ length: 8 }, (_, i) =>
      vote(linked(i), refs[0] as string, 'approve', `f${i}`),
    );
    h.store.faults = {
      beforeCommit: () => {
        throw new Error('disk full');
      },
    };
    const failed = await Promise.allSettled(clicks.map((c) => engine.execute(c, T0)));
    expect(failed.map((r) => r.status)).toEqual(clicks.map(() => 'rejected'));
    expect(await count(h.store, 'deliveries', `delivery_id like 'f%'`)).toBe(0);
    expect(await count(h.store, 'events', `type = 'VoteCast'`)).toBe(0);
    h.store.faults = undefined;
    const again: Outcome[] = await all(clicks);
    expect(again.map((o) => [o.ok, o.duplicate])).toEqual(clicks.map(() => [true, false]));
    expect(await count(h.store, 'events', `type = 'VoteCast'`)).toBe(8);
  });
});
