import { router } from "./router";
import { runScheduledTasks } from "./scheduled";

export default {
  fetch: (request, env, ctx) => router.fetch(request, env, ctx),
  scheduled: async (controller, env, ctx) => {
    ctx.waitUntil(runScheduledTasks(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
