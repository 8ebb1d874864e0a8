// The register pages and calendar feeds on the bot's HTTP server (R82–R85). GET only: there is no route
// that writes, so no request here can change anything (R83). The register is open with
// SEC_REGISTER_PUBLIC=true; otherwise each request needs a signed, unexpired key (403 without one),
// and with no secret it is off (404). A feed address that is malformed, unknown, reset, or of a person
// who left the directory is 404, like any missing page: it tells a guesser nothing.
import { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { WebConfig } from '../../src/config-web.ts';
import {
  allEntries,
  modificationPage,
  panelFeed,
  personalFeed,
  registerPage,
} from '../../src/app/register.ts';
import type { FeedTokens, RegisterReader } from '../../src/app/web-ports.ts';
import { FEED_TOKEN, KEY_PARAM, checkRegisterKey, tokenHash } from '../../src/app/web-links.ts';
import { formatRef } from '../../src/domain/types.ts';
import { cmd, commandsOnEither } from '../../src/views/hints.ts';
import { CSV_HEADER, csvRows } from './csv.ts';
import type { Links } from './html.ts';
import { html, linksWith, notice } from './html.ts';
import { parseListQuery } from './query.ts';
import { recordHtml } from './record-html.ts';
import { registerHtml } from './register-html.ts';
import { STYLE } from './style.ts';

export interface WebDeps {
  web: WebConfig;
  reader: RegisterReader;
  tokens: FeedTokens;
  now: () => Date;
  log: (msg: string, data?: object) => void;
  /** R34: SEC_SHOW_RUNNING_SPLIT; with it on (and votes shown) an open ballot's votes are listed too. */
  showRunningSplit?: boolean;
}

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Headers of every page and feed: nothing leaks a key through a Referer, nothing is framed or sniffed. */
function secure(res: Response, open: boolean): void {
  res.setHeader('content-security-policy', CSP);
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  // A keyed page is for one person: not kept by shared caches, not indexed.
  res.setHeader('cache-control', open ? 'public, max-age=60' : 'private, no-store');
  if (!open) res.setHeader('x-robots-tag', 'noindex, nofollow');
}

type Access = { ok: true; key?: string } | { ok: false; status: 403 | 404; title: string; text: string };

const REFUSED: Access = {
  ok: false,
  status: 403,
  title: 'This link does not work',
  // R71 R77: the page cannot know the reader's chat, so the command is named in the form of each.
  text: `The link is not valid or has expired. Ask the bot for a new one: ${cmd('register')}.`,
};
const OFF: Access = {
  ok: false,
  status: 404,
  title: 'Not found',
  text: 'The Modification Register is not switched on here.',
};

function access(web: WebConfig, req: Request, now: Date): Access {
  if (web.public) return { ok: true };
  if (!web.secret) return OFF;
  const key = req.query[KEY_PARAM];
  const checked = checkRegisterKey(web.secret, key, now);
  return checked.ok ? { ok: true, key: key as string } : REFUSED;
}

/**
 * A refusal in the form asked for: a short page, or a line of JSON or text for the twins. Its commands
 * read as on either chat, as on a page (src/views/hints.ts).
 */
function refuse(res: Response, a: Extract<Access, { ok: false }>, as: 'html' | 'json' | 'text'): void {
  res.status(a.status);
  const text = commandsOnEither(a.text);
  if (as === 'json') res.json({ error: text });
  else if (as === 'text') res.type('text/plain').send(`${text}\n`);
  else res.type('html').send(notice(a.title, a.text));
}

/** `MP001`, `dp7`, `12`, with `.json` or not: the number, whether MP was typed, or undefined. */
function refOf(file: string): { number: number; mp: boolean; json: boolean } | undefined {
  const m = /^([dm]p)?0*(\d{1,9})(\.json)?$/i.exec(file);
  return m ? { number: Number(m[2]), mp: m[1]?.toLowerCase() === 'mp', json: m[3] !== undefined } : undefined;
}

/**
 * `/<folder>/<file>` as express matched `/<folder>/:file` (any case, a trailing slash allowed), but
 * with no parameter for express to decode: an address whose percent-encoding is not UTF-8
 * (`/register/%E0%A4%A`) made express raise "Failed to decode param" before the route ran, a 500.
 */
const FILE_IN = (folder: string): RegExp => new RegExp(`^/${folder}/[^/]+/?$`, 'i');

/** The decoded last part of the path, or undefined when it cannot be decoded. */
function fileOf(req: Request): string | undefined {
  const raw = req.path.replace(/\/$/, '').replace(/^\/[^/]+\//, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

const BAD_ADDRESS = 'That address is not valid: it holds a character that cannot be read.';

/** QUALITY.md (every endpoint: a 4xx, never a crash): the client's error, said in the form asked for. */
function badAddress(res: Response, as: 'html' | 'json' | 'text', links?: Links): void {
  res.status(400);
  if (as === 'json') res.json({ error: BAD_ADDRESS });
  else if (as === 'html') res.type('html').send(notice('Bad address', BAD_ADDRESS, links));
  else res.type('text/plain').send(`${BAD_ADDRESS}\n`);
}

/** R82: a missing modification's page: what is not there, the page that is when there is one, the way back. */
function notFoundPage(text: string, instead: string | undefined, links: Links | undefined): string {
  const to = (links ?? linksWith(undefined)).to(`/register/${instead}`);
  return notice('Not found', instead ? html`${text} <a href=${to}>Go to ${instead}</a>.` : text, links);
}

export function webRouter(deps: WebDeps): Router {
  const { web, reader, tokens } = deps;
  const router = Router();
  // Errors are answered here: the server's own handler would log the path, which may hold a feed token.
  const safe =
    (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
    (req: Request, res: Response, _next: NextFunction) => {
      fn(req, res).catch((e: unknown) => {
        deps.log('web page failed', { level: 'error', error: e instanceof Error ? e.message : String(e) });
        // Half a CSV must not pass for the whole register: a stream that fails is cut off.
        if (res.headersSent) res.destroy();
        else res.status(500).type('text/plain').send('Sorry, something went wrong; try again.\n');
      });
    };

  router.get('/register.css', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.setHeader('x-content-type-options', 'nosniff');
    res.type('text/css').send(STYLE);
  });

  const list = (as: 'html' | 'json' | 'csv') =>
    safe(async (req, res) => {
      const a = access(web, req, deps.now());
      secure(res, web.public);
      if (!a.ok) return refuse(res, a, as === 'html' ? 'html' : as === 'json' ? 'json' : 'text');
      const q = parseListQuery(req.query);
      if (!q.ok) {
        res.status(400);
        if (as === 'html')
          res.type('html').send(notice('That search cannot be shown', q.message, linksWith(a.key)));
        else if (as === 'json') res.json({ error: q.message });
        else res.type('text/plain').send(`${q.message}\n`);
        return;
      }
      if (as === 'csv') {
        // Every match, streamed a chunk at a time: 10,000 rows never hold the server up in one go.
        res.type('text/csv; charset=utf-8').attachment('modification-register.csv');
        res.write(CSV_HEADER);
        for await (const entries of allEntries(reader, q.query)) res.write(csvRows(entries));
        res.end();
        return;
      }
      const p = await registerPage(reader, q.query);
      // R82: a page past the last is a page that does not exist (404), as a missing modification is;
      // the HTML still says so and links to the last page.
      if (q.query.page > p.pages) res.status(404);
      if (as === 'json')
        res.json({ total: p.total, page: q.query.page, pages: p.pages, modifications: p.entries });
      else res.type('html').send(registerHtml(p, linksWith(a.key), a.key));
    });
  router.get('/register', list('html'));
  router.get('/register.json', list('json'));
  router.get('/register.csv', list('csv'));

  router.get(
    FILE_IN('register'),
    safe(async (req, res) => {
      const file = fileOf(req);
      const wanted = file === undefined ? undefined : refOf(file);
      const a = access(web, req, deps.now());
      secure(res, web.public);
      // A key is carried on only once checked: a refused one would be refused again.
      const links = a.ok ? linksWith(a.key) : undefined;
      if (file === undefined) return badAddress(res, /\.json\/?$/i.test(req.path) ? 'json' : 'html', links);
      if (!a.ok) return refuse(res, a, wanted?.json ? 'json' : 'html');
      const found = wanted
        ? await modificationPage(reader, wanted.number, {
            showVotes: web.showVotes,
            showRunningSplit: deps.showRunningSplit === true,
            now: deps.now(),
          })
        : null;
      // R82: an MP is found by its former DP reference, but a DP is not an MP before the Panel makes it
      // one: MP003 for a modification still DP003 names a reference that does not exist (yet), so it is
      // not shown as if it did; the answer names the reference it has.
      const notYetMp = found !== null && wanted?.mp === true && !found.ref.startsWith('MP');
      const record = notYetMp ? null : found;
      if (!record) {
        // The reference as the register writes it, never the typed text echoed back.
        const asked = wanted ? formatRef(wanted.number, wanted.mp) : undefined;
        const text = notYetMp
          ? `There is no modification ${asked}: ${found?.ref} has not become a Modification Proposal.`
          : asked
            ? `There is no modification ${asked}.`
            : 'There is no modification with that reference.';
        res.status(404);
        if (wanted?.json) res.json({ error: text });
        else res.type('html').send(notFoundPage(text, found?.ref, links));
        return;
      }
      if (wanted?.json) res.json(record);
      else res.type('html').send(recordHtml(record, linksWith(a.key)));
    }),
  );

  const pageUrl = (ref: string) => (web.public && web.baseUrl ? `${web.baseUrl}/register/${ref}` : undefined);
  router.get(
    FILE_IN('calendar'),
    safe(async (req, res) => {
      const file = fileOf(req);
      secure(res, false);
      if (file === undefined) return badAddress(res, 'text');
      const notFound = () => res.status(404).type('text/plain').send('Not found.\n');
      let ics: string | null = null;
      if (file === 'panel.ics') {
        if (!web.public) return void notFound();
        ics = await panelFeed(reader, deps.now(), { pageUrl });
      } else {
        const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
        if (!web.secret || !FEED_TOKEN.test(token)) return void notFound();
        ics = await personalFeed(reader, tokens, tokenHash(token), deps.now(), { pageUrl });
      }
      if (ics === null) return void notFound();
      res.type('text/calendar; charset=utf-8').send(ics);
    }),
  );
  return router;
}
