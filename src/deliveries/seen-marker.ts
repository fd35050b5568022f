/** IDEMP_KV marks processed deliveries for this long (the scope's 24 h); D1 remembers them for good. */
const SEEN_TTL_SECONDS = 24 * 60 * 60;
export const seenKey = (deliveryId: string) => `github-delivery:${deliveryId}`;

/**
 * True when IDEMP_KV says the delivery was processed: a later copy (GitHub's redelivery, a duplicate message) is
 * then acknowledged without a D1 claim. A miss proves nothing (KV is eventually consistent); the D1 claim decides.
 * Only processed deliveries are marked, since processed is final: a failed one must still be retried or replayed.
 */
export async function processedRecently(env: Env, deliveryId: string): Promise<boolean> {
  return (await env.IDEMP_KV.get(seenKey(deliveryId))) !== null;
}

/** Marks a delivery processed, best effort: it only spares later copies a D1 claim. */
export function markProcessed(env: Env, deliveryId: string): Promise<void> {
  return env.IDEMP_KV.put(seenKey(deliveryId), "1", { expirationTtl: SEEN_TTL_SECONDS }).catch((error: unknown) =>
    console.warn("IDEMP_KV marker not written", { deliveryId, error: String(error) }),
  );
}
