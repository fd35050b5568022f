import { routeBatch } from "./queue/route-batch";
import { router } from "./router";
import { runScheduledTasks } from "./scheduled";

export default {
  fetch: (request, env, ctx) => router.fetch(request, env, ctx),
  queue: (batch, env) => routeBatch(batch, env),
  scheduled: async (controller, env, ctx) => {
    ctx.waitUntil(runScheduledTasks(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env, unknown>;
