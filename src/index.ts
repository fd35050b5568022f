import { routeBatch } from "./queue/route-batch";
import { router } from "./router";

export default {
  fetch: (request, env, ctx) => router.fetch(request, env, ctx),
  queue: (batch, env) => routeBatch(batch, env),
} satisfies ExportedHandler<Env, unknown>;
