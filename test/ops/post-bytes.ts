// A POST of `size` bytes for the body-limit tests (R90), sent with node:http rather than fetch: a
// server that answers 413 and closes while the body is still going out leaves fetch with only a
// socket error, where node:http still hands over the answer.
import { request } from 'node:http';

/** Posts `size` bytes, with or without Content-Length (chunked), in 64 KB pieces. */
export function postBytes(
  url: string,
  path: string,
  size: number,
  opts: { chunked?: boolean; type?: string } = {},
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    let sent = 0;
    const req = request(
      u,
      {
        method: 'POST',
        headers: {
          'content-type': opts.type ?? 'application/json',
          ...(opts.chunked ? {} : { 'content-length': String(size) }),
        },
      },
      (res) => {
        // The answer counts as soon as it arrives: the server may close while the body still goes out.
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
      },
    );
    req.on('error', reject);
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < size) {
        const n = Math.min(piece.length, size - sent);
        sent += n;
        if (!req.write(piece.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
