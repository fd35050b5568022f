import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Miniflare, type WorkerOptions } from "miniflare";
import {
  applyConfigMigrations,
  buildBundle,
  servingOptions,
  sharedMiniflareOptions,
  workerOptionsFrom,
} from "../../scripts/miniflare/bundled-worker.mjs";
import { BUNDLE_VARIANTS, type BundleVariant, type BundleVariantOptions } from "./variants";

/** What the global setup hands to the test files (it crosses a process boundary, so plain data only). */
export interface BundleInfo {
  /** Origin of each variant, e.g. `http://127.0.0.1:40123`. */
  urls: Record<BundleVariant, string>;
  /** Where the bundle, its source map and the build log are. */
  outdir: string;
  /** The secrets every variant was given, fresh for this run. */
  secrets: Record<string, string>;
}

export interface BundledWorker extends BundleInfo {
  stop(): Promise<void>;
}

// Every request of a run comes from the admin actor; wrangler.toml's 600/min would make the suite's size
// a cause of 429s. The limiter still runs on every request. Rate limiting is tested in the workerd pool.
const RUN_RATE_LIMIT = 1_000_000;

/** Fresh per run, like the bench's: nothing here is a real secret, and nothing is read from .dev.vars. */
function testSecrets(): Record<string, string> {
  const appKey = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return {
    CHITTYCONNECT_ADMIN_KEY: `bundle_${randomBytes(24).toString("base64url")}`,
    DELEGATION_SIGNING_SECRET: randomBytes(32).toString("base64url"),
    GITHUB_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
    GITHUB_STATE_SECRET: randomBytes(32).toString("base64url"),
    GITHUB_APP_ID: "424242",
    GITHUB_APP_PRIVATE_KEY: appKey.privateKey,
  };
}

// The runs are offline: a request that would leave the machine gets an answer that says so instead of hanging.
const refuseOutbound = (request: Request) =>
  new Response(`bundle tests are offline; the worker tried to fetch ${request.url}`, { status: 502 });

function variantWorker(base: WorkerOptions & { name: string }, variant: string, options: BundleVariantOptions, extra: WorkerOptions) {
  const primary = variant === "default";
  return {
    ...base,
    ...extra,
    name: primary ? base.name : `${base.name}-${variant}`,
    bindings: { ...base.bindings, ...extra.bindings, ...options.vars },
    queueConsumers: primary ? base.queueConsumers : undefined,
    d1Databases: options.unmigratedDatabase
      ? Object.fromEntries(Object.keys(base.d1Databases ?? {}).map((binding) => [binding, { id: `unmigrated-${variant}-${binding}` }]))
      : base.d1Databases,
  } satisfies WorkerOptions;
}

/**
 * Builds the Worker as `npm run build` does and serves that bundle from workerd through Miniflare, once per
 * variant (test/bundle/variants.ts), with wrangler.toml's bindings, migrated D1 and test secrets.
 */
export async function startBundledWorker(root: string): Promise<BundledWorker> {
  const dir = await mkdtemp(path.join(tmpdir(), "chittyconnect-bundle-"));
  let mf: Miniflare | undefined;
  const stop = async () => {
    await mf?.dispose().catch(() => {});
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  try {
    const configPath = path.join(root, "wrangler.toml");
    const outdir = path.join(dir, "dist");
    const scriptPath = await buildBundle({
      root,
      configPath,
      outdir,
      logFile: path.join(dir, "build.log"),
      env: { WRANGLER_LOG_PATH: path.join(dir, "wrangler-logs") },
    });
    const { config, options } = workerOptionsFrom(configPath);
    const secrets = testSecrets();
    const extra: WorkerOptions = {
      ...servingOptions(scriptPath),
      bindings: secrets,
      outboundService: refuseOutbound,
      ratelimits: Object.fromEntries(
        Object.keys(options.ratelimits ?? {}).map((name) => [name, { simple: { limit: RUN_RATE_LIMIT, period: 60 as const } }]),
      ),
    };
    const variants = Object.entries(BUNDLE_VARIANTS) as [BundleVariant, BundleVariantOptions][];
    const workers = variants.map(([variant, variantOptions]) => variantWorker(options, variant, variantOptions, extra));
    mf = new Miniflare({ ...sharedMiniflareOptions(), workers });
    try {
      await mf.ready;
    } catch (error) {
      throw new Error(`workerd did not start the bundled worker (${scriptPath}): ${(error as Error).message}`, { cause: error });
    }
    // Variants share the default's database (same id in one Miniflare), so one application migrates them all.
    await applyConfigMigrations(mf, config, workers[0]!.name);
    const urls = Object.fromEntries(
      await Promise.all(variants.map(async ([variant], i) => [variant, (await mf!.unsafeGetDirectURL(workers[i]!.name)).origin])),
    ) as Record<BundleVariant, string>;
    return { urls, outdir, secrets, stop };
  } catch (error) {
    // The scratch directory stays: the error names its build log.
    await mf?.dispose().catch(() => {});
    throw new Error(`${(error as Error).message}\n(scratch directory kept: ${dir})`, { cause: error });
  }
}
