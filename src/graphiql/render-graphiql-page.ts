import type { GraphiQLOptions } from "graphql-yoga";
import { html, raw } from "hono/html";
import { GRAPHIQL_ASSET_BASE, GRAPHIQL_WORKER_LABELS } from "./graphiql-paths";

// Inside <script>, "</script>" or "<!--" in a JSON string would end or derail the element.
const scriptJson = (value: unknown) => raw(JSON.stringify(value).replaceAll("<", "\\u003c"));

const workerUrls = Object.fromEntries(GRAPHIQL_WORKER_LABELS.map((label) => [label, `${GRAPHIQL_ASSET_BASE}${label}.worker.js`]));

const STYLE = `html,body{height:100%;margin:0}body{display:flex;flex-direction:column}#root{flex:1;min-height:0}
.note{font:14px/1.4 system-ui,sans-serif;margin:0;padding:.4rem .8rem;background:#fff8c5;border-bottom:1px solid #d4a72c}`;

/**
 * Yoga's GraphiQL page, with every script, style and worker served by this Worker (graphiql-assets.ts)
 * instead of the CDN that Yoga's default page loads, so it works with no network. Adapted from
 * @graphql-yoga/render-graphiql's renderGraphiQL, which inlines the same assets into one 9 MB page.
 * `note` is shown above the editor.
 */
export function renderGraphiqlPage({ note, ...graphiql }: GraphiQLOptions & { note?: string }): string {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${graphiql.title ?? "GraphiQL"}</title>
    <link rel="icon" href="${GRAPHIQL_ASSET_BASE}favicon.ico" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSET_BASE}graphiql.css" />
    <style>${raw(STYLE)}</style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    ${note ? html`<p class="note" id="key-note">${note}</p>` : ""}
    <div id="root"></div>
    <script>
      const workerUrls = ${scriptJson(workerUrls)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workerUrls[label] };
    </script>
    <script src="${GRAPHIQL_ASSET_BASE}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector("#root"), ${scriptJson(graphiql)});
    </script>
  </body>
</html>`.toString();
}
