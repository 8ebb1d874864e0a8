// A fault-injecting HTTP proxy in front of a fake platform (the fake Slack Web API or the fake Bot
// Connector), for test/load/platform-faults.test.ts. A plan decides, per request, whether the platform
// answers normally or misbehaves, and the proxy records what it did, so a test can say exactly which
// requests reached the platform and which answers were lost:
// - 429 with Retry-After, and 500: answered by the proxy, the platform never sees the request;
// - reset-before: the connection is destroyed before anything is forwarded (nothing happened);
// - reset-after: forwarded, the platform acted, then the connection is destroyed (answer lost);
// - slow: forwarded, the platform acted, the answer is held for `delayMs` (past the client's timeout).
// Every request is also timed on arrival, the platform's view of the rate a client keeps.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyFault =
  | { kind: '429'; retryAfter: number }
  | { kind: '500' }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'slow'; delayMs: number };

export type FaultKind = ProxyFault['kind'];

export interface ProxiedRequest {
  /** Arrival at the proxy (ms since the epoch). */
  at: number;
  method: string;
  path: string;
  body: string;
  fault: FaultKind | undefined;
  /** The platform received it (and acted on it). */
  forwarded: boolean;
  /** The platform's status, when forwarded. */
  upstreamStatus?: number;
  /** The client received an answer (false: reset, or it gave up before a slow answer came). */
  answered: boolean;
}

export interface FaultProxy {
  /** The proxy's base URL with the target's path (e.g. `http://127.0.0.1:port/api/`). */
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

export type FaultPlan = (r: { method: string; path: string; body: string }) => ProxyFault | undefined;

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

/** Starts the proxy in front of `targetUrl` (its path is kept in `url`). */
export async function startFaultProxy(targetUrl: string, plan: FaultPlan): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const answer = (res: ServerResponse, rec: ProxiedRequest, up: Upstream) => {
    if (res.destroyed || res.socket?.destroyed) return;
    const headers = { ...up.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(up.status, headers);
    res.end(up.body);
    rec.answered = true;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? '';
      const path = req.url ?? '';
      const text = body.toString('utf8');
      const fault = plan({ method, path, body: text });
      const rec: ProxiedRequest = {
        at: Date.now(),
        method,
        path,
        body: text,
        fault: fault?.kind,
        forwarded: false,
        answered: false,
      };
      requests.push(rec);
      switch (fault?.kind) {
        case '429':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          rec.answered = true;
          return;
        case '500':
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('internal error');
          rec.answered = true;
          return;
        case 'reset-before':
          req.socket.destroy();
          return;
        default:
          break;
      }
      rec.forwarded = true;
      forward(target, req, body).then(
        (up) => {
          rec.upstreamStatus = up.status;
          if (fault?.kind === 'reset-after') return void req.socket.destroy();
          if (fault?.kind === 'slow') {
            const t = setTimeout(() => {
              timers.delete(t);
              answer(res, rec, up);
            }, fault.delayMs);
            timers.add(t);
            return;
          }
          answer(res, rec, up);
        },
        () => {
          rec.forwarded = false;
          req.socket.destroy();
        },
      );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/**
 * A deterministic schedule over the n-th request (1-based) of each kind of request the test picks:
 * one in four misbehaves, cycling through 429, 500, reset-before, and (alternately) reset-after or
 * slow. A message may meet several faults over its retries; each kind occurs many times.
 */
export function cyclingPlan(
  pickKind: (r: { method: string; path: string; body: string }) => string | undefined,
  opts: { retryAfter: number; slowMs: number },
): FaultPlan {
  const seen = new Map<string, number>();
  return (r) => {
    const kind = pickKind(r);
    if (kind === undefined) return undefined;
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    switch (n % 16) {
      case 1:
        return { kind: '429', retryAfter: opts.retryAfter };
      case 5:
        return { kind: '500' };
      case 9:
        return { kind: 'reset-before' };
      case 13:
        return n % 32 === 13 ? { kind: 'reset-after' } : { kind: 'slow', delayMs: opts.slowMs };
      default:
        return undefined;
    }
  };
}
