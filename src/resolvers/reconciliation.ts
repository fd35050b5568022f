import { eq, or } from "drizzle-orm";
import { invalidateApiKeys } from "../auth/api-key";
import { connectionCacheKey } from "../cache/connection-cache";
import { contextCacheKey } from "../cache/context-cache";
import type { Database } from "../db/client";
import { connections } from "../db/schema";
import type { CallOptions } from "../ecosystem/http/call-service";
import { reconcileProvisionalIds, type ReconcileResult } from "../ecosystem/reconcile/reconcile-provisional-ids";

/**
 * Reconciles provisional ChittyIDs (src/ecosystem/reconcile) and then drops every KV copy that still carries an
 * old id: the context and connection rows cached under it or naming it, and the API key lookups of an actor
 * whose id changed, so the next read answers with the authoritative id.
 */
export async function reconcileAndEvict(env: Env, db: Database, options: CallOptions = {}): Promise<ReconcileResult> {
  const result = await reconcileProvisionalIds(env, db, options);
  for (const { from, to } of result.reconciled) {
    const linked = await db.select({ id: connections.id }).from(connections).where(or(eq(connections.contextId, to), eq(connections.id, to)));
    const kv = env.CHITTYCONNECT_KV;
    await Promise.all([
      kv.delete(contextCacheKey(from)),
      kv.delete(connectionCacheKey(from)),
      ...linked.map((c) => kv.delete(connectionCacheKey(c.id))),
      invalidateApiKeys(env, db, to),
    ]);
  }
  return result;
}
