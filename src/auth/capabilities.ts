import { ForbiddenError } from "../errors";
import type { Actor } from "./actor";

/** The capabilities an actor can be given. `*` (the system actor's) grants all of them. */
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

/**
 * What an actor may do to itself (and to the actors it registered): manage API keys, and change actors.
 * Nobody is given these; every full credential (an API key, the admin key, a ChittyAuth JWT without a scope)
 * carries them, while a delegation or a scoped JWT has one only when its scope names it. That is what keeps a
 * narrow token from minting an unscoped key or reactivating what it may not touch.
 */
export const CREDENTIAL_CAPABILITIES = ["keys:manage", "actors:manage"] as const;

/** Every name a delegation or a JWT scope may carry. */
export const SCOPES = [...CAPABILITIES, ...CREDENTIAL_CAPABILITIES] as const;
export type Capability = (typeof SCOPES)[number];

const isScope = (name: string): name is Capability => (SCOPES as readonly string[]).includes(name);

/**
 * The one rule for what a request may do: the actor's capabilities plus the credential capabilities, narrowed
 * by the credential's scope when it has one (null: a full credential). Unknown scope names grant nothing.
 */
export function effectiveCapabilities(held: readonly string[], scope: readonly string[] | null): string[] {
  if (held.includes("*")) return scope === null ? ["*"] : [...new Set(scope.filter(isScope))];
  const full = [...held, ...CREDENTIAL_CAPABILITIES];
  return scope === null ? full : [...new Set(scope.filter((name) => full.includes(name)))];
}

export function hasCapability(actor: Actor, capability: Capability): boolean {
  return actor.capabilities.includes("*") || actor.capabilities.includes(capability);
}

/** Throws 403 unless the request's credential grants the capability; resolvers call this so REST and GraphQL share one rule. */
export function requireCapability(actor: Actor, capability: Capability): void {
  if (!hasCapability(actor, capability)) {
    const scoped = actor.credential === "delegation" || actor.scoped;
    throw new ForbiddenError(
      scoped
        ? `This operation needs the ${capability} capability, which this credential's scope does not include`
        : `This operation needs the ${capability} capability`,
    );
  }
}

export const isAdmin = (actor: Actor) => hasCapability(actor, "actors:admin");

/** Admins see everything; everyone else sees only what they own. */
export function canAccessOwned(actor: Actor, ownerId: string | null): boolean {
  return actor.id === ownerId || isAdmin(actor);
}

/**
 * What the request may do and to whom, in one check: the credential must grant `capability`, and the resource
 * must be the caller's own (or the caller an administrator). Every resolver that touches an owned resource goes
 * through here, so checking who without checking what cannot happen.
 */
export function authorize(actor: Actor, capability: Capability, owner: { id: string | null; what: string }): void {
  requireCapability(actor, capability);
  if (!canAccessOwned(actor, owner.id)) throw new ForbiddenError(`${owner.what} belongs to another actor`);
}

/** Nobody can hand out a capability their credential does not hold (registration, updates, delegation, acting through a child). */
export function requireGrantable(actor: Actor, requested: readonly string[]): void {
  const missing = requested.filter((c) => !actor.capabilities.includes("*") && !actor.capabilities.includes(c));
  if (missing.length > 0) throw new ForbiddenError(`You cannot grant capabilities you do not hold: ${missing.join(", ")}`);
}
