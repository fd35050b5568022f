import { ForbiddenError } from "../errors";
import type { Actor } from "./actor";

/** Every capability the gateway checks. `*` (the system actor's) grants all of them. */
export const CAPABILITIES = [
  "contexts:read",
  "contexts:write",
  "actors:register",
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

export const isAdmin = (actor: Actor) => hasCapability(actor, "actors:admin");

/** Admins see everything; everyone else sees only what they own. */
export function canAccessOwned(actor: Actor, ownerId: string | null): boolean {
  return actor.id === ownerId || isAdmin(actor);
}

/** Throws 403 unless the actor owns the resource or is an administrator. */
export function requireOwnership(actor: Actor, ownerId: string | null, what: string): void {
  if (!canAccessOwned(actor, ownerId)) throw new ForbiddenError(`${what} belongs to another actor`);
}

/** Nobody can hand out a capability they do not hold themselves (registration, updates, delegation). */
export function requireGrantable(actor: Actor, requested: readonly string[]): void {
  const missing = requested.filter((c) => !actor.capabilities.includes("*") && !actor.capabilities.includes(c));
  if (missing.length > 0) throw new ForbiddenError(`You cannot grant capabilities you do not hold: ${missing.join(", ")}`);
}
