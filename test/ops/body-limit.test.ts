// R90: bodies over 1 MB on /slack/events and /api/messages are refused with 413 by the shared HTTP
// server while they stream in, before any adapter (signature, token) sees them; smaller ones reach the
// adapter whole. The adapters here are stand-ins that record what they were given: the limit is the
// server's, whichever adapter is mounted (test/start/operator.test.ts runs it through `npm start`).
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../adapters/body-limit.ts';
import { createHttpServer, type HttpServer } from '../../adapters/http.ts';
import { postBytes } from './post-bytes.ts';

interface Seen {
  path: string;
  raw: number;
  body: unknown;
}

describe('R90: request bodies over 1 MB are refused while streaming', () => {
  let http: HttpServer;
  let url: string;
  const seen: Seen[] = [];
  const refused: object[] = [];

  beforeAll(async () => {
    http = createHttpServer({
      log: (msg, data) => {
        if (msg === 'http request refused') refused.push(data ?? {});
      },
    });
    const record = (req: express.Request & { rawBody?: Buffer }, res: express.Response) => {
      seen.push({ path: req.path, raw: req.rawBody?.length ?? -1, body: req.body as unknown });
      res.status(200).send('ok');
    };
    const router = express.Router();
    router.post('/slack/events', record);
    router.post('/api/messages', express.json(), record);
    http.mount(router);
    await http.listen(0, '127.0.0.1');
    url = http.url();
  });
  afterAll(() => http.close());

  for (const path of ['/slack/events', '/api/messages']) {
    it(`${path}: a Content-Length over 1 MB gets 413 before the body is read; the adapter never sees it`, async () => {
      const before = seen.length;
      const r = await postBytes(url, path, 4 * 1024 * 1024);
      expect(r.status).toBe(413);
      expect(seen.length).toBe(before);
      expect(refused.at(-1)).toMatchObject({ status: 413, why: `Content-Length ${4 * 1024 * 1024}` });
    });

    it(`${path}: a chunked body gets 413 once more than 1 MB has arrived`, async () => {
      const before = seen.length;
      const r = await postBytes(url, path, 4 * 1024 * 1024, { chunked: true });
      expect(r.status).toBe(413);
      expect(seen.length).toBe(before);
      expect(refused.at(-1)).toMatchObject({ status: 413, why: `more than ${MAX_BODY_BYTES} bytes` });
    });
  }

  it('a body of exactly 1 MB reaches the adapter whole: the raw bytes for Slack, parsed JSON for Teams', async () => {
    const json = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES - 20) });
    const padded = json + ' '.repeat(MAX_BODY_BYTES - Buffer.byteLength(json));
    for (const path of ['/slack/events', '/api/messages']) {
      const res = await fetch(new URL(path, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: padded,
      });
      expect(res.status).toBe(200);
    }
    const [slack, teams] = seen.slice(-2);
    expect(slack).toMatchObject({ path: '/slack/events', raw: MAX_BODY_BYTES });
    expect(teams).toMatchObject({ path: '/api/messages', raw: MAX_BODY_BYTES });
    expect((teams?.body as { pad?: string }).pad).toHaveLength(MAX_BODY_BYTES - 20);
  });

  it('malformed JSON on the Teams route is the client error 400, as before', async () => {
    const res = await fetch(new URL('/api/messages', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": ',
    });
    expect(res.status).toBe(400);
  });

  it('other paths are not read here', async () => {
    const r = await postBytes(url, '/elsewhere', 2 * 1024 * 1024);
    expect(r.status).toBe(404);
  });
});
