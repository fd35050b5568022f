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
  /**
   * Authenticates this request's credential again, from D1: long-lived streams call it every poll cycle so that
   * a revoked, suspended or expired credential ends them. Answers up to `maxAgeMs` old may be shared.
   */
  reauthenticate: (maxAgeMs: number) => Promise<Actor>;
}

export function createRequestContext(options: {
  env: Env;
  db: Database;
  actor: Actor;
  request: Request;
  waitUntil: (promise: Promise<unknown>) => void;
  reauthenticate: (maxAgeMs: number) => Promise<Actor>;
}): RequestContext {
  const { env, db, actor, request, waitUntil, reauthenticate } = options;
  return {
    env,
    db,
    actor,
    requestId: request.headers.get("cf-ray") ?? crypto.randomUUID(),
    signal: request.signal,
    waitUntil,
    reauthenticate,
  };
}
