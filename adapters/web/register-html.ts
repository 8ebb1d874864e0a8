// R82: the register's list page: a search form (status and text, a plain GET form that works without
// JavaScript), the table of modifications and the page links. Semantic: a captioned table with column
// headers, labelled form fields, a navigation landmark for the pages.
import type { RegisterPage } from '../../src/app/register.ts';
import { PAGE_SIZE } from '../../src/app/register.ts';
import type { RegisterEntry } from '../../src/views/register.ts';
import { STATUS_FILTERS, STATUS_WORDS } from '../../src/views/register.ts';
import type { Links } from './html.ts';
import { html, page } from './html.ts';

const FILTER_WORDS: Record<string, string> = { open: 'Open (not yet decided)', all: 'All', ...STATUS_WORDS };

function row(e: RegisterEntry, links: Links) {
  return html`<tr>
    <th scope="row"><a href=${links.to(`/register/${e.ref}`)}>${e.ref}</a></th>
    <td>${e.title}</td>
    <td>${e.statusText}<span class="stage">${e.stage}</span></td>
    <td>${e.route ?? '—'}</td>
    <td>${e.proposer}</td>
    <td>${e.nextDeadline ? [e.nextDeadline.label, html`<span class="stage">${e.nextDeadline.text}</span>`] : '—'}</td>
    <td><time datetime=${e.lastChange}>${e.lastChangeText}</time></td>
  </tr>`;
}

/** The list page `n` of the same search. */
const pageAt = (p: RegisterPage, links: Links, n: number): string =>
  links.to('/register', {
    status: p.query.status,
    q: p.query.text,
    page: n,
    size: p.query.size === PAGE_SIZE ? undefined : p.query.size,
  });

function pager(p: RegisterPage, links: Links) {
  const { query: q } = p;
  const at = (n: number) => pageAt(p, links, n);
  // A page past the last has no neighbours to offer: the line above it links to the last page.
  if (q.page > p.pages) return null;
  return html`<nav class="pager" aria-label="Pages">
    ${q.page > 1 ? html`<a href=${at(q.page - 1)} rel="prev">Previous page</a>` : null}
    <span>${`Page ${q.page} of ${p.pages}`}</span>
    ${q.page < p.pages ? html`<a href=${at(q.page + 1)} rel="next">Next page</a>` : null}
  </nav>`;
}

export function registerHtml(p: RegisterPage, links: Links, key: string | undefined): string {
  const q = p.query;
  const first = (q.page - 1) * q.size + 1;
  const last = first + p.entries.length - 1;
  const why =
    p.total === 0 ? 'no modifications match, so there is only page 1' : `the last page is ${p.pages}`;
  const shown =
    q.page > p.pages
      ? html`There is no page ${q.page}: ${why}. <a href=${pageAt(p, links, p.pages)}>Go to page ${p.pages}</a>.`
      : p.total === 0
        ? 'No modifications match.'
        : `Showing ${first} to ${last} of ${p.total}.`;
  // The JSON twin is this very page (its number and size); the CSV twin is every match.
  const json = links.to('/register.json', {
    status: q.status,
    q: q.text,
    page: q.page === 1 ? undefined : q.page,
    size: q.size === PAGE_SIZE ? undefined : q.size,
  });
  const csv = links.to('/register.csv', { status: q.status, q: q.text });
  return page(
    'Modification Register',
    html`<h1>Modification Register</h1>
      <form class="filters" method="get" action="/register" role="search">
        ${key ? html`<input type="hidden" name="key" value=${key} />` : null}
        <label for="status">Status</label>
        <select id="status" name="status">
          ${STATUS_FILTERS.map((s) => html`<option value=${s} selected=${s === q.status}>${FILTER_WORDS[s]}</option>`)}
        </select>
        <label for="q">Reference or title contains</label>
        <input id="q" name="q" type="search" value=${q.text ?? ''} maxlength="200" />
        <button type="submit">Show</button>
      </form>
      <p>${shown}</p>
      <table class="register">
        <caption>Modifications, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">Status and stage</th>
            <th scope="col">Route</th>
            <th scope="col">Proposer</th>
            <th scope="col">Next deadline</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          ${p.entries.map((e) => row(e, links))}
        </tbody>
      </table>
      ${pager(p, links)}
      <p class="twins">
        Also as <a href=${json}>JSON</a> (this page) and <a href=${csv}>CSV</a> (every match).
      </p>`,
    links,
  );
}
