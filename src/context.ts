import type { Actor } from "./auth/actor";
import type { Database } from "./db/client";

/** Everything a resolver needs, built once per request and shared by GraphQL and REST. */
export interface RequestContext {
  env: Env;
  db: Database;
  actor: Actor;
  requestId: string;
  /** Aborted when the client goes away (enable_request_signal). */
  signal: AbortSignal | undefined;
  waitUntil: (promise: Promise<unknown>) => void;
}

export function createRequestContext(options: {
  env: Env;
  db: Database;
  actor: Actor;
  request: Request;
  waitUntil: (promise: Promise<unknown>) => void;
}): RequestContext {
  const { env, db, actor, request, waitUntil } = options;
  return {
    env,
    db,
    actor,
    requestId: request.headers.get("cf-ray") ?? crypto.randomUUID(),
    signal: request.signal,
    waitUntil,
  };
}
