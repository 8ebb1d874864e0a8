// The one HTTP server of the bot, shared by the Slack and Teams adapters: an express app on
// PORT. Each adapter mounts its own router (Slack on /slack/events, Teams on /api/messages). There is
// deliberately NO global body parser: Slack's signature covers the raw body, so a JSON or urlencoded
// parser in front of Bolt's router would consume it and every Slack request would fail with 400/401.
// The platform routes' bodies are read (as bytes, within R90's limit) by body-limit.ts, which hands
// Bolt the raw bytes and the Teams route its parsed JSON.
//
// Operations, all answered here so the adapters stay unaware of them:
//   - every request gets an id (a sane incoming x-request-id, else a new UUID), echoed in the
//     response's x-request-id and put on every log line written while handling it (src/logger.ts);
//   - /healthz: the process is up; /readyz: the database answers and every migration is applied,
//     503 with a one-line JSON reason otherwise, and 503 once stopping so a load balancer drains;
//   - /metrics: Prometheus text (adapters/metrics.ts), and the ack time of every platform request;
//   - R90: a platform route's body is read here, and refused with 413 past 1 MB (body-limit.ts).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Express, NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Readiness } from '../src/app/ops-port.ts';
import { requestContext } from '../src/logger.ts';
import { bodyLimit } from './body-limit.ts';
import type { Metrics } from './metrics.ts';

export type HttpLog = (msg: string, data?: object) => void;

export interface HttpOptions {
  log?: HttpLog;
  /** The readiness probe behind /readyz (the store's); without it /readyz answers like /healthz. */
  ready?: () => Promise<Readiness>;
  /** Serves /metrics and times the platform routes. */
  metrics?: Pick<Metrics, 'contentType' | 'render' | 'observeAck'>;
}

/**
 * The platform routes the adapters mount (SLACK_EVENTS_PATH, TEAMS_MESSAGES_PATH; test/ops checks they
 * agree), spelled here so that the server does not load both SDKs to know them.
 */
export const PLATFORM_ROUTES: ReadonlyMap<string, 'slack' | 'teams'> = new Map([
  ['/slack/events', 'slack'],
  ['/api/messages', 'teams'],
]);

/**
 * The platform a request is for, from its original path: inside a router mounted under a prefix
 * express shortens req.path, and the response may finish there.
 */
export function platformOf(req: Request): 'slack' | 'teams' | undefined {
  const q = req.originalUrl.indexOf('?');
  const path = q < 0 ? req.originalUrl : req.originalUrl.slice(0, q);
  // As express routes them (case-insensitive, a trailing slash allowed), so that no spelling of a
  // platform route reaches its SDK with the body unread (R90) or, for Slack, unverified (signed.ts).
  // A Map, not an object: a path such as /__proto__ must not find Object.prototype.
  return PLATFORM_ROUTES.get(path.toLowerCase().replace(/(.)\/$/, '$1'));
}

/** An incoming request id is kept when it is short and plain (it goes into logs and a header). */
const SANE_REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The Teams activity id, once express.json() on the Teams route has parsed the body. */
function deliveryIdOf(req: Request): string | undefined {
  if (platformOf(req) !== 'teams') return undefined;
  const id = (req.body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && SANE_REQUEST_ID.test(id) ? id : undefined;
}

export interface HttpServer {
  readonly app: Express;
  /** Mounts an adapter's router (for Slack: the ExpressReceiver's router, which owns /slack/events). */
  mount(router: Router | RequestHandler): void;
  /** Starts listening; resolves with the bound port (0 picks a free one, for tests). */
  listen(port: number, host?: string): Promise<number>;
  /** The base URL once listening, e.g. http://127.0.0.1:3978. */
  url(): string;
  /** From now on /readyz answers 503 (shutting down), so a load balancer stops sending requests. */
  drain(): void;
  /** Drains, stops accepting requests and waits for the open ones to finish. */
  close(): Promise<void>;
}

export function createHttpServer(opts: HttpOptions = {}): HttpServer {
  const log = opts.log ?? (() => {});
  const { ready, metrics } = opts;
  const app = express();
  app.disable('x-powered-by');
  // First of all: the request id, and the log context every later handler (and its awaits) runs in.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    if (metrics) {
      res.once('finish', () => {
        metrics.observeAck(req, res, Number(process.hrtime.bigint() - started) / 1e9);
      });
    }
    const context = {
      requestId,
      get deliveryId() {
        return deliveryIdOf(req);
      },
    };
    requestContext.run(context, next);
  });
  // R90: before any adapter (and so before any signature or token check) sees the request.
  app.use(
    bodyLimit(platformOf, (req, why) =>
      log('http request refused', { level: 'warn', path: req.path, status: 413, why }),
    ),
  );
  // A liveness probe for the load balancer: it touches neither Slack nor the database.
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  let stopping = false;
  let wasReady: boolean | undefined;
  app.get('/readyz', async (_req, res) => {
    const r: Readiness = stopping ? { ok: false, reason: 'stopping' } : ready ? await ready() : { ok: true };
    // Transitions only: a probe every few seconds must not flood the log during an outage.
    if (wasReady !== r.ok && !stopping)
      log(r.ok ? 'ready' : 'not ready', r.ok ? {} : { level: 'warn', reason: r.reason });
    wasReady = r.ok;
    res.setHeader('cache-control', 'no-store');
    res.status(r.ok ? 200 : 503).json(r.ok ? { ready: true } : { ready: false, reason: r.reason });
  });
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      const text = await metrics.render();
      res.setHeader('cache-control', 'no-store');
      res.type(metrics.contentType).send(text);
    });
  }
  let server: Server | undefined;
  let errorHandlerAdded = false;

  const addFinalHandlers = () => {
    if (errorHandlerAdded) return;
    errorHandlerAdded = true;
    app.use((_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('not found');
    });
    // Express's default handler prints the stack to stderr; errors go to the structured log instead.
    app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
      // A body the client got wrong (express.json(): malformed JSON 400, too large 413) is the
      // client's error, not ours: answer its 4xx (found by test/security/fuzz.test.ts).
      const status = clientErrorStatus(err);
      log(status ? 'http request refused' : 'http request failed', {
        path: req.path,
        ...(status ? { status } : {}),
        error: err instanceof Error ? err.message : String(err),
      });
      if (res.headersSent) {
        next(err);
        return;
      }
      if (status) res.status(status).type('text/plain').send('bad request');
      else res.status(500).type('text/plain').send('internal error');
    });
  };

  return {
    app,
    mount(router) {
      if (errorHandlerAdded) throw new Error('mount every router before listen()');
      app.use(router);
    },
    listen(port, host) {
      addFinalHandlers();
      return new Promise((resolve, reject) => {
        const s = createServer(app);
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          server = s;
          resolve((s.address() as AddressInfo).port);
        });
      });
    },
    url() {
      const a = server?.address();
      if (!a || typeof a === 'string') throw new Error('the HTTP server is not listening');
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${a.port}`;
    },
    drain() {
      stopping = true;
    },
    close() {
      stopping = true;
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise((resolve, reject) => {
        s.close((e) => (e ? reject(e) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        s.closeIdleConnections();
      });
    },
  };
}

/** The 4xx an error carries (body-parser sets `status` and `expose` on the errors it raises), if any. */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  // The router's own URIError (a path parameter whose percent-encoding is not UTF-8) carries 400 but
  // not `expose`: it is the client's error all the same.
  const client = e.expose === true || err instanceof URIError;
  return typeof status === 'number' && status >= 400 && status < 500 && client ? status : undefined;
}
