import type { ContextRow } from "../db/schema";
import { createKvRowCache } from "./kv-row-cache";

/** CHITTYCONNECT_KV ("context storage" in the scope) as a read-through cache of context rows. */
const cache = createKvRowCache<ContextRow>("context:v1");

export const contextCacheKey = cache.key;
export const cachedContext = cache.get;
export const fillContextCache = cache.fill;
export const refreshContextCache = cache.refresh;
