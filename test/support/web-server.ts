// The register pages and feeds on the real HTTP server (127.0.0.1, a free port) over a test database,
// as main.ts mounts them; and the engine with the same web settings, so `register` and `calendar`
// answer with links that this server opens.
import { request as httpRequest } from 'node:http';
import { createHttpServer } from '../../adapters/http.ts';
import { webRouter } from '../../adapters/web/routes.ts';
import { feedTokens } from '../../db/calendar-feed-store.ts';
import type { OpenStore } from '../../db/open.ts';
import { registerReader } from '../../db/register-store.ts';
import type { WebConfig } from '../../src/config-web.ts';
import type { Engine } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { webRequests } from '../../src/app/web-requests.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { query } from './databases.ts';

export const SECRET = 'test-web-secret-0123456789abcdef0123456789';

export interface Reply {
  status: number;
  type: string;
  text: string;
  headers: Headers;
}

/**
 * A request on a new connection, closed after it. PGlite runs in the test's own thread: while it
 * works (seeding 10,000 rows takes seconds) no timer runs, and a kept-alive connection whose idle
 * timeout passed meanwhile could be reused by the client in the same tick as the server closes it.
 */
function request(address: string, init: { method?: string; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(address, { method: init.method ?? 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({
          status: res.statusCode ?? 0,
          type: headers.get('content-type') ?? '',
          text: Buffer.concat(chunks).toString('utf8'),
          headers,
        });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

export interface WebServer {
  url: string;
  engine: Engine;
  clock: { now: Date };
  logs: { msg: string; data?: object }[];
  /** One request on a connection of its own (see `request`). */
  get(path: string, init?: { method?: string; body?: string }): Promise<Reply>;
  close(): Promise<void>;
}

/** The web settings of a test: signed links under SECRET unless `public`; links point at this server. */
export async function startWebServer(
  store: OpenStore,
  opts: { now: Date; web?: Partial<WebConfig>; showRunningSplit?: boolean },
): Promise<WebServer> {
  const clock = { now: opts.now };
  const logs: WebServer['logs'] = [];
  const log = (msg: string, data?: object) => void logs.push({ msg, ...(data ? { data } : {}) });
  const http = createHttpServer({ log });
  const web: WebConfig = { public: false, showVotes: false, secret: SECRET, linkHours: 24, ...opts.web };
  const tokens = feedTokens(store.db);
  http.mount(
    webRouter({
      web,
      reader: registerReader(store.db),
      tokens,
      now: () => clock.now,
      log,
      ...(opts.showRunningSplit ? { showRunningSplit: true } : {}),
    }),
  );
  await http.listen(0, '127.0.0.1');
  const url = http.url();
  // The links the engine sends point at this server unless the test says otherwise.
  const linked: WebConfig = { ...web, baseUrl: opts.web?.baseUrl ?? url };
  const engine = createEngine(store, { settings: DEFAULT_SETTINGS, web: webRequests(linked, tokens) });
  return {
    url,
    engine,
    clock,
    logs,
    get: (path, init) => request(path.startsWith('http') ? path : `${url}${path}`, init),
    close: () => http.close(),
  };
}

/** Every table's row count and the newest event id: equal before and after means nothing was written. */
export async function snapshotCounts(store: OpenStore): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(
    store,
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [r] = await query<{ n: number | string }>(store, `select count(*) as n from "${name}"`);
    out[name] = Number(r?.n ?? 0);
  }
  const [e] = await query<{ n: number | string | null }>(store, 'select max(id) as n from events');
  out['events.max_id'] = Number(e?.n ?? 0);
  const [f] = await query<{ n: string | null }>(
    store,
    "select coalesce(string_agg(person_id || ':' || generation || ':' || coalesce(token_hash, '-'), ',' order by person_id), '') as n from calendar_feeds",
  );
  out[`calendar_feeds:${f?.n ?? ''}`] = 1;
  return out;
}
