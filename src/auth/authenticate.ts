import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors } from "../db/schema";
import { UnauthorizedError } from "../errors";
import { GATEWAY_SERVICE, SYSTEM_ACTOR_ID, type Actor } from "./actor";
import { API_KEY_PREFIX, resolveApiKey } from "./api-key";
import { verifyChittyAuthJwt } from "./chittyauth-jwt";
import { constantTimeEqual } from "./constant-time-equal";
import { loadDelegationWithDelegator } from "./delegation-record";
import { peekIssuer, verifyDelegation } from "./delegation-token";

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const fail = (reason: string, actorId?: string) =>
  new UnauthorizedError("The bearer credential is not valid, has expired or was revoked", { reason, actorId });

/** Only capabilities both granted by the credential and still held by its actor. */
const narrow = (held: readonly string[], granted: readonly string[]) =>
  held.includes("*") ? [...granted] : granted.filter((c) => held.includes(c));

/**
 * Resolves the request's bearer credential to an actor, or throws 401 before anything runs.
 * Accepts ChittyConnect API keys, delegation tokens, ChittyAuth JWTs and the admin key.
 */
export async function authenticate(request: Request, env: Env, db: Database): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (!header) throw new UnauthorizedError();
  const match = BEARER.exec(header);
  if (!match) throw new UnauthorizedError("The Authorization header must be `Bearer <credential>`", { reason: "malformed" });
  const credential = match[1]!;

  if (credential.startsWith(API_KEY_PREFIX)) {
    const actor = await resolveApiKey(env, db, credential);
    if (!actor) throw fail("api-key-invalid");
    return actor;
  }
  if (JWT_SHAPE.test(credential)) {
    return peekIssuer(credential) === GATEWAY_SERVICE ? fromDelegation(env, db, credential) : fromChittyAuth(env, db, credential);
  }
  const adminKey = env.CHITTYCONNECT_ADMIN_KEY;
  if (adminKey && (await constantTimeEqual(credential, adminKey))) {
    return { id: SYSTEM_ACTOR_ID, type: "system", capabilities: ["*"], credential: "admin-key" };
  }
  throw fail("unknown-credential");
}

async function fromDelegation(env: Env, db: Database, token: string): Promise<Actor> {
  // As a credential here, a delegation must have been issued to this gateway itself.
  const verified = await verifyDelegation(env, token, GATEWAY_SERVICE);
  if (!verified.ok) throw fail(`delegation-${verified.reason}`);
  const record = await loadDelegationWithDelegator(db, verified.claims.jti);
  if (!record || record.delegation.revokedAt !== null) throw fail("delegation-revoked", verified.claims.sub);
  if (record.delegator.status !== "active") throw fail("delegator-inactive", record.delegator.id);
  return {
    id: record.delegator.id,
    type: record.delegator.type,
    capabilities: narrow(record.delegator.capabilities, record.delegation.scopes),
    credential: "delegation",
    delegationId: record.delegation.id,
  };
}

async function fromChittyAuth(env: Env, db: Database, token: string): Promise<Actor> {
  const verified = await verifyChittyAuthJwt(env, token);
  if (!verified) throw fail("jwt-invalid");
  const [actor] = await db.select().from(actors).where(eq(actors.id, verified.subject)).limit(1);
  if (!actor || actor.status !== "active") throw fail("jwt-unknown-actor", verified.subject);
  return {
    id: actor.id,
    type: actor.type,
    capabilities: verified.scopes ? narrow(actor.capabilities, verified.scopes) : actor.capabilities,
    credential: "chittyauth-jwt",
  };
}
