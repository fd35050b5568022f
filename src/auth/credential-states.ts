import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors, apiKeys } from "../db/schema";
import type { StreamEnd } from "../errors";
import type { Actor } from "./actor";
import { effectiveCapabilities } from "./capabilities";
import { assembleChain, chainProblem, delegationChainsQuery, type DelegationChain } from "./delegation-record";

/** What must be read again to know that a credential still stands, by its kind. */
export type CredentialRef =
  | { kind: "admin-key" }
  | { kind: "api-key"; keyId: string }
  | { kind: "delegation"; delegationId: string }
  | { kind: "chittyauth-jwt"; actorId: string; scope: readonly string[] | null };

/** The reference of the credential an actor authenticated with; authenticate.ts records what each kind needs. */
export function credentialRefOf(actor: Actor): CredentialRef {
  if (actor.credential === "api-key" && actor.keyId) return { kind: "api-key", keyId: actor.keyId };
  if (actor.credential === "delegation" && actor.delegationId) return { kind: "delegation", delegationId: actor.delegationId };
  if (actor.credential === "chittyauth-jwt") return { kind: "chittyauth-jwt", actorId: actor.id, scope: actor.jwtScope ?? null };
  if (actor.credential === "admin-key") return { kind: "admin-key" };
  throw new Error(`a ${actor.credential} credential without the id its re-check needs`);
}

/** D1 allows 100 bound parameters per statement; a JSON array is one, however many streams are open. */
const idSet = (ids: Iterable<string>) => sql`(SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`;

/** What one batched read found about a set of credentials. */
export interface CredentialStates {
  apiKeys: Map<string, { revoked: boolean; active: boolean; capabilities: string[] }>;
  chains: (delegationId: string) => DelegationChain | null;
  jwtActors: Map<string, { active: boolean; capabilities: string[] }>;
}

/**
 * The statements that read the state of every credential in `refs` (at most three, whatever their number: API keys,
 * delegation chains, ChittyAuth subjects), unexecuted, so the caller runs them in one D1 batch; `read` takes their
 * results in the same order.
 */
export function credentialStateQueries(db: Database, refs: readonly CredentialRef[]) {
  const keyIds = refs.flatMap((r) => (r.kind === "api-key" ? [r.keyId] : []));
  const tokenIds = refs.flatMap((r) => (r.kind === "delegation" ? [r.delegationId] : []));
  const jwtActorIds = refs.flatMap((r) => (r.kind === "chittyauth-jwt" ? [r.actorId] : []));
  const keysQuery = keyIds.length
    ? db
        .select({ keyId: apiKeys.id, revokedAt: apiKeys.revokedAt, status: actors.status, capabilities: actors.capabilities })
        .from(apiKeys)
        .innerJoin(actors, eq(actors.id, apiKeys.actorId))
        .where(inArray(apiKeys.id, idSet(keyIds)))
    : undefined;
  const chainsQuery = tokenIds.length ? delegationChainsQuery(db, idSet(tokenIds)) : undefined;
  const actorsQuery = jwtActorIds.length
    ? db.select({ id: actors.id, status: actors.status, capabilities: actors.capabilities }).from(actors).where(inArray(actors.id, idSet(jwtActorIds)))
    : undefined;
  const statements = [keysQuery, chainsQuery, actorsQuery].filter((q) => q !== undefined);
  return {
    statements,
    read(results: readonly unknown[]): CredentialStates {
      let i = 0;
      const keys = keysQuery ? (results[i++] as Awaited<typeof keysQuery>) : [];
      const chainRows = chainsQuery ? (results[i++] as Awaited<typeof chainsQuery>) : [];
      const subjects = actorsQuery ? (results[i++] as Awaited<typeof actorsQuery>) : [];
      return {
        apiKeys: new Map(keys.map((k) => [k.keyId, { revoked: k.revokedAt !== null, active: k.status === "active", capabilities: k.capabilities }])),
        chains: (delegationId) => assembleChain(chainRows, delegationId),
        jwtActors: new Map(subjects.map((a) => [a.id, { active: a.status === "active", capabilities: a.capabilities }])),
      };
    },
  };
}

const sameCapabilities = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

/**
 * Why a stream opened by `actor` must end now, or null while its credential stands as it did: the same rules and
 * end codes as authenticating it again (authenticate.ts), read from `states` instead of one query per stream.
 */
export function credentialVerdict(actor: Actor, ref: CredentialRef, states: CredentialStates, now = Date.now()): StreamEnd | null {
  if (actor.expiresAt !== undefined && actor.expiresAt <= now) return "CREDENTIAL_EXPIRED";
  let capabilities: string[];
  switch (ref.kind) {
    case "admin-key":
      // Its only record is the CHITTYCONNECT_ADMIN_KEY secret, and changing a secret starts new isolates.
      return null;
    case "api-key": {
      const key = states.apiKeys.get(ref.keyId);
      if (!key || key.revoked || !key.active) return "CREDENTIAL_REVOKED";
      capabilities = effectiveCapabilities(key.capabilities, null);
      break;
    }
    case "delegation": {
      const chain = states.chains(ref.delegationId);
      const problem = chain ? chainProblem(chain, now) : "revoked";
      if (problem === "revoked") return "CREDENTIAL_REVOKED";
      if (problem === "expired") return "CREDENTIAL_EXPIRED";
      if (problem === "delegator-inactive") return "ACTOR_INACTIVE";
      capabilities = effectiveCapabilities(chain!.delegator.capabilities, chain!.delegation.scopes);
      break;
    }
    case "chittyauth-jwt": {
      const subject = states.jwtActors.get(ref.actorId);
      if (!subject || !subject.active) return "ACTOR_INACTIVE";
      capabilities = effectiveCapabilities(subject.capabilities, ref.scope);
      break;
    }
  }
  return sameCapabilities(capabilities, actor.capabilities) ? null : "CREDENTIAL_CHANGED";
}
