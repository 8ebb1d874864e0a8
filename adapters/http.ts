// The one HTTP server of the bot (issue 4 §1), shared by the Slack and Teams adapters: an express app on
// PORT. Each adapter mounts its own router (Slack on /slack/events, Teams on /api/messages). There is
// deliberately NO global body parser: Slack's signature covers the raw body, so a JSON or urlencoded
// parser in front of Bolt's router would consume it and every Slack request would fail with 400/401.
// A route that wants parsed JSON (Teams) adds express.json() to its own path.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Express, NextFunction, Request, RequestHandler, Response, Router } from 'express';

export type HttpLog = (msg: string, data?: object) => void;

export interface HttpServer {
  readonly app: Express;
  /** Mounts an adapter's router (for Slack: the ExpressReceiver's router, which owns /slack/events). */
  mount(router: Router | RequestHandler): void;
  /** Starts listening; resolves with the bound port (0 picks a free one, for tests). */
  listen(port: number, host?: string): Promise<number>;
  /** The base URL once listening, e.g. http://127.0.0.1:3978. */
  url(): string;
  /** Stops accepting requests and waits for the open ones to finish. */
  close(): Promise<void>;
}

export function createHttpServer(opts: { log?: HttpLog } = {}): HttpServer {
  const log = opts.log ?? (() => {});
  const app = express();
  app.disable('x-powered-by');
  // A liveness probe for the load balancer: it touches neither Slack nor the database.
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
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
      log('http request failed', { path: req.path, error: err instanceof Error ? err.message : String(err) });
      if (res.headersSent) {
        next(err);
        return;
      }
      res.status(500).type('text/plain').send('internal error');
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
    close() {
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
