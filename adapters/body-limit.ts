// R90: a platform request's body is read here, in the shared HTTP server, before any signature or
// token work, and refused with 413 once more than MAX_BODY_BYTES has arrived (at once when its
// Content-Length says so). Bolt reads up to 4 MB itself before it checks a signature, so 40 unsigned
// 4 MB posts at once doubled the bot's memory. What is read is handed on: Bolt takes `req.rawBody`
// instead of reading the stream again; a JSON body on the Teams route is parsed here too (the route's
// own express.json() then finds the stream consumed and leaves `req.body` alone).
import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const MAX_BODY_BYTES = 1024 * 1024;
/** How long the rest of a refused body is read (and thrown away) before the connection is cut. */
const DISCARD_MS = 10_000;

/** What a request carries once its body has been read here. */
export type ReadRequest = Request & { rawBody?: Buffer; _body?: boolean };

/**
 * Reads the body of a POST to one of `paths`, or answers 413 and stops reading. `onRefused` is told
 * why (for the log).
 */
export function bodyLimit(
  isLimited: (req: Request) => 'slack' | 'teams' | undefined,
  onRefused: (req: Request, why: string) => void,
  max = MAX_BODY_BYTES,
): RequestHandler {
  return (req: ReadRequest, res: Response, nextOutside: NextFunction) => {
    // The stream's events come from the socket, outside the request's log context (src/logger.ts):
    // the handlers after this one must run inside it. Not AsyncResource.bind: on Node 20 every bound
    // function also builds a deprecation wrapper for its `asyncResource` property (0.7% of a vote).
    const scope = new AsyncResource('bodyLimit');
    const next = (err?: unknown) => scope.runInAsyncScope(nextOutside, undefined, err);
    const route = req.method === 'POST' ? isLimited(req) : undefined;
    if (!route) {
      next();
      return;
    }
    const refuse = (why: string) => {
      onRefused(req, why);
      // The rest of the body is read and thrown away (never kept), so that a client still sending gets
      // the answer rather than a reset; one that keeps on sending for long is cut off.
      res.status(413).type('text/plain').send('request body too large');
      req.resume();
      // Only this request's connection, and only while this request is still arriving: the socket
      // is kept alive for the client's next requests once it has ended.
      const cut = setTimeout(() => req.socket.destroy(), DISCARD_MS);
      cut.unref();
      req.once('end', () => clearTimeout(cut));
      req.once('close', () => clearTimeout(cut));
    };
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      refuse(`Content-Length ${declared}`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        done = true;
        req.off('data', onData);
        chunks.length = 0;
        refuse(`more than ${max} bytes`);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', (e) => {
      if (done) return;
      done = true;
      next(e);
    });
    req.once('end', () => {
      if (done) return;
      done = true;
      const body = Buffer.concat(chunks, size);
      req.rawBody = body;
      if (route === 'teams' && req.is('application/json')) {
        try {
          req.body = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : undefined;
          req._body = true;
        } catch {
          // As express.json() answers malformed JSON: the client's error (400), not ours.
          next(Object.assign(new Error('malformed JSON'), { status: 400, expose: true }));
          return;
        }
      }
      next();
    });
  };
}
