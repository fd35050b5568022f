import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors } from "../db/schema";
import { UnauthorizedError } from "../errors";
import { GATEWAY_SERVICE, SYSTEM_ACTOR_ID, type Actor } from "./actor";
import { API_KEY_PREFIX, resolveApiKey } from "./api-key";
import { effectiveCapabilities } from "./capabilities";
import { verifyChittyAuthJwt } from "./chittyauth-jwt";
import { constantTimeEqual } from "./constant-time-equal";
import { chainProblem, loadDelegationChain } from "./delegation-record";
import { peekIssuer, verifyDelegation } from "./delegation-token";
import { resolveAlias } from "../ecosystem/reconcile/resolve-alias";

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const fail = (reason: string, actorId?: string) =>
  new UnauthorizedError("The bearer credential is not valid, has expired or was revoked", { reason, actorId });

/** The credential of a request, from `Authorization: Bearer …`; 401 when it is missing or malformed. */
export function bearerCredential(request: Request): string {
  const header = request.headers.get("authorization");
  if (!header) throw new UnauthorizedError();
  const match = BEARER.exec(header);
  if (!match) throw new UnauthorizedError("The Authorization header must be `Bearer <credential>`", { reason: "malformed" });
  return match[1]!;
}

/**
 * Resolves a bearer credential to an actor and the capabilities this credential grants, or throws 401.
 * Accepts ChittyConnect API keys, delegation tokens, ChittyAuth JWTs and the admin key. `fresh` skips caches,
 * for streams that re-check a credential they accepted earlier.
 */
export async function authenticateCredential(credential: string, env: Env, db: Database, options: { fresh?: boolean } = {}): Promise<Actor> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const actor = await resolveApiKey(env, db, credential, options);
    if (!actor) throw fail("api-key-invalid");
    return actor;
  }
  if (JWT_SHAPE.test(credential)) {
    return peekIssuer(credential) === GATEWAY_SERVICE ? fromDelegation(env, db, credential) : fromChittyAuth(env, db, credential);
  }
  const adminKey = env.CHITTYCONNECT_ADMIN_KEY;
  if (adminKey && (await constantTimeEqual(credential, adminKey))) {
    return { id: SYSTEM_ACTOR_ID, type: "system", capabilities: ["*"], credential: "admin-key", budgetOwnerId: SYSTEM_ACTOR_ID };
  }
  throw fail("unknown-credential");
}

/** Resolves the request's bearer credential (see authenticateCredential). */
export function authenticate(request: Request, env: Env, db: Database): Promise<Actor> {
  return authenticateCredential(bearerCredential(request), env, db);
}

async function fromDelegation(env: Env, db: Database, token: string): Promise<Actor> {
  // As a credential here, a delegation must have been issued to this gateway itself.
  const verified = await verifyDelegation(env, token, GATEWAY_SERVICE);
  if (!verified.ok) throw fail(`delegation-${verified.reason}`);
  // Tokens issued under a provisional id carry it as jti; once reconciled, the alias leads to the delegation.
  const chain = (await loadDelegationChain(db, verified.claims.jti)) ?? (await loadDelegationChain(db, await resolveAlias(db, verified.claims.jti)));
  if (!chain) throw fail("delegation-revoked", verified.claims.sub);
  const problem = chainProblem(chain);
  if (problem) throw fail(problem === "delegator-inactive" ? problem : `delegation-${problem}`, chain.delegator.id);
  const { delegator, delegation } = chain;
  return {
    id: delegator.id,
    type: delegator.type,
    capabilities: effectiveCapabilities(delegator.capabilities, delegation.scopes),
    credential: "delegation",
    scoped: true,
    delegationId: delegation.id,
    // Derived delegations never outlive their parents, but the chain is read anyway: the earliest expiry wins.
    expiresAt: Math.min(delegation.expiresAt, ...chain.ancestors.map((a) => a.expiresAt)),
    budgetOwnerId: delegator.budgetOwnerId ?? delegator.id,
  };
}

async function fromChittyAuth(env: Env, db: Database, token: string): Promise<Actor> {
  const verified = await verifyChittyAuthJwt(env, token);
  if (!verified) throw fail("jwt-invalid");
  // The system actor is the admin key's alone; no outside issuer may speak for it.
  if (verified.subject === SYSTEM_ACTOR_ID) throw fail("jwt-system-subject");
  const byId = (id: string) => db.select().from(actors).where(eq(actors.id, id)).limit(1);
  // A subject named by a reconciled provisional id is its actor still.
  let [actor] = await byId(verified.subject);
  if (!actor) [actor] = await byId(await resolveAlias(db, verified.subject));
  if (!actor || actor.status !== "active") throw fail("jwt-unknown-actor", verified.subject);
  return {
    id: actor.id,
    type: actor.type,
    capabilities: effectiveCapabilities(actor.capabilities, verified.scopes),
    credential: "chittyauth-jwt",
    scoped: verified.scopes !== null,
    jwtScope: verified.scopes,
    expiresAt: verified.expiresAt,
    budgetOwnerId: actor.budgetOwnerId ?? actor.id,
  };
}
