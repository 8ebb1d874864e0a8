// /metrics: the named metrics are exposed; the command counters move by exactly the
// commands run through real Slack and Teams requests (accepted, refused by code; queries do not
// count); each platform request lands in the ack histogram under its kind; the outbox and deadline
// gauges equal the rows planted, on PGlite and PostgreSQL; a silent database reads NaN, not 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../adapters/metrics.ts';
import { createHttpServer } from '../../adapters/http.ts';
import { eachDatabase, query, resetStore } from '../support/databases.ts';
import { PEOPLE, london } from '../support/directory.ts';
import { slackDatabase } from '../support/slack-bot.ts';
import { aad, executeInvoke, personalMessage, postActivity } from '../support/teams-activities.ts';
import type { OpsBot } from './ops-bot.ts';
import { sample, scrape, startOpsBot, total } from './ops-bot.ts';

const NAMES = [
  'secbot_commands_total',
  'secbot_ack_duration_seconds',
  'secbot_outbox_pending_messages',
  'secbot_outbox_oldest_pending_age_seconds',
  'secbot_deadlines_overdue',
];

const db = slackDatabase();

describe(`/metrics through real Slack and Teams requests on ${db.name}`, () => {
  let bot: OpsBot;
  beforeAll(async () => {
    const store = await db.store();
    await resetStore(store);
    bot = await startOpsBot(store, { now: london('2027-01-11T09:00') });
    const rows = PEOPLE.map((p) =>
      p.handle === 'alice'
        ? { ...p, slack: 'UALICE', teams: aad('alice') }
        : { ...p, teams: aad(p.handle ?? '') },
    );
    await bot.engine.importPeople(rows, { source: 'test', now: bot.clock.now });
  }, 60_000);
  afterAll(() => bot?.close());

  it('exposes every named metric in the Prometheus text format', async () => {
    const { status, type, text } = await scrape(bot.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of NAMES) {
      expect(text).toContain(`# HELP ${name} `);
      expect(text).toMatch(new RegExp(`^# TYPE ${name} (counter|gauge|histogram)$`, 'm'));
    }
  });

  it('counts each command once by platform and outcome, and not the queries', async () => {
    const before = (await scrape(bot.url)).text;
    const slack = (labels: Record<string, string>, t: string) =>
      (sample(t, 'secbot_commands_total', { platform: 'slack', ...labels }) ?? 0) -
      (sample(before, 'secbot_commands_total', { platform: 'slack', ...labels }) ?? 0);

    // Two accepted, four refused (four different codes, one of them a person the directory does not
    // know, R66), and two queries.
    expect((await bot.slashCommand('UALICE', 'raise title="Metered" problem="Counted once"')).status).toBe(
      200,
    );
    expect(
      (await bot.slashCommand('UALICE', 'raise title="Metered too" problem="Counted once"')).status,
    ).toBe(200);
    expect((await bot.slashCommand('UALICE', 'withdraw DP999 no such thing')).json?.text).toMatch(
      /no modification/,
    );
    expect((await bot.slashCommand('UALICE', 'vote DP001 approve')).json?.text).toMatch(/no open ballot/i);
    expect((await bot.slashCommand('UALICE', 'raise title="No problem given"')).json?.text).toMatch(/Usage/);
    expect((await bot.slashCommand('UNOBODY', 'raise title="X" problem="Y"')).json?.text).toMatch(
      /not registered/,
    );
    await bot.slashCommand('UALICE', 'help');
    await bot.slashCommand('UALICE', 'status DP001');

    const after = (await scrape(bot.url)).text;
    expect(slack({ outcome: 'accepted', code: '' }, after)).toBe(2);
    expect(slack({ outcome: 'refused', code: 'not_found' }, after)).toBe(1);
    expect(slack({ outcome: 'refused', code: 'no_open_ballot' }, after)).toBe(1);
    expect(slack({ outcome: 'refused', code: 'bad_input' }, after)).toBe(1);
    expect(slack({ outcome: 'refused', code: 'not_registered' }, after)).toBe(1);
    // Nothing else moved: exactly six commands, all on Slack.
    expect(total(after, 'secbot_commands_total') - total(before, 'secbot_commands_total')).toBe(6);
    // Every request was timed, queries included: eight slash commands.
    const acks = (t: string) =>
      sample(t, 'secbot_ack_duration_seconds_count', { platform: 'slack', kind: 'command' }) ?? 0;
    expect(acks(after) - acks(before)).toBe(8);
  });

  it('counts Teams commands under teams: a re-sent activity is a duplicate, a tampered click is not a command', async () => {
    const before = (await scrape(bot.url)).text;
    const delta = (t: string, labels: Record<string, string>) =>
      (sample(t, 'secbot_commands_total', { platform: 'teams', ...labels }) ?? 0) -
      (sample(before, 'secbot_commands_total', { platform: 'teams', ...labels }) ?? 0);
    const raise = personalMessage(bot.connector.url, 'alice', 'raise title="Teams" problem="One"');
    expect((await postActivity(bot.url, raise)).status).toBe(200);
    // Teams re-sends an activity with the same id: the engine answers it without writing (R36).
    expect((await postActivity(bot.url, raise)).status).toBe(200);
    const missing = personalMessage(bot.connector.url, 'alice', 'withdraw DP999 not there');
    expect((await postActivity(bot.url, missing)).status).toBe(200);
    // A click with data this release does not know: the adapter refuses it before the core.
    const tampered = executeInvoke(bot.connector.url, 'alice', { verb: 'vote', data: { action: 'nope' } });
    expect((await postActivity(bot.url, tampered)).status).toBe(200);

    const after = (await scrape(bot.url)).text;
    expect(delta(after, { outcome: 'accepted', code: '' })).toBe(1);
    expect(delta(after, { outcome: 'duplicate', code: '' })).toBe(1);
    expect(delta(after, { outcome: 'refused', code: 'not_found' })).toBe(1);
    expect(total(after, 'secbot_commands_total') - total(before, 'secbot_commands_total')).toBe(3);
    const acks = (t: string, kind: string) =>
      sample(t, 'secbot_ack_duration_seconds_count', { platform: 'teams', kind }) ?? 0;
    expect(acks(after, 'message') - acks(before, 'message')).toBe(3);
    expect(acks(after, 'invoke') - acks(before, 'invoke')).toBe(1);
  });

  it('ack latency buckets are cumulative and end with +Inf = count', async () => {
    const { text } = await scrape(bot.url);
    const labels = { platform: 'slack', kind: 'command' };
    const count = sample(text, 'secbot_ack_duration_seconds_count', labels);
    expect(count).toBeGreaterThanOrEqual(7);
    expect(sample(text, 'secbot_ack_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(count);
    expect(sample(text, 'secbot_ack_duration_seconds_bucket', { ...labels, le: '3' })).toBe(count);
  });
});

eachDatabase('outbox and deadline gauges', (h) => {
  const now = new Date('2027-03-01T12:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();

  it('equal the rows planted: pending messages, the oldest pending one, overdue pending deadlines', async () => {
    await resetStore(h.store);
    const outbox = (key: string, status: string, created: string) =>
      query(
        h.store,
        `insert into outbox (key, audience, payload, status, next_attempt_at, created_at)
         values ('${key}', 'channel:x', '{}'::jsonb, '${status}', '${created}', '${created}')`,
      );
    await outbox('p1', 'pending', ago(90));
    await outbox('p2', 'pending', ago(30));
    await outbox('p3', 'pending', ago(5));
    // Older, but not waiting: sent, failed, in flight, outcome unknown.
    await outbox('s1', 'sent', ago(600));
    await outbox('f1', 'failed', ago(600));
    await outbox('c1', 'sending', ago(600));
    await outbox('u1', 'unknown', ago(600));
    const deadline = (id: string, status: string, due: string) =>
      query(
        h.store,
        `insert into deadlines (id, stream, what, due, status, calendar_version, reminder)
         values ('${id}', 1, 'test', '${due}', '${status}', 'v1', false)`,
      );
    await deadline('d1', 'pending', ago(3600));
    await deadline('d2', 'pending', ago(1));
    await deadline('d3', 'pending', ago(-60)); // due in a minute
    await deadline('d4', 'fired', ago(7200));
    await deadline('d5', 'cancelled', ago(7200));

    const metrics = createMetrics({
      snapshot: async (at) => (await import('../../db/ops-store.ts')).opsSnapshot(h.store.db, at),
      now: () => now,
    });
    const http = createHttpServer({ metrics });
    await http.listen(0, '127.0.0.1');
    try {
      const { text } = await scrape(http.url());
      expect(sample(text, 'secbot_outbox_pending_messages')).toBe(3);
      expect(sample(text, 'secbot_outbox_oldest_pending_age_seconds')).toBe(90);
      expect(sample(text, 'secbot_deadlines_overdue')).toBe(2);

      // The gauges follow the tables at each scrape.
      await query(h.store, `update outbox set status = 'sent' where key = 'p1'`);
      await query(h.store, `update deadlines set status = 'fired' where id = 'd1'`);
      const next = (await scrape(http.url())).text;
      expect(sample(next, 'secbot_outbox_pending_messages')).toBe(2);
      expect(sample(next, 'secbot_outbox_oldest_pending_age_seconds')).toBe(30);
      expect(sample(next, 'secbot_deadlines_overdue')).toBe(1);

      await query(h.store, `update outbox set status = 'sent'`);
      const empty = (await scrape(http.url())).text;
      expect(sample(empty, 'secbot_outbox_pending_messages')).toBe(0);
      expect(sample(empty, 'secbot_outbox_oldest_pending_age_seconds')).toBe(0);
    } finally {
      await http.close();
    }
  });
});

describe('when the database does not answer', () => {
  it('the gauges read NaN within the timeout, the counters are still served, and one warning is logged', async () => {
    const logs: string[] = [];
    const metrics = createMetrics({
      snapshot: () => new Promise(() => {}),
      timeoutMs: 200,
      log: (msg) => void logs.push(msg),
    });
    metrics.onOutcome('slack', { ok: true, code: null, reply: '', duplicate: false, notifications: [] });
    metrics.onOutcome('teams', 'error');
    const http = createHttpServer({ metrics });
    await http.listen(0, '127.0.0.1');
    try {
      const started = Date.now();
      const { status, text } = await scrape(http.url());
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(status).toBe(200);
      // prom-client writes NaN as `Nan`, which Prometheus parses (case-insensitively) as NaN.
      for (const name of NAMES.slice(2)) expect(sample(text, name)).toBeNaN();
      expect(
        sample(text, 'secbot_commands_total', { platform: 'slack', outcome: 'accepted', code: '' }),
      ).toBe(1);
      expect(sample(text, 'secbot_commands_total', { platform: 'teams', outcome: 'error', code: '' })).toBe(
        1,
      );
      await scrape(http.url());
      expect(logs.filter((m) => m.startsWith('metrics: cannot read'))).toHaveLength(1);
    } finally {
      await http.close();
    }
  });
});
