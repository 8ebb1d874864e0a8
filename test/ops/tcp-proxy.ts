// A TCP proxy in front of PostgreSQL, so a test can take the database away from a running store
// and give it back: `refuse()` closes the port (connections refused), `blackhole()` stops passing
// bytes on the open connections and accepts new ones without ever answering (a hung network or
// server), `forward()` resets every connection and restores the path, `reset()` resets every open
// connection and goes on accepting new ones (a blip: a restarted router, a failover).
import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface TcpProxy {
  port: number;
  forward(): Promise<void>;
  /** Resets every open connection at once (synchronously); new ones are accepted as before. */
  reset(): void;
  refuse(): Promise<void>;
  blackhole(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'forward' | 'blackhole' = 'forward';
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  const make = (): Server =>
    createServer((client) => {
      track(client);
      if (mode === 'blackhole') return;
      const upstream = connect(target.port, target.host);
      track(upstream);
      const pair: [Socket, Socket] = [client, upstream];
      pairs.add(pair);
      client.on('close', () => (upstream.destroy(), pairs.delete(pair)));
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  const listen = (s: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve((s.address() as { port: number }).port));
    });
  let server: Server | undefined = make();
  const port = await listen(server, 0);
  const stop = async () => {
    const s = server;
    server = undefined;
    dropAll();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const start = async (m: typeof mode) => {
    await stop();
    mode = m;
    server = make();
    await listen(server, port);
  };
  return {
    port,
    forward: () => start('forward'),
    blackhole: async () => {
      if (!server) return start('blackhole');
      mode = 'blackhole';
      // The open connections stay open, and silent: nothing passes either way.
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    reset: dropAll,
    refuse: stop,
    close: stop,
  };
}

/**
 * A proxy in front of the PostgreSQL server of `databaseUrl`, and the same URL through it (the
 * store under test goes through the proxy; the test checks the data straight at the server).
 */
export async function proxyDatabase(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
  const server = new URL(databaseUrl);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const via = new URL(databaseUrl);
  via.hostname = '127.0.0.1';
  via.port = String(proxy.port);
  return { proxy, url: via.toString() };
}
