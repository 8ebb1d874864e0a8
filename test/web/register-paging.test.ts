// R82: the register's pages: the JSON twin's link on a page gives that same page (its number and size),
// and a page past the last says plainly there is no such page (404) and links to the last one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase } from '../support/databases.ts';
import { playScript } from '../support/register-world.ts';
import type { WebServer } from '../support/web-server.ts';
import { startWebServer } from '../support/web-server.ts';

const SCRIPT = `
people:
alice alice@example.org "Alice Proposer" party

2027-06-01T09:01 alice raise title="Item 1" problem="p"
2027-06-01T09:02 alice raise title="Item 2" problem="p"
2027-06-01T09:03 alice raise title="Item 3" problem="p"
`;

/** The href of the link whose text is `text`, with `&amp;` read back. */
const hrefOf = (html: string, text: string): string | undefined =>
  new RegExp(`<a href="([^"]*)"[^>]*>${text}</a>`).exec(html)?.[1]?.replace(/&amp;/g, '&');

eachDatabase('R82 register pages', (db) => {
  let web: WebServer;
  beforeAll(async () => {
    web = await startWebServer(db.store, { now: new Date('2027-06-02T12:00:00Z'), web: { public: true } });
    await playScript(web.engine, SCRIPT, 'register-paging');
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  it('R82 the JSON link of page 2 gives page 2, of the same size', async () => {
    const page = (await web.get('/register?page=2&size=2')).text;
    expect(page).toContain('Showing 3 to 3 of 3.');
    const json = hrefOf(page, 'JSON');
    expect(json).toBe('/register.json?status=all&page=2&size=2');
    const body = JSON.parse((await web.get(json as string)).text) as {
      page: number;
      modifications: { ref: string }[];
    };
    expect(body.page).toBe(2);
    expect(body.modifications.map((m) => m.ref)).toEqual(['DP001']);
    // The first page at the usual size needs neither.
    expect(hrefOf((await web.get('/register')).text, 'JSON')).toBe('/register.json?status=all');
  });

  it('R82 a page past the last says there is no such page and links to the last one', async () => {
    const past = await web.get('/register?page=3&size=2');
    expect(past.status).toBe(404);
    const page = past.text;
    expect(page).toContain('There is no page 3: the last page is 2.');
    expect(hrefOf(page, 'Go to page 2')).toBe('/register?status=all&page=2&size=2');
    expect(page).not.toMatch(/Showing \d+ to \d+|Page 3 of 2|Previous page/);
    const one = (await web.get('/register?page=3')).text;
    expect(one).toContain('There is no page 3: the last page is 1.');
    expect(hrefOf(one, 'Go to page 1')).toBe('/register?status=all&page=1');
    const none = (await web.get('/register?q=nothing-like-this&page=2')).text;
    expect(none).toContain('There is no page 2: no modifications match, so there is only page 1.');
    // The JSON twin answers the same way; the last page itself, and page 1 of no matches, are pages.
    const json = await web.get('/register.json?page=3&size=2');
    expect(json.status).toBe(404);
    expect((JSON.parse(json.text) as { modifications: unknown[] }).modifications).toEqual([]);
    expect((await web.get('/register?page=2&size=2')).status).toBe(200);
    expect((await web.get('/register?q=nothing-like-this')).status).toBe(200);
  });
});
