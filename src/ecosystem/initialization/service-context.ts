import { and, eq, isNull } from "drizzle-orm";
import pkg from "../../../package.json" with { type: "json" };
import type { Database } from "../../db/client";
import { contexts } from "../../db/schema";

/** The gateway's own context: a context of the system actor under this name. */
export const SERVICE_CONTEXT_NAME = "chittyconnect-service";
export const SERVICE_SUBJECT_TYPE = "service_context";
/** Where the gateway's ChittyAuth token is kept (TOKEN_KV): a credential, so never in D1 or in a step's detail. */
export const SERVICE_TOKEN_KEY = "chittyos:service-token";
/** What the provisioned token is for, and how long it is asked to live. */
export const SERVICE_TOKEN_SCOPE = ["chittyos:service"];
export const SERVICE_TOKEN_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** What initialization needs from the request that started it. */
export interface InitializationInput {
  /** The system actor, the service context's owner. */
  ownerId: string;
  /** The gateway's public origin, for the endpoints it registers; null when unknown (cron, queue). */
  origin: string | null;
}

/** The service context's state, as its DNA genesis hashes it and its row stores it. */
export function serviceState(chittyId: string, ownerId: string) {
  return { id: chittyId, name: SERVICE_CONTEXT_NAME, kind: "service", service: "chittyconnect", version: pkg.version, ownerId };
}

/** The live service context, if one exists. */
export async function findServiceContext(db: Database, ownerId: string) {
  const [row] = await db
    .select()
    .from(contexts)
    .where(and(eq(contexts.ownerId, ownerId), eq(contexts.name, SERVICE_CONTEXT_NAME), isNull(contexts.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** The endpoints the registry lists for the gateway. */
export function gatewayEndpoints(origin: string | null): string[] {
  return origin ? [`${origin}/graphql`, `${origin}/v1`, `${origin}/health`] : [];
}
