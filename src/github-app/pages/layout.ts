import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../app-env";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
code,pre,textarea{font:13px ui-monospace,monospace}pre,textarea{background:#f6f8fa;padding:.75rem;overflow:auto;width:100%;box-sizing:border-box}
button{font-size:1rem;padding:.5rem 1rem;cursor:pointer}.next{border-left:4px solid #0969da;padding-left:1rem}`;

/**
 * An HTML page of the GitHub setup flows; values are escaped by hono/html. Pages are never cached
 * or indexed: some carry one-time secrets or state.
 */
export function renderPage(c: Context<AppEnv>, title: string, body: Html, status: ContentfulStatusCode = 200) {
  c.header("cache-control", "no-store");
  c.header("referrer-policy", "no-referrer");
  c.header("x-robots-tag", "noindex");
  c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action https: http:; base-uri 'none'; frame-ancestors 'none'");
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} · ChittyConnect</title>
          <style>${raw(STYLE)}</style>
        </head>
        <body>
          <h1>${title}</h1>
          ${body}
        </body>
      </html>`,
    status,
  );
}
