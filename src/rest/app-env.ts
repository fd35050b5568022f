import type { RequestContext } from "../context";

/** Hono's typing of our app: the Worker env as bindings, and the per-request context. */
export interface AppEnv {
  Bindings: Env;
  Variables: { ctx: RequestContext };
}
