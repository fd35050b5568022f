import type { Actor } from "../auth/actor";
import type { RequestContext } from "../context";
import { StreamEndedError, UnauthorizedError, type StreamEnd } from "../errors";

function endFor(reason: string): StreamEnd {
  if (reason.endsWith("expired")) return "CREDENTIAL_EXPIRED";
  if (reason === "delegator-inactive" || reason === "jwt-unknown-actor") return "ACTOR_INACTIVE";
  return "CREDENTIAL_REVOKED";
}

const sameCapabilities = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

/**
 * Checks, during a stream, that the credential it was opened with still stands as it did: not revoked, expired or
 * narrowed, and its actor still active. Throws the stream's final error otherwise. Answers up to `maxAgeMs` old
 * are shared between streams of the same credential.
 */
export async function requireCredentialStillValid(ctx: RequestContext, maxAgeMs: number, now = Date.now()): Promise<Actor> {
  if (ctx.actor.expiresAt !== undefined && ctx.actor.expiresAt <= now) {
    throw new StreamEndedError("CREDENTIAL_EXPIRED", "the credential expired");
  }
  let actor: Actor;
  try {
    actor = await ctx.reauthenticate(maxAgeMs);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    const end = endFor(error.audit.reason);
    const what = { CREDENTIAL_EXPIRED: "the credential expired", ACTOR_INACTIVE: "its actor was suspended or revoked", CREDENTIAL_REVOKED: "the credential was revoked, or its actor suspended", CREDENTIAL_CHANGED: "" }[end];
    throw new StreamEndedError(end, what);
  }
  if (actor.id !== ctx.actor.id || !sameCapabilities(actor.capabilities, ctx.actor.capabilities)) {
    throw new StreamEndedError("CREDENTIAL_CHANGED", "what the credential may do changed");
  }
  return actor;
}
