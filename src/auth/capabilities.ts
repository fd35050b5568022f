import { ForbiddenError } from "../errors";
import type { Actor } from "./actor";

/** Every capability the gateway checks. `*` (the system actor's) grants all of them. */
export const CAPABILITIES = [
  "contexts:read",
  "contexts:write",
  "actors:admin",
  "connections:read",
  "connections:write",
  "delegate",
  "github:admin",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function hasCapability(actor: Actor, capability: Capability): boolean {
  return actor.capabilities.includes("*") || actor.capabilities.includes(capability);
}

/** Throws 403 unless the actor holds the capability; resolvers call this so REST and GraphQL share one rule. */
export function requireCapability(actor: Actor, capability: Capability): void {
  if (!hasCapability(actor, capability)) {
    throw new ForbiddenError(`This operation needs the ${capability} capability`);
  }
}

/** Admins see everything; everyone else sees only what they own. */
export function canAccessOwned(actor: Actor, ownerId: string): boolean {
  return actor.id === ownerId || hasCapability(actor, "actors:admin");
}
