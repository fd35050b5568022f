import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The project's own wrangler, run by node directly: no npx wrapper process between us and its process group. */
export const WRANGLER_BIN = require.resolve("wrangler/bin/wrangler.js");

/**
 * Environment for every wrangler child: no telemetry, no network lookups, and a private dev registry
 * so these servers never bind to (or get bound by) a `wrangler dev` someone else is running.
 * @param {string} scratchDir
 * @returns {NodeJS.ProcessEnv}
 */
export function wranglerEnv(scratchDir) {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_REGISTRY_PATH: path.join(scratchDir, "registry"),
    WRANGLER_LOG_PATH: path.join(scratchDir, "wrangler-logs"),
    // Skips interactive confirmations such as the one `d1 migrations apply` asks for.
    CI: "true",
    FORCE_COLOR: "0",
  };
}
