// QUALITY.md (every endpoint survives random input: a 4xx, never a crash), R82, R84: a search holding a
// NUL, and an address whose percent-encoding is not UTF-8, get a 400 with a short plain message in the
// form the address asks for (a page, JSON, text), where they got a 500 (the NUL reached PostgreSQL and the
// whole query went to the error log; express's "Failed to decode param" went to the server's handler).
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http.ts';
import { parseListQuery } from '../../adapters/web/query.ts';
import { openStore, type OpenStore } from '../../db/open.ts';
import type { WebServer } from '../support/web-server.ts';
import { startWebServer } from '../support/web-server.ts';

const NOW = new Date('2027-01-11T09:00:00Z');
const BAD_ADDRESS = 'That address is not valid: it holds a character that cannot be read.';
const NUL = 'The search text holds a character that cannot be searched for (a NUL).';

describe('bad characters in register and calendar addresses', () => {
  let store: OpenStore;
  let web: WebServer;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    web = await startWebServer(store, { now: NOW, web: { public: true } });
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await store?.close();
  });

  it('a NUL in the search text: 400 with a plain message, in each form; nothing reaches the database', async () => {
    expect(parseListQuery({ q: 'a\u0000b' })).toEqual({ ok: false, message: NUL });
    const page = await web.get('/register?q=%00');
    expect(page.status).toBe(400);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain(NUL);
    const json = await web.get('/register.json?q=ab%00cd');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toEqual({ error: NUL });
    const csv = await web.get('/register.csv?q=%00');
    expect(csv.status).toBe(400);
    expect(csv.text).toBe(`${NUL}\n`);
    // An ordinary search still works.
    expect((await web.get('/register?q=switching')).status).toBe(200);
    expect(web.logs.filter((l) => /failed/.test(l.msg))).toEqual([]);
  });

  it('an address that is not UTF-8: 400, a page or JSON for the register, text for a feed; not logged', async () => {
    const page = await web.get('/register/%E0%A4%A');
    expect(page.status).toBe(400);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain(BAD_ADDRESS);
    expect(page.text).not.toContain('Failed to decode');
    const json = await web.get('/register/%E0%A4%A.json');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toEqual({ error: BAD_ADDRESS });
    const feed = await web.get('/calendar/%E0%A4%A.ics');
    expect(feed.status).toBe(400);
    expect(feed.type).toMatch(/^text\/plain/);
    expect(feed.text).toBe(`${BAD_ADDRESS}\n`);
    expect(feed.headers.get('cache-control')).toBe('private, no-store');
    expect(web.logs).toEqual([]);
  });
});

describe('the server error handler', () => {
  it('a path parameter that cannot be decoded on any other route is the client’s 400, not a 500', async () => {
    const logs: { msg: string; data?: object }[] = [];
    const http = createHttpServer({ log: (msg, data) => void logs.push({ msg, ...(data ? { data } : {}) }) });
    const router = express.Router();
    router.get('/thing/:id', (_req, res) => void res.send('ok'));
    http.mount(router);
    await http.listen(0, '127.0.0.1');
    try {
      const r = await fetch(`${http.url()}/thing/%E0%A4%A`);
      expect(r.status).toBe(400);
      expect(await r.text()).toBe('bad request');
      expect(logs.map((l) => l.msg)).toEqual(['http request refused']);
    } finally {
      await http.close();
    }
  });
});
