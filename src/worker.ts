import type { MiddlewareHandler } from "hono";
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
      queue: (batch, env) => routeBatch(batch, env),
      scheduled: async (controller, env, ctx) => {
        ctx.waitUntil(runScheduledTasks(env, controller.scheduledTime));
      },
    } satisfies ExportedHandler<Env, unknown>,
  };
}
