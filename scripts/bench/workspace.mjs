import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeBenchWranglerConfig } from "./bench-wrangler-config.mjs";
import { onCleanup, onExitSync } from "./cleanup.mjs";

/**
 * @typedef {object} Workspace
 * @property {string} root Repository root (where wrangler.toml is).
 * @property {string} dir Scratch directory for the generated config, state, bundles, logs and temp files.
 * @property {string} configPath The gateway's generated wrangler.json, served by both modes.
 * @property {string} ackOnlyConfigPath The gateway's config with its queue consumers left out: the webhook ack measured
 *   without the consumer's work on the same cores, like the floor's references, whose queues have no consumer either.
 * @property {string} floorConfigPath The floor worker's generated wrangler.json.
 * @property {Record<string, string> & { GITHUB_WEBHOOK_SECRET: string }} secrets Secrets the gateway gets in both modes (no .dev.vars is read).
 * @property {string} adminKey Throwaway CHITTYCONNECT_ADMIN_KEY for this run only.
 * @property {() => void} keep Keeps `dir` at exit, so the server logs of a failed run can be read.
 */

/**
 * Creates the run's scratch directory, config and key, so no bench state lands in .wrangler/ or .dev.vars.
 * @param {string} root
 * @returns {Promise<Workspace>}
 */
export async function createWorkspace(root) {
  const dir = mkdtempSync(path.join(tmpdir(), "chittyconnect-bench-"));
  // Miniflare (ours and the one inside each wrangler child) makes its own temp directories and removes
  // them in the background, or not at all when killed; under TMPDIR they go when `dir` goes.
  process.env.TMPDIR = path.join(dir, "tmp");
  mkdirSync(process.env.TMPDIR);
  let kept = false;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    if (kept) console.error(`bench: server logs kept in ${dir}`);
    // Retries cover workerd processes that were just killed and are still closing their files.
    else rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  onExitSync(finish);
  onCleanup(finish);
  const adminKey = `bench_${randomBytes(24).toString("base64url")}`;
  // A throwaway App key for the event-pipeline measure, whose fake GitHub issues installation tokens for it.
  // PKCS#1 as GitHub issues it, with literal \n so it fits one `--var` argument (private-key.ts accepts that).
  const appKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  return {
    root,
    dir,
    configPath: await writeBenchWranglerConfig(path.join(root, "wrangler.toml"), path.join(dir, "gateway.wrangler.json")),
    ackOnlyConfigPath: await writeBenchWranglerConfig(path.join(root, "wrangler.toml"), path.join(dir, "gateway-ack-only.wrangler.json"), {
      withoutQueueConsumers: true,
    }),
    floorConfigPath: await writeBenchWranglerConfig(path.join(root, "bench/floor.wrangler.toml"), path.join(dir, "floor.wrangler.json")),
    secrets: {
      CHITTYCONNECT_ADMIN_KEY: adminKey,
      DELEGATION_SIGNING_SECRET: randomBytes(32).toString("base64url"),
      GITHUB_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
      GITHUB_STATE_SECRET: randomBytes(32).toString("base64url"),
      GITHUB_APP_ID: "424242",
      GITHUB_APP_PRIVATE_KEY: appKey.privateKey.trim().replaceAll("\n", "\\n"),
    },
    adminKey,
    keep: () => {
      kept = true;
    },
  };
}
