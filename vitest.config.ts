import { generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";
import { writeWranglerConfigCopy } from "./scripts/wrangler-config-copy.mjs";

// A throwaway App key for this run only, PKCS#1 like the keys GitHub issues; the fake GitHub checks
// App JWTs against its public half. Nothing real is ever signed with it.
const appKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

// wrangler.toml's consumers, each waiting 50 ms instead of 1 s to fill a batch: the integration tests follow a delivery
// through two or three queues, and a second per hop was most of their running time. Size, retries and dead-letter
// queues stay as configured (Miniflare replaces a consumer's options whole, so they are copied over).
type WranglerQueueConsumer = { queue: string; max_batch_size?: number; max_retries?: number; dead_letter_queue?: string };

function quickQueueConsumers() {
  const { queues } = unstable_readConfig({ config: path.join(import.meta.dirname, "wrangler.toml") });
  return Object.fromEntries(
    (queues.consumers ?? []).map((consumer: WranglerQueueConsumer) => [
      consumer.queue,
      {
        maxBatchSize: consumer.max_batch_size,
        maxBatchTimeout: 0.05,
        maxRetries: consumer.max_retries,
        deadLetterQueue: consumer.dead_letter_queue,
      },
    ]),
  );
}

// The unit files share one runtime (below), so nothing may run in it in the background: a message one file's
// handler sends would otherwise be delivered to the worker's consumer later, while another file's fake GitHub is
// installed, and use that file's scripted answers. Unit tests run consumers themselves (test/fixtures/queue/consume.ts),
// so their runtime's queues keep what is sent and deliver nothing.
function unitWranglerConfig() {
  return writeWranglerConfigCopy(
    path.join(import.meta.dirname, "wrangler.toml"),
    path.join(import.meta.dirname, "node_modules/.cache/chittyconnect-tests/unit.wrangler.json"),
    { withoutQueueConsumers: true },
  );
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  /** The runtime every workerd test file gets: real local D1, KV and Queues from a wrangler config, test secrets. */
  const workersRuntime = (configPath: string, queueConsumers?: ReturnType<typeof quickQueueConsumers>) =>
    cloudflareTest({
      wrangler: { configPath },
      miniflare: {
        ...(queueConsumers ? { queueConsumers } : {}),
        // A smaller per-actor budget than wrangler.toml's 600/min, so the rate-limit test stays quick; a larger
        // per-address one, since every test request comes from the same (absent) address.
        ratelimits: {
          ACTOR_RATE_LIMITER: { simple: { limit: 300, period: 60 } },
          IP_RATE_LIMITER: { simple: { limit: 20_000, period: 60 } },
        },
        bindings: {
          TEST_MIGRATIONS: migrations,
          // Test-only secrets; real ones come from .dev.vars or `wrangler secret put`.
          CHITTYCONNECT_ADMIN_KEY: "test-admin-key-0123456789abcdef",
          DELEGATION_SIGNING_SECRET: "test-delegation-secret-0123456789abcdef0123",
          // ChittyAuth is "configured" against a JWKS URL that tests answer by intercepting fetch.
          CHITTY_AUTH_JWKS_URL: "https://auth.chitty.test/.well-known/jwks.json",
          CHITTY_AUTH_ISSUER: "https://auth.chitty.test",
          CHITTY_AUTH_AUDIENCE: "chittyconnect",
          GITHUB_WEBHOOK_SECRET: "test-webhook-secret-do-not-use-anywhere",
          GITHUB_STATE_SECRET: "test-state-secret-0123456789abcdef-0123456789",
          GITHUB_APP_ID: "424242",
          GITHUB_APP_PRIVATE_KEY: appKey.privateKey,
          TEST_GITHUB_APP_PUBLIC_KEY: appKey.publicKey,
          // A GHES-shaped root: the fake GitHub in test/fakes answers it, nothing leaves the machine.
          GITHUB_API_URL: "https://github.test/api/v3",
        },
      },
    });
  return {
    test: {
      setupFiles: ["./test/apply-migrations.ts"],
      // workerd asks the pool for each node_modules file one round trip at a time, before every test file; bundling
      // the dependencies once (Vite's SSR optimizer) turns hundreds of those into a few. graphql is bundled once,
      // with everything that imports it, so the single-copy rule the production bundle keeps holds here too.
      deps: {
        optimizer: {
          ssr: {
            enabled: true,
            include: [
              "graphql", "graphql-yoga", "graphql-scalars", "@pothos/core", "@pothos/plugin-relay", "@pothos/plugin-zod", "@pothos/plugin-dataloader",
              "@escape.tech/graphql-armor-cost-limit", "@escape.tech/graphql-armor-max-aliases", "@escape.tech/graphql-armor-max-depth", "@escape.tech/graphql-armor-max-tokens",
              "@graphql-yoga/plugin-csrf-prevention", "@graphql-yoga/plugin-disable-introspection",
              // Every subpath the code imports too: a package bundled without its subpath leaves two copies of its classes.
              "hono", "hono/body-limit", "hono/cookie", "hono/cors", "hono/html", "hono/http-exception", "hono/utils/html", "hono/utils/http-status",
              "@hono/zod-openapi", "zod", "drizzle-orm", "drizzle-orm/d1", "drizzle-orm/sqlite-core", "jose", "yaml", "marked", "p-limit", "picomatch", "stemmer", "dataloader",
              "@octokit/graphql", "@octokit/request", "@octokit/request-error", "@octokit/webhooks", "@octokit/webhooks-methods",
            ],
          },
        },
      },
      // Only these run in workerd: test/node runs under Node (vitest.node.config.ts), test/bundle against the bundle
      // (vitest.bundle.config.ts), test/browser drives Chromium from Node (vitest.browser.config.ts). Loading the
      // browser test into workerd crashed the runtime (signal 11), which is what failed every full run.
      projects: [
        // Unit files share one runtime and its module cache: each file would otherwise pay ~5 s to start workerd
        // and load src/ again, which was most of CI's time. They call handlers directly, their runtime delivers no
        // queue message (unitWranglerConfig), and they use unique ids, so no file sees what another did; they pass
        // in shuffled orders too.
        {
          extends: true as const,
          plugins: [workersRuntime(unitWranglerConfig())],
          test: { name: "unit", include: ["test/unit/**/*.test.ts"], isolate: false },
        },
        // Integration files keep a runtime each: their webhooks go through the real queues to the consumers and on to
        // background jobs, which in a shared runtime kept retrying against later files' fakes.
        {
          extends: true as const,
          plugins: [workersRuntime("./wrangler.toml", quickQueueConsumers())],
          test: { name: "integration", include: ["test/integration/**/*.test.ts"] },
        },
      ],
      // Requests through the pool's loopback slow down under coverage on two cores; none of this is a timing assertion.
      testTimeout: 30_000,
      // Spies on globals (fetch, console) are restored after every test, so no fake GitHub or JWKS outlives its test.
      restoreMocks: true,
      coverage: {
        provider: "istanbul" as const,
        include: ["src/**/*.ts"],
        reporter: ["text-summary", "json-summary"],
      },
    },
  };
});
