// Round trips to PostgreSQL, counted as writes to sockets connected to its port: statements sent
// together (pipelined) go out in one write, so each write is one trip there and back. For a test or a
// benchmark that asserts how many a command costs (P1); nothing else in the process may talk to a
// server on that port while it counts.
import { Socket } from 'node:net';

export interface RoundTrips {
  readonly n: number;
  reset(): void;
  /** Puts Socket.prototype.write back. */
  stop(): void;
}

const DEFAULT_URL = process.env.SECBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function countRoundTrips(port = Number(new URL(DEFAULT_URL).port || 5432)): RoundTrips {
  let n = 0;
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
    if (this.remotePort === port) n++;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof write;
  return {
    get n() {
      return n;
    },
    reset: () => void (n = 0),
    stop: () => void (Socket.prototype.write = write),
  };
}
