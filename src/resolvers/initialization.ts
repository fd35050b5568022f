import { SYSTEM_ACTOR_ID } from "../auth/actor";
import type { Database } from "../db/client";
import type { CallOptions } from "../ecosystem/http/call-service";
import { runInitialization } from "../ecosystem/initialization/run-initialization";

/**
 * Runs the gateway's own initialization (src/ecosystem/initialization) for the system actor, which owns the
 * service context; `origin` is the public origin the registry lists, null when no request tells it (queue, cron).
 */
export function initializeGateway(
  env: Env,
  db: Database,
  origin: string | null,
  options: CallOptions & { waitUntil: (promise: Promise<unknown>) => void },
) {
  return runInitialization(env, db, { ownerId: SYSTEM_ACTOR_ID, origin }, options);
}
