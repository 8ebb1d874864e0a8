// R82–R85: the Modification Register on the web, over real HTTP on both databases: the list with its
// filters, search, paging and JSON/CSV twins; a modification's page with its timeline, documents,
// decisions and consultations; public fields only; hostile text inert; signed, expiring links; nothing
// ever written; and a register of 10,000 modifications paged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKey } from '../../src/app/web-links.ts';
import { eachDatabase } from '../support/databases.ts';
import { HOSTILE_TITLE, NOW, PRIVATE_COMMENT, buildWorld } from '../support/register-world.ts';
import { seedCopies } from '../support/register-seed.ts';
import type { WebServer } from '../support/web-server.ts';
import { SECRET, snapshotCounts, startWebServer } from '../support/web-server.ts';
import { commandsAs } from '../../src/views/hints.ts';

/** The references in the register table's rows, in order. */
const refsOf = (html: string): string[] =>
  [...html.matchAll(/<th scope="row"><a href="[^"]*">((?:DP|MP)\d+)<\/a><\/th>/g)].map((m) => m[1] as string);

/** No e-mail address, no private comment, no raw markup from a title, in anything served (R44, R82). */
function expectPublicAndInert(text: string): void {
  expect(text).not.toMatch(/@example\.org/);
  expect(text).not.toContain(PRIVATE_COMMENT);
  expect(text).not.toMatch(/<script|<img|href="javascript/i);
}

eachDatabase('R82 R83 R85 the register', (db) => {
  let open: WebServer;
  let signed: WebServer;
  let votes: WebServer;
  beforeAll(async () => {
    open = await startWebServer(db.store, { now: NOW, web: { public: true } });
    signed = await startWebServer(db.store, { now: NOW });
    votes = await startWebServer(db.store, { now: NOW, web: { public: true, showVotes: true } });
    await buildWorld(open.engine);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([open?.close(), signed?.close(), votes?.close()]);
  });

  it('R82 the list: every modification, newest first, with status and stage, route, proposer, next deadline, last change', async () => {
    const r = await open.get('/register');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    expect(refsOf(r.text)).toEqual(['DP005', 'DP004', 'MP003', 'DP002', 'MP001']);
    expect(r.text).toContain('Showing 1 to 5 of 5.');
    const mp001 = r.text.slice(r.text.indexOf('>MP001<'));
    expect(mp001).toMatch(
      /Faster switching<\/td><td>Approved<span class="stage">To be implemented on Thu 24 Jun 2027<\/span><\/td><td>Refinement<\/td><td>Alice Proposer<\/td><td>Implementation/,
    );
    const dp002 = r.text.slice(r.text.indexOf('>DP002<'));
    expect(dp002).toMatch(
      /Fast Track objection window<span class="stage">Objections may be made until Tue 13 Apr 2027, 17:00/,
    );
    expect(dp002).toMatch(/Fast Track objection window closes<span class="stage">Tue 13 Apr 2027, 17:00/);
    expect(r.text).toContain('Withdrawn by the proposer');
    // R82: MP003's Working Group meeting, confirmed for Tue 30 Mar, comes before its consultation closes.
    const mp003 = r.text.slice(r.text.indexOf('>MP003<'), r.text.indexOf('>DP002<'));
    expect(mp003).toContain(
      '<td>Working Group meeting<span class="stage">Tue 30 Mar 2027, 14:00</span></td>',
    );
    const page = (await open.get('/register/MP003')).text;
    expect(page.slice(page.indexOf('Coming deadlines'))).toMatch(
      /<li>Working Group meeting: <time datetime="2027-03-30T14:00:00\+01:00">Tue 30 Mar 2027, 14:00<\/time><\/li><li>Working Group Consultation closes: /,
    );
    expectPublicAndInert(r.text);
    // R44: the hostile title is there, as text.
    expect(r.text).toContain(
      "<td>&lt;script>alert('x')&lt;/script> &lt;!channel> @everyone [click](http://evil.example) =HYPERLINK('http://evil')</td>",
    );
  });

  it('R82 filter by status and search by text', async () => {
    expect(refsOf((await open.get('/register?status=open')).text)).toEqual(['DP004', 'MP003', 'DP002']);
    expect(refsOf((await open.get('/register?status=withdrawn')).text)).toEqual(['DP005']);
    expect(refsOf((await open.get('/register?q=METER')).text)).toEqual(['MP003']);
    expect(refsOf((await open.get('/register?q=mp00')).text)).toEqual(['MP003', 'MP001']);
    // A wildcard typed in the box is a character to find, not a pattern.
    expect((await open.get('/register?q=%25')).text).toContain('No modifications match.');
    expect(refsOf((await open.get('/register?status=open&q=script')).text)).toEqual(['DP004']);
  });

  it('R45 a search the register cannot read gets 400 and says why', async () => {
    for (const [path, why] of [
      ['/register?status=bogus', 'status filter'],
      ['/register?page=0', 'page'],
      ['/register?size=501', 'page size'],
      [`/register?q=${'x'.repeat(201)}`, 'too long'],
      ['/register?page=1&page=2', 'page'],
    ] as const) {
      const r = await open.get(path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain(why);
    }
    const j = await open.get('/register.json?status=bogus');
    expect(j.status).toBe(400);
    expect(JSON.parse(j.text)).toEqual({ error: 'The status filter is not one the register knows.' });
  });

  it('R82 the JSON twin pages like the HTML; the CSV twin has every match, formula-looking cells made inert', async () => {
    const j = await open.get('/register.json?size=2&page=2');
    expect(j.type).toMatch(/^application\/json/);
    const body = JSON.parse(j.text) as {
      total: number;
      pages: number;
      modifications: { ref: string; proposer: string }[];
    };
    expect(body.total).toBe(5);
    expect(body.pages).toBe(3);
    expect(body.modifications.map((m) => m.ref)).toEqual(['MP003', 'DP002']);
    expect(body.modifications[0]).toMatchObject({
      proposer: 'Alice Proposer',
      statusText: 'Refinement',
      route: 'Refinement',
    });
    expectPublicAndInert(j.text);

    const c = await open.get('/register.csv?status=all');
    expect(c.type).toMatch(/^text\/csv/);
    expect(c.headers.get('content-disposition')).toContain('modification-register.csv');
    const lines = c.text.split('\r\n');
    expect(lines[0]).toBe(
      'ref,title,status,stage,route,proposer,next_deadline,next_deadline_due,last_change',
    );
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe(
      `DP005,'=SUM(1+2) A short-lived idea,Withdrawn,Withdrawn by the proposer,,Bob Respondent,,,2027-03-23T11:30:00+00:00`,
    );
    expect(c.text).not.toMatch(/@example\.org/);
  });

  it('R82 a modification page: facts, timeline as SVG with a text alternative, documents, decisions with tallies, consultations', async () => {
    const r = await open.get('/register/MP001');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>MP001: Faster switching</h1>');
    expect(r.text).toMatch(
      /<svg class="timeline"[^>]*role="img"[^>]*aria-labelledby="timeline-title timeline-desc"/,
    );
    expect(r.text).toContain('<desc id="timeline-desc">Raised Mon 11 Jan 2027, 09:00;');
    expect(r.text).toMatch(
      /Stages: Draft Proposal, then Initial assessment, then Change Board views, then Awaiting the Panel, then Refinement, then Report Stage, then Awaiting the Authority, then Approved/,
    );
    expect(r.text).toContain('Change Board decision ballot: passed');
    expect(r.text).toContain('Working Days after it was raised');
    expect(r.text).toContain(
      '<a href="https://example.org/mp001/report-v1" rel="noreferrer noopener external">Modification Report, version 1</a>',
    );
    expect(r.text).toMatch(
      /<th scope="col">Approve<\/th><th scope="col">Reject<\/th><th scope="col">Abstain<\/th><\/tr><\/thead><tbody><tr><td>4<\/td><td>1<\/td><td>0<\/td>/,
    );
    expect(r.text).toContain('Simple majority: 4 votes to approve, 1 vote to reject — passed');
    expect(r.text).toContain(
      '<th scope="row">Modification Report Consultation (closed)</th><td>Thu 18 Mar 2027, 17:00</td><td>2</td><td>Proposed Solution: 1 support, 1 oppose</td>',
    );
    expect(r.text).toContain('The Authority approved it.');
    // When each ballot was decided, beside when it opened; a date behind us is "past", not "passed".
    expect(r.text).toContain('<p>Opened Fri 19 Mar 2027, 10:00; closed Fri 19 Mar 2027, 11:40.</p>');
    expect(r.text).toContain('<li>Working Group Consultation closes: Thu 18 Feb 2027, 17:00 (past)</li>');
    expect(r.text).not.toContain('(passed)');
    expectPublicAndInert(r.text);
    // Who voted what, the Change Board's views by person and Working Group names stay off the page.
    for (const secret of ['Carys Board', 'Finn Board', 'Risk to vulnerable consumers', 'Long overdue'])
      expect(r.text).not.toContain(secret);
    const j = JSON.parse((await open.get('/register/mp1.json')).text) as {
      ref: string;
      decisions: unknown[];
    };
    expect(j.ref).toBe('MP001');
    expect(j.decisions).toHaveLength(2);
    // R31: every time in London with its offset, beside the words: 00:00 on 24 June (summer time) is
    // the 24th, where UTC ("2027-06-23T23:00:00.000Z") gave the day before.
    expect(j).toMatchObject({
      raisedAt: '2027-01-11T09:00:00+00:00',
      lastChange: '2027-03-23T10:35:00+00:00',
      nextDeadline: { label: 'Implementation', due: '2027-06-24T00:00:00+01:00' },
      decisions: [
        { openedAt: '2027-02-23T10:00:00+00:00', closedAt: '2027-02-23T11:40:00+00:00' },
        { opened: 'Fri 19 Mar 2027, 10:00', closed: 'Fri 19 Mar 2027, 11:40' },
      ],
      documents: [{ recordedAt: '2027-02-22T10:00:00+00:00' }, { recordedAt: '2027-03-23T10:00:00+00:00' }],
      consultations: [{ closesAt: '2027-02-18T17:00:00+00:00' }, { closesAt: '2027-03-18T17:00:00+00:00' }],
    });
    const list = (await open.get('/register.json?status=all')).text;
    expect(list).toContain('"lastChange":"2027-03-23T11:30:00+00:00"');
    expect(list).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    // R24: while the objection window runs, the Fast Track's implementation date is not yet settled.
    expect((await open.get('/register/DP002')).text).toContain(
      '<dt>Implementation</dt><dd>Thu 24 Jun 2027, if no party objects by Tue 13 Apr 2027, 17:00</dd>',
    );
    expect(JSON.stringify(j)).not.toMatch(/Carys Board|@example\.org/);
  });

  it('R82 with SEC_REGISTER_SHOW_VOTES the page lists each seat’s vote by name', async () => {
    const r = await votes.get('/register/MP001');
    expect(r.text).toContain('<li>Finn Board: Reject</li>');
    expect(r.text).toContain('<li>Carys Board: Approve</li>');
    expect(r.text).not.toMatch(/@example\.org/);
  });

  it('R44 the hostile modification is shown as text: no markup, and its javascript: link is not a link', async () => {
    const r = await open.get('/register/DP004');
    expect(r.status).toBe(200);
    expectPublicAndInert(r.text);
    expect(r.text).toContain('&lt;img src=x onerror=alert(1)> &amp; &quot;quotes&quot;');
    expect(r.text).toContain('Initial Assessment Report, version 1: javascript:alert(1)');
    expect(r.text).toContain(
      `<title>DP004: ${HOSTILE_TITLE.replace(/</g, '&lt;')} · Modification Register</title>`,
    );
  });

  it('R82 an unknown or unreadable reference is 404, and the pages send their safety headers', async () => {
    for (const path of ['/register/MP999', '/register/XY1', '/register/..%2Fetc']) {
      expect((await open.get(path)).status, path).toBe(404);
    }
    expect((await open.get('/register/DP999.json')).status).toBe(404);
    // R82: an MP is found by its former DP reference, but a DP is not found by an MP reference it does
    // not have: DP002 was never made a Modification Proposal, so MP002 names no modification.
    expect((await open.get('/register/DP001')).text).toContain('<h1>MP001: Faster switching</h1>');
    const notMp = await open.get('/register/MP002');
    expect(notMp.status).toBe(404);
    expect(notMp.text).toContain(
      '<p>There is no modification MP002: DP002 has not become a Modification Proposal. <a href="/register/DP002">Go to DP002</a>.</p>',
    );
    expect(JSON.parse((await open.get('/register/mp2.json')).text)).toEqual({
      error: 'There is no modification MP002: DP002 has not become a Modification Proposal.',
    });
    expect((await open.get('/register/dp2')).status).toBe(200);
    const r = await open.get('/register');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await open.get('/register.css');
    expect(css.type).toMatch(/^text\/css/);
  });

  it('R82 an error page is no dead end: it names the reference asked for and links back to the register, keeping the key', async () => {
    const missing = await open.get('/register/mp99');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<p>There is no modification MP099.</p>');
    expect(missing.text).toContain('<p><a href="/register">Back to the register</a></p>');
    expect(missing.text).toContain(
      '<p class="site-name"><a href="/register">SEC Modification Register</a></p>',
    );
    const bad = await open.get('/register?status=bogus');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="/register">Back to the register</a>');
    const unreadable = await open.get('/register/%E0%A4%A');
    expect(unreadable.status).toBe(400);
    expect(unreadable.text).toContain('<a href="/register">Back to the register</a>');
    // With a signed link the way back keeps the key, so it opens.
    const key = registerKey(SECRET, new Date(NOW.getTime() + 3_600_000));
    const keyed = await signed.get(`/register/XY1?key=${key}`);
    expect(keyed.status).toBe(404);
    expect(keyed.text).toContain('<p>There is no modification with that reference.</p>');
    expect(keyed.text).toContain(`<a href="/register?key=${key}">Back to the register</a>`);
    expect((await signed.get(`/register?key=${key}`)).status).toBe(200);
    // A refused key gets no link that would be refused again: the page says how to get a new one.
    const refused = await signed.get('/register/MP001?key=1.abc');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('Back to the register');
  });

  it('R83 not public: no key, a forged key or an expired one gets 403; the link the bot sends opens every page', async () => {
    for (const path of [
      '/register',
      '/register/MP001',
      '/register.json',
      '/register.csv',
      '/register?key=1.abc',
    ]) {
      expect((await signed.get(path)).status, path).toBe(403);
    }
    const forged = registerKey(
      'another-secret-of-at-least-32-characters!',
      new Date(NOW.getTime() + 3_600_000),
    );
    expect((await signed.get(`/register?key=${forged}`)).status).toBe(403);
    const expired = registerKey(SECRET, new Date(NOW.getTime() - 1000));
    const denied = await signed.get(`/register?key=${expired}`);
    expect(denied.status).toBe(403);
    // R71 R77: the page cannot know the reader's chat: it names the command as each takes it (Slack
    // hears only the slash command; a bare "register" typed to the bot there does nothing).
    const askAgain =
      'The link is not valid or has expired. Ask the bot for a new one: /sec register on Slack, or register in your chat with the bot on Teams.';
    expect(denied.text).toContain(`<p>${askAgain}</p>`);
    expect(denied.text).not.toContain('\u2063');
    expect(JSON.parse((await signed.get(`/register.json?key=${expired}`)).text)).toEqual({ error: askAgain });
    expect((await signed.get(`/register.csv?key=${expired}`)).text).toBe(`${askAgain}\n`);

    const asked = await signed.engine.ask('register', 'alice@example.org', NOW, {
      platform: 'slack',
      privately: true,
    });
    expect(asked.reply).toMatch(
      /^Your link to the Modification Register, valid until Thu 25 Mar 2027, 12:00 \(London time\): http/,
    );
    const link = /(http:\/\/\S+)/.exec(asked.reply)?.[1] as string;
    const page = await signed.get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    // Every link on the page keeps the key, so the person can move around the register.
    const key = new URL(link).searchParams.get('key') as string;
    const hrefs = [...page.text.matchAll(/href="(\/register[^".]*(?:\.json|\.csv)?(?:\?[^"]*)?)"/g)].map(
      (m) => m[1] as string,
    );
    expect(hrefs.length).toBeGreaterThan(5);
    for (const h of hrefs)
      expect(new URL(h.replace(/&amp;/g, '&'), signed.url).searchParams.get('key'), h).toBe(key);
    expect(page.text).toContain(`<input type="hidden" name="key" value="${key}"/>`);
    expect((await signed.get(`/register/MP001?key=${key}`)).status).toBe(200);
    // A day later the same link is refused.
    signed.clock.now = new Date(NOW.getTime() + 24 * 3_600_000 + 1000);
    expect((await signed.get(link)).status).toBe(403);
    signed.clock.now = NOW;
  });

  it('R83 a link is only shown privately; someone not registered gets none', async () => {
    const inChannel = await signed.engine.ask('register', 'alice@example.org', NOW, {
      platform: 'teams',
      privately: false,
    });
    expect(inChannel.reply).toBe(
      'Your link to the register is personal: type register in your private chat with me.',
    );
    const stranger = await signed.engine.ask('register', 'nobody@example.org', NOW, {
      platform: 'slack',
      privately: true,
    });
    expect(stranger.ok).toBe(false);
    expect(stranger.reply).not.toMatch(/http/);
    const publicLink = await open.engine.ask('register', 'bob@example.org', NOW, {
      platform: 'teams',
      privately: false,
    });
    expect(publicLink.reply).toBe(`The Modification Register: ${open.url}/register`);
  });

  it('R83 without a secret and not public the register is off: 404, and the bot says so', async () => {
    const off = await startWebServer(db.store, { now: NOW, web: { secret: undefined } });
    try {
      expect((await off.get('/register')).status).toBe(404);
      expect(
        (await off.get(`/register?key=${registerKey(SECRET, new Date(NOW.getTime() + 60_000))}`)).status,
      ).toBe(404);
      const r = await off.engine.ask('register', 'alice@example.org', NOW, {
        platform: 'slack',
        privately: true,
      });
      expect(commandsAs(r.reply, undefined)).toBe(
        'The web register is not switched on here; ask an admin. Meanwhile, list all shows every modification.',
      );
    } finally {
      await off.close();
    }
  });

  it('R83 reading the register writes nothing, whatever is asked, and there is no route that writes', async () => {
    const before = await snapshotCounts(db.store);
    const key = registerKey(SECRET, new Date(NOW.getTime() + 3_600_000));
    const paths = [
      '/register',
      '/register/MP001',
      '/register.json',
      '/register.csv?q=x',
      '/register/DP004.json',
      `/register?key=${key}`,
      '/register?key=forged',
      '/calendar/panel.ics',
    ];
    for (const p of paths) await signed.get(p);
    for (const p of paths) await open.get(p);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await open.get('/register/MP001', { method, body: 'status=withdrawn' });
      expect(r.status, method).toBe(404);
    }
    expect(await snapshotCounts(db.store)).toEqual(before);
  });

  it('R85 10,000 modifications: the first page is paged and answers, the last page too, search finds one', async () => {
    await seedCopies(db.store, 10_000);
    const first = await open.get('/register');
    expect(first.status).toBe(200);
    expect(first.text).toContain('Showing 1 to 50 of 10000.');
    const refs = refsOf(first.text);
    expect(refs).toHaveLength(50);
    expect(refs[0]).toMatch(/^(DP|MP)10000$/);
    expect(first.text).toContain('Page 1 of 200');
    const last = await open.get('/register?page=200');
    expect(refsOf(last.text).at(-1)).toBe('MP001');
    const found = await open.get('/register?q=%239999');
    expect(refsOf(found.text)).toEqual([expect.stringMatching(/^(DP|MP)9999$/)]);
    const copy = await open.get(`/register/${refs[0]}`);
    expect(copy.status).toBe(200);
    expect(copy.text).toContain('<svg class="timeline"');
    const j = JSON.parse((await open.get('/register.json?status=open')).text) as {
      total: number;
      modifications: unknown[];
    };
    expect(j.modifications).toHaveLength(50);
    expect(j.total).toBe(6_000);
  }, 120_000);
});

describe('R83 the register key', () => {
  it('is refused once the secret changes', async () => {
    const { checkRegisterKey } = await import('../../src/app/web-links.ts');
    const key = registerKey(SECRET, new Date(NOW.getTime() + 60_000));
    expect(checkRegisterKey(SECRET, key, NOW)).toEqual({
      ok: true,
      expires: new Date(Math.floor((NOW.getTime() + 60_000) / 1000) * 1000),
    });
    expect(checkRegisterKey(`${SECRET}x`, key, NOW)).toEqual({ ok: false, why: 'forged' });
  });
});
