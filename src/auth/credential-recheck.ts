import type { Database } from "../db/client";
import type { Actor } from "./actor";
import { authenticateCredential } from "./authenticate";

// Streams that share a credential share its re-check for this long, so a hundred dashboards cost one D1 read.
const recent = new Map<string, { at: number; actor: Promise<Actor> }>();
const MAX_ENTRIES = 1_000;

/**
 * Authenticates a credential again from D1 (no KV), as a long-lived stream must: a revoked key or delegation, a
 * suspended actor or an expired token throws 401. Answers younger than `maxAgeMs` are shared.
 */
export function recheckCredential(env: Env, db: Database, credential: string, maxAgeMs: number, now = Date.now()): Promise<Actor> {
  const hit = recent.get(credential);
  if (hit && now - hit.at < maxAgeMs) return hit.actor;
  const actor = authenticateCredential(credential, env, db, { fresh: true });
  if (recent.size >= MAX_ENTRIES) recent.clear();
  recent.set(credential, { at: now, actor });
  return actor;
}
