// /readyz: 200 only when the database answers and every migration in db/migrations is
// applied; 503 with a one-line JSON reason when one is missing, when the database refuses connections
// or never answers (within the probe's timeout, without a restart to recover), and once draining.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import type { HttpServer } from '../../adapters/http.ts';
import { migrate, readMigrations } from '../../db/migrate.ts';
import type { OpenStore } from '../../db/open.ts';
import { READY_TIMEOUT_MS, openStore } from '../../db/open.ts';
import { createPgDatabase, eachDatabase, pgUnreachable, query } from '../support/databases.ts';
import type { TcpProxy } from './tcp-proxy.ts';
import { startTcpProxy } from './tcp-proxy.ts';

interface Answer {
  status: number;
  raw: string;
  body: { ready: boolean; reason?: string };
  ms: number;
}

async function readyz(url: string): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${url}/readyz`);
  const raw = await res.text();
  return { status: res.status, raw, body: JSON.parse(raw) as Answer['body'], ms: Date.now() - started };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const TAGS = readMigrations().map((m) => m.tag);
const LAST = TAGS.at(-1) as string;

eachDatabase('/readyz', (h) => {
  let http: HttpServer;
  beforeAll(async () => {
    http = createHttpServer({ ready: () => h.store.ready() });
    await http.listen(0, '127.0.0.1');
  });
  afterAll(() => http?.close());

  it('answers 200 on a migrated database, uncached', async () => {
    const res = await fetch(`${http.url()}/readyz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ready: true });
  });

  it('answers 503 naming the migration missing from the applied-migrations table, and 200 once it is back', async () => {
    const [row] = await query<{ hash: string }>(
      h.store,
      `select hash from secbot_migrations where tag = '${LAST}'`,
    );
    expect(row).toBeDefined();
    await query(h.store, `delete from secbot_migrations where tag = '${LAST}'`);
    try {
      const a = await readyz(http.url());
      expect(a.status).toBe(503);
      expect(a.body).toEqual({ ready: false, reason: `migrations not applied: ${LAST}` });
      expect(a.raw).not.toContain('\n');
    } finally {
      await query(
        h.store,
        `insert into secbot_migrations (tag, hash) values ('${LAST}', '${row?.hash ?? ''}')`,
      );
    }
    expect((await readyz(http.url())).status).toBe(200);
  });

  it('answers 503 when there is no migrations table at all', async () => {
    await query(h.store, 'alter table secbot_migrations rename to secbot_migrations_aside');
    try {
      const a = await readyz(http.url());
      expect(a.status).toBe(503);
      expect(a.body.reason).toBe('migrations not applied: no migrations table');
    } finally {
      await query(h.store, 'alter table secbot_migrations_aside rename to secbot_migrations');
    }
    expect((await readyz(http.url())).status).toBe(200);
  });

  it('re-running the migrator on a ready database changes nothing (the probe and the migrator agree)', async () => {
    expect(await migrate(h.store.db)).toEqual([]);
    expect(await h.store.ready()).toEqual({ ok: true });
  });
});

describe('/readyz while stopping', () => {
  it('answers 503 "stopping" once drained, while /healthz still says the process is up', async () => {
    const http = createHttpServer({ ready: async () => ({ ok: true }) });
    await http.listen(0, '127.0.0.1');
    try {
      expect((await readyz(http.url())).status).toBe(200);
      http.drain();
      const a = await readyz(http.url());
      expect(a.status).toBe(503);
      expect(a.body).toEqual({ ready: false, reason: 'stopping' });
      expect((await fetch(`${http.url()}/healthz`)).status).toBe(200);
    } finally {
      await http.close();
    }
  });
});

describe('/readyz on a closed embedded database', () => {
  it('answers 503 (database unreachable)', async () => {
    const store = await openStore({ memory: true });
    const http = createHttpServer({ ready: () => store.ready() });
    await http.listen(0, '127.0.0.1');
    try {
      expect((await readyz(http.url())).status).toBe(200);
      await store.close();
      const a = await readyz(http.url());
      expect(a.status).toBe(503);
      expect(a.body.reason).toMatch(/^database unreachable \(.+\)$/);
    } finally {
      await http.close();
    }
  }, 60_000);
});

describe.skipIf(Boolean(pgUnreachable))('/readyz when PostgreSQL goes away (through a TCP proxy)', () => {
  let proxy: TcpProxy;
  let store: OpenStore;
  let http: HttpServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createPgDatabase();
    drop = db.drop;
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(db.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    store = await openStore({ databaseUrl: proxied.toString(), max: 2 });
    http = createHttpServer({ ready: () => store.ready() });
    await http.listen(0, '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await proxy?.forward();
    await store?.close();
    await proxy?.close();
    await drop?.();
  }, 30_000);

  it('is ready through the proxy', async () => {
    expect((await readyz(http.url())).status).toBe(200);
  });

  it('answers 503 at once when the port is closed, and 200 again when it reopens, without a restart', async () => {
    await proxy.refuse();
    const a = await readyz(http.url());
    expect(a.status).toBe(503);
    expect(a.body.reason).toMatch(/^database (unreachable \(\w+\)|did not answer)/);
    expect(a.ms).toBeLessThan(READY_TIMEOUT_MS + 500);
    await proxy.forward();
    await until(async () => (await readyz(http.url())).status === 200, 15_000);
  }, 30_000);

  it('answers 503 within the timeout when the database accepts connections but never answers', async () => {
    await proxy.blackhole();
    // Several probes at once (a load balancer and a kubelet): each answers in time, none piles up.
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => readyz(http.url())));
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.body.reason).toBe(`database did not answer within ${READY_TIMEOUT_MS} ms`);
      expect(a.ms).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 50);
      expect(a.ms).toBeLessThan(READY_TIMEOUT_MS + 1_500);
    }
    await proxy.forward();
    await until(async () => (await readyz(http.url())).status === 200, 20_000);
    // The store itself is usable again: a real query through the same pool.
    expect(await store.db.execute(sql`select 1 as one`)).toBeDefined();
  }, 40_000);
});
