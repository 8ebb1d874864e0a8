// What the operations endpoints read (/readyz, /metrics), in plain types: db/open.ts answers
// readiness and db/ops-store.ts the outbox and deadline gauges; adapters/http.ts and
// adapters/metrics.ts serve them without knowing the database.

/** /readyz: the database answers and every migration this release ships is applied. */
export type Readiness = { ok: true } | { ok: false; reason: string };

export interface OpsSnapshot {
  /** Outbox rows still to send (status pending, including those waiting for a retry). */
  outboxPending: number;
  /** When the oldest of them was written; null when there are none. */
  oldestPendingAt: Date | null;
  /** Pending deadlines due before `now`: the scheduler is behind (or not running). */
  deadlinesOverdue: number;
}
