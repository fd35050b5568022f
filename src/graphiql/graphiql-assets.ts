import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { GRAPHIQL_ASSET_BASE } from "./graphiql-paths";

const decodeBase64 = (data: string) => Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
const JS = "text/javascript; charset=utf-8";
type Assets = typeof import("@graphql-yoga/render-graphiql/graphiql");

/** GraphiQL's own files, served by this Worker from the npm package bundled into it: no CDN, works offline. */
const ASSETS: Record<string, { type: string; body: (assets: Assets) => BodyInit }> = {
  "graphiql.js": { type: JS, body: (a) => a.js },
  "graphiql.css": { type: "text/css; charset=utf-8", body: (a) => a.css },
  "favicon.ico": { type: "image/x-icon", body: (a) => decodeBase64(a.favicon.replace(/^data:[^,]*;base64,/, "")) },
  "editorWorkerService.worker.js": { type: JS, body: (a) => a.editorWorkerService },
  "json.worker.js": { type: JS, body: (a) => a.jsonWorker },
  "graphql.worker.js": { type: JS, body: (a) => a.graphqlWorker },
};

/**
 * GET /graphiql/<version>/<file>: GraphiQL's scripts, styles and icon, public like the page and, like it,
 * development only. A middleware ahead of authentication (as /health is public); anything else passes on.
 */
export const serveGraphiqlAssets: MiddlewareHandler<AppEnv> = async (c, next) => {
  const path = c.req.path;
  const asset = path.startsWith(GRAPHIQL_ASSET_BASE) ? ASSETS[path.slice(GRAPHIQL_ASSET_BASE.length)] : undefined;
  if (!asset || c.req.method !== "GET" || c.env.ENVIRONMENT !== "development") return next();
  // Loaded on first use: 9 MB of strings that no other request needs (and too big for vitest-pool-workers'
  // module transport, so the workerd-pool tests never import it; test/bundle serves it).
  const assets = await import("@graphql-yoga/render-graphiql/graphiql");
  return new Response(asset.body(assets), {
    headers: { "content-type": asset.type, "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
  });
};
