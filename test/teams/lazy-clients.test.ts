// QUALITY.md P2: the HTTP clients the Teams SDK makes for every activity are made only when used
// (adapters/teams/lazy-clients.ts), and one that is used behaves as the SDK's own.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@microsoft/teams.apps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyClones } from '../../adapters/teams/lazy-clients.ts';

/** A client as the SDK's: options in, copies by clone; `made` counts every one built. */
class Counted {
  static made = 0;
  readonly options: { name?: string; token?: string };
  constructor(options: { name?: string; token?: string } = {}) {
    this.options = options;
    Counted.made++;
  }
  request(path: string): string {
    return `${this.options.name ?? 'root'} ${path}`;
  }
  clone(options: { name?: string; token?: string } = {}): Counted {
    return new Counted({ ...this.options, ...options });
  }
  get token() {
    return this.options.token;
  }
}

describe('lazy copies of the SDK client', () => {
  it('a copy, and a copy of a copy, is made only when something is asked of it', () => {
    const root = lazyClones(new Counted());
    Counted.made = 0;
    const a = root.clone({ name: 'api' });
    const b = a.clone({ token: 'tok' });
    expect('request' in a && 'request' in b).toBe(true);
    expect(a).toBeInstanceOf(Counted);
    expect(Counted.made).toBe(0);
    expect(b.request('/x')).toBe('api /x');
    expect(b.token).toBe('tok');
    // b needed a (its parent at that moment), then itself.
    expect(Counted.made).toBe(2);
    expect(a.request('/y')).toBe('api /y');
    expect(Counted.made).toBe(2);
    expect({ ...b }.options).toEqual({ name: 'api', token: 'tok' });
  });
});

describe("the Teams SDK's client, made lazily", () => {
  let server: http.Server;
  let url = '';
  const seen: http.IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends what the SDK would: its user agent and the copy’s bearer token', async () => {
    const app = new App({
      logger: { debug() {}, info() {}, warn() {}, error() {}, log() {}, child: () => undefined } as never,
    });
    const client = lazyClones(app.client)
      .clone()
      .clone({ token: () => 'bot-token', baseUrl: url });
    const res = await client.get('/v3/conversations');
    expect(res.data).toEqual({ ok: true, path: '/v3/conversations' });
    expect(seen.at(-1)?.authorization).toBe('Bearer bot-token');
    expect(String(seen.at(-1)?.['user-agent'])).toMatch(/teams\.ts\[apps\]/);
  });
});
