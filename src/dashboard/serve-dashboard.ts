import type { MiddlewareHandler } from "hono";
import { enforceIpRateLimit } from "../auth/ip-rate-limit";
import type { AppEnv } from "../app-env";
import { DASHBOARD_ASSET_BASE, renderDashboardPage } from "./dashboard-page";
import { DASHBOARD_SCRIPT, DASHBOARD_STYLES } from "./generated/dashboard-assets";

/**
 * Scripts and styles only from this origin and never inline; data only from this origin (GraphQL, /health); no
 * frames, forms or base rewrites. uPlot styles its elements through the DOM (element.style), which CSP allows.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = { "content-security-policy": DASHBOARD_CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
const ASSETS: Record<string, { type: string; body: string }> = {
  "dashboard.js": { type: "text/javascript; charset=utf-8", body: DASHBOARD_SCRIPT },
  "dashboard.css": { type: "text/css; charset=utf-8", body: DASHBOARD_STYLES },
};

/**
 * GET /dashboard and its two versioned files: public like /health (the page holds no data; every data call
 * carries the user's key), drawing on the caller's address budget. A middleware ahead of authentication;
 * anything else passes on.
 */
export const serveDashboard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const path = c.req.path;
  if (c.req.method !== "GET" || !(path === "/dashboard" || path.startsWith(DASHBOARD_ASSET_BASE))) return next();
  await enforceIpRateLimit(c.env, c.req.raw);
  if (path === "/dashboard") {
    return new Response(renderDashboardPage(), { headers: { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" } });
  }
  const asset = ASSETS[path.slice(DASHBOARD_ASSET_BASE.length)];
  if (!asset) return next();
  return new Response(asset.body, { headers: { ...SECURITY_HEADERS, "content-type": asset.type, "cache-control": "public, max-age=31536000, immutable" } });
};
