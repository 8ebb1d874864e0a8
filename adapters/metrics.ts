// Prometheus metrics with prom-client, served by adapters/http.ts at /metrics:
//   secbot_commands_total{platform,outcome,code}   commands by outcome: accepted, refused (with the
//                                                  refusal code), duplicate (a repeated delivery), error
//   secbot_ack_duration_seconds{platform,kind}     request arrival → response sent, Slack and Teams routes
//   secbot_outbox_pending_messages                 outbox rows still to send
//   secbot_outbox_oldest_pending_age_seconds       age of the oldest of them (0 when none)
//   secbot_deadlines_overdue                       pending deadlines already past due
// The three gauges are read from the database when scraped (db/ops-store.ts, one cheap statement);
// when the database does not answer they read NaN rather than a reassuring 0. The core stays pure:
// command outcomes arrive through the engine's onOutcome hook, wired in src/main.ts.
import type { Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OpsSnapshot } from '../src/app/ops-port.ts';
import type { Outcome, Platform } from '../src/app/ports.ts';
import { platformOf } from './http.ts';

export interface MetricsOptions {
  /** The outbox and deadline figures, read at scrape time. Without it the gauges stay NaN. */
  snapshot?: (now: Date) => Promise<OpsSnapshot>;
  /** The clock the ages and "overdue" are measured against (the business clock in tests). */
  now?: () => Date;
  /** How long a scrape waits for the database. */
  timeoutMs?: number;
  /** Node's process metrics (CPU, memory, event-loop lag, GC): on in the bot, off in tests. */
  defaultMetrics?: boolean;
  log?: (msg: string, data?: object) => void;
}

export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The engine's onOutcome hook: one count per command. */
  onOutcome(platform: Platform, outcome: Outcome | 'error'): void;
  /** Records one platform request's ack time; ignores every route but Slack's and Teams'. */
  observeAck(req: Request, res: Response, seconds: number): void;
  /** The exposition text, with the gauges read from the database first. */
  render(): Promise<string>;
}

/** Slack and Teams must be answered within 3 s and 5 s (QUALITY.md); the goals are p99 ≤ 100/150 ms. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 3, 5];

// Route kinds are a closed set, so a label never takes a value from the request (bounded cardinality).
const SLACK_KINDS = new Set([
  'block_actions',
  'view_submission',
  'view_closed',
  'block_suggestion',
  'shortcut',
  'message_action',
  'event_callback',
  'url_verification',
]);
const TEAMS_KINDS = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);

/** The platform and kind of a request, from its path and the body the adapter parsed (after the fact). */
export function routeOf(req: Request, status: number): { platform: 'slack' | 'teams'; kind: string } | null {
  const platform = platformOf(req);
  if (!platform) return null;
  // A refused request (bad signature, no token, not JSON) never reached the handler.
  if (status >= 400 && status < 500) return { platform, kind: 'rejected' };
  const body: unknown = req.body;
  const o = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (platform === 'slack') {
    // Bolt leaves the verified request parsed: a slash command has `command`, an interaction a `type`.
    if (typeof o.command === 'string') return { platform, kind: 'command' };
    return { platform, kind: typeof o.type === 'string' && SLACK_KINDS.has(o.type) ? o.type : 'other' };
  }
  return { platform, kind: typeof o.type === 'string' && TEAMS_KINDS.has(o.type) ? o.type : 'other' };
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? 2_000;

  const commands = new Counter({
    name: 'secbot_commands_total',
    help: 'Commands executed, by platform and outcome (accepted, refused with its code, duplicate, error).',
    labelNames: ['platform', 'outcome', 'code'] as const,
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'secbot_ack_duration_seconds',
    help: 'Time from a Slack or Teams request arriving to its response being sent.',
    labelNames: ['platform', 'kind'] as const,
    buckets: ACK_BUCKETS,
    registers: [registry],
  });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const pending = gauge('secbot_outbox_pending_messages', 'Outbox messages not yet sent.');
  const age = gauge(
    'secbot_outbox_oldest_pending_age_seconds',
    'Age of the oldest outbox message not yet sent (0 when there is none).',
  );
  const overdue = gauge('secbot_deadlines_overdue', 'Pending deadlines already past due.');
  for (const g of [pending, age, overdue]) g.set(Number.NaN);

  let failing = false;
  async function readGauges(): Promise<void> {
    if (!opts.snapshot) return;
    const at = now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const s = await Promise.race([
        opts.snapshot(at),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      pending.set(s.outboxPending);
      age.set(s.oldestPendingAt ? Math.max(0, (at.getTime() - s.oldestPendingAt.getTime()) / 1000) : 0);
      overdue.set(s.deadlinesOverdue);
      if (failing) opts.log?.('metrics: database figures readable again', { level: 'info' });
      failing = false;
    } catch (e) {
      for (const g of [pending, age, overdue]) g.set(Number.NaN);
      // Once per outage, not once per scrape.
      if (!failing) {
        opts.log?.('metrics: cannot read the outbox and deadline figures', {
          level: 'warn',
          error: e instanceof Error ? e.message : String(e),
        });
      }
      failing = true;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    registry,
    contentType: registry.contentType,
    onOutcome(platform, o) {
      if (o === 'error') commands.inc({ platform, outcome: 'error', code: '' });
      else if (o.duplicate) commands.inc({ platform, outcome: 'duplicate', code: '' });
      else if (o.ok) commands.inc({ platform, outcome: 'accepted', code: '' });
      else commands.inc({ platform, outcome: 'refused', code: o.code ?? 'unknown' });
    },
    observeAck(req, res, seconds) {
      const route = routeOf(req, res.statusCode);
      if (route) ack.observe(route, seconds);
    },
    async render() {
      await readGauges();
      return registry.metrics();
    },
  };
}
