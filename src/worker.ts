import type { MiddlewareHandler } from "hono";
import { ensureMigrated } from "./db/apply-migrations";
import { routeBatch } from "./queue/route-batch";
import type { AppEnv } from "./app-env";
import { createRouter } from "./router";
import { runScheduledTasks } from "./scheduled";

/**
 * The Worker's handlers around one router. `localTools` are served ahead of authentication in the development
 * entry only (GraphiQL's 9 MB of files), so the bundle that staging and production deploy never carries them.
 */
export function createWorker(options: { localTools?: MiddlewareHandler<AppEnv>[] } = {}) {
  const router = createRouter(options);
  return {
    router,
    handlers: {
      fetch: (request, env, ctx) => router.fetch(request, env, ctx),
      // A batch or a cron run may be an isolate's first work (a webhook's ack does not migrate), so each migrates
      // first; a failure throws, and the queue retries the batch.
      queue: async (batch, env) => {
        await ensureMigrated(env);
        return routeBatch(batch, env);
      },
      scheduled: async (controller, env, ctx) => {
        ctx.waitUntil(ensureMigrated(env).then(() => runScheduledTasks(env, controller.scheduledTime)));
      },
    } satisfies ExportedHandler<Env, unknown>,
  };
}
