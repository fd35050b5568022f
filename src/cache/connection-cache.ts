import type { ConnectionRow } from "../db/schema";
import { createKvRowCache } from "./kv-row-cache";

/** Connection rows in CHITTYCONNECT_KV, as for contexts; a disconnect evicts the entry rather than refreshing it. */
const cache = createKvRowCache<ConnectionRow>("connection:v1");

export const connectionCacheKey = cache.key;
export const cachedConnection = cache.get;
export const fillConnectionCache = cache.fill;
export const refreshConnectionCache = cache.refresh;
/** The cleanup half of a disconnect: nothing about the connection outlives it in KV. */
export const evictConnections = cache.evict;
