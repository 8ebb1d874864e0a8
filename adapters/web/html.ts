// The register's HTML (R82): preact elements written as htm tagged templates (plain .ts, no JSX, so the
// sources also run under Node's type stripping) and rendered to a string on the server. The renderer
// escapes every interpolated value, in text and in attributes: a title typed as `<script>` is shown as
// those characters (R44). Nothing here concatenates HTML by hand.
import { html as preactHtml } from 'htm/preact';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { commandsOnEither } from '../../src/views/hints.ts';

/** htm bound to preact's `h`. A template with several top-level elements gives them as an array. */
export const html = preactHtml as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;

/** Where the pages link to, with the register key (when there is one) carried along. */
export interface Links {
  /** A register path with its query, keeping the key. */
  to(path: string, query?: Record<string, string | number | undefined>): string;
}

export function linksWith(key: string | undefined): Links {
  return {
    to(path, query = {}) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
      if (key) params.set('key', key);
      const q = params.toString();
      return q ? `${path}?${q}` : path;
    },
  };
}

/** Only a web address becomes a link; anything else (`javascript:`, `data:`) stays text (R44). */
export function safeHref(link: string): string | undefined {
  try {
    const u = new URL(link);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A page of the register. With `links` (a page the reader may move on from), the site name in the
 * header links to the register's first page, keeping the key.
 */
export function page(title: string, body: VNode, links?: Links): string {
  const doc = html`<html lang="en-GB">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      <link rel="stylesheet" href="/register.css" />
    </head>
    <body>
      <a class="skip" href="#main">Skip to the content</a>
      <header class="site">
        <p class="site-name">
          ${links ? html`<a href=${links.to('/register')}>SEC Modification Register</a>` : 'SEC Modification Register'}
        </p>
      </header>
      <main id="main">${body}</main>
      <footer class="site">
        <p>
          Read-only. Times are London time; Working Days exclude weekends and bank holidays in England and
          Wales.
        </p>
      </footer>
    </body>
  </html>`;
  // A page does not know which chat its reader uses: a command it names reads in the form of each
  // (src/views/hints.ts). The marks and those words hold no markup, so the escaped page can take them.
  return commandsOnEither(`<!doctype html>\n${renderToString(doc)}`);
}

/**
 * A short page for a refusal (400, 403, 404): what happened and what to do, nothing more. With `links`
 * it is no dead end: "Back to the register" opens the first page (keeping the key). A refused key gets
 * none: the register would refuse it again, and the page says how to get a new link.
 */
export function notice(title: string, text: string | VNode, links?: Links): string {
  return page(
    title,
    html`<h1>${title}</h1>
      <p>${text}</p>
      ${links ? html`<p><a href=${links.to('/register')}>Back to the register</a></p>` : null}`,
    links,
  );
}
