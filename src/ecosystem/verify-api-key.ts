import { sha256Hex } from "./canonical-hash";

/** What the key store knows of a key, found by the SHA-256 of the key (api_keys.key_hash); null when unknown. */
export type ApiKeyLookup = (keyHash: string) => Promise<{ actorId: string; revoked: boolean } | null>;

export type ApiKeyVerdict = { valid: true; actorId: string } | { valid: false; reason: string };

/**
 * Verifies an API key against the key store without ever handling it in clear beyond hashing:
 * the lookup sees only the hash, as api_keys stores it.
 */
export async function verifyApiKey(key: string, lookup: ApiKeyLookup): Promise<ApiKeyVerdict> {
  if (!key) return { valid: false, reason: "no key" };
  const found = await lookup(await sha256Hex(key));
  if (!found) return { valid: false, reason: "unknown key" };
  if (found.revoked) return { valid: false, reason: "revoked key" };
  return { valid: true, actorId: found.actorId };
}
