import { z } from "zod";
import { createRegistryClient, type DiscoveredService } from "./clients/registry-client";
import { ecosystemConfig } from "./config";
import type { CallOptions } from "./http/call-service";
import type { EcosystemService } from "./services";

/** How long a discovered list is fresh, in the isolate and in KV. */
export const DISCOVERY_TTL_MS = 5 * 60_000;
/** After the registry failed, how long the isolate keeps the fallback before asking again (the breaker's cool-down). */
export const DISCOVERY_RETRY_MS = 30_000;
/** CHITTYCONNECT_KV key prefix of the last list each registry answered; kept without expiry as the outage fallback. */
export const DISCOVERY_KV_PREFIX = "chittyos:discovery:";

export interface Discovery {
  services: DiscoveredService[];
  /** When the registry answered this list; null when there is none. */
  fetchedAt: number | null;
  source: "isolate" | "kv" | "registry" | "stale" | "none";
  /** Why the registry could not be asked, when `source` is "stale" or "none". */
  error?: string;
}

interface Snapshot {
  services: DiscoveredService[];
  fetchedAt: number;
}

const snapshot = z.object({
  fetchedAt: z.number(),
  services: z.array(z.object({ name: z.string(), url: z.string(), status: z.string(), usable: z.boolean() })),
});

// Per isolate, by registry URL: the list, and until when it is trusted without asking again.
// Concurrent cold lookups are not merged into one promise: a promise that another request's I/O settles
// never settles if that request is cancelled first, so each request asks for itself.
const memory = new Map<string, { snapshot: Snapshot | null; until: number; error?: string }>();

/** Forgets the isolate's discovery cache, as a fresh isolate would (tests). */
export function resetDiscoveryCache(): void {
  memory.clear();
}

export interface DiscoveryOptions extends CallOptions {
  /** False: never call the registry, only read what is cached (for /health). */
  refresh?: boolean;
}

/**
 * The services the registry lists: from the isolate for 5 minutes, then from KV, then from the registry.
 * When the registry cannot answer, the last known list (KV, even stale) serves; with none, an empty list.
 */
export async function discoverServices(env: Env, options: DiscoveryOptions = {}): Promise<Discovery> {
  const registryUrl = ecosystemConfig(env).services.chittyregistry.url;
  if (!registryUrl) return { services: [], fetchedAt: null, source: "none" };
  const now = (options.now ?? Date.now)();
  const cached = memory.get(registryUrl);
  if (cached && now < cached.until) {
    return cached.snapshot
      ? { ...cached.snapshot, source: cached.error ? "stale" : "isolate", ...(cached.error ? { error: cached.error } : {}) }
      : { services: [], fetchedAt: null, source: "none", ...(cached.error ? { error: cached.error } : {}) };
  }
  return lookUp(env, registryUrl, now, options);
}

async function lookUp(env: Env, registryUrl: string, now: number, options: DiscoveryOptions): Promise<Discovery> {
  const key = DISCOVERY_KV_PREFIX + registryUrl;
  const stored = await readStored(env, key);
  if (stored && now - stored.fetchedAt < DISCOVERY_TTL_MS) {
    memory.set(registryUrl, { snapshot: stored, until: stored.fetchedAt + DISCOVERY_TTL_MS });
    return { ...stored, source: "kv" };
  }
  const remembered = memory.get(registryUrl)?.snapshot ?? null;
  const fallback = [stored, remembered].reduce<Snapshot | null>((a, b) => (b && (!a || b.fetchedAt > a.fetchedAt) ? b : a), null);
  if (options.refresh === false) {
    return fallback ? { ...fallback, source: "stale" } : { services: [], fetchedAt: null, source: "none" };
  }
  try {
    const client = await createRegistryClient(env, { ...options, url: registryUrl });
    const fresh: Snapshot = { services: await client.discover(), fetchedAt: now };
    memory.set(registryUrl, { snapshot: fresh, until: now + DISCOVERY_TTL_MS });
    await env.CHITTYCONNECT_KV.put(key, JSON.stringify(fresh)).catch((error: unknown) => {
      console.warn("discovery: could not store the registry's list in KV", error instanceof Error ? error.message : error);
    });
    return { ...fresh, source: "registry" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    memory.set(registryUrl, { snapshot: fallback, until: now + DISCOVERY_RETRY_MS, error: message });
    return fallback ? { ...fallback, source: "stale", error: message } : { services: [], fetchedAt: null, source: "none", error: message };
  }
}

async function readStored(env: Env, key: string): Promise<Snapshot | null> {
  try {
    const parsed = snapshot.safeParse(await env.CHITTYCONNECT_KV.get(key, "json"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // unreadable JSON or KV unavailable: as if nothing was stored
  }
}

/** Whether a registry entry names a service: "ChittyID", "chitty-id" and "cc.chitty/chittyid" all name chittyid. */
export function namesService(name: string, service: EcosystemService): boolean {
  return name.slice(name.lastIndexOf("/") + 1).toLowerCase().replace(/[^a-z0-9]/g, "") === service;
}

/**
 * A service's base URL: the configured one, else the one the registry lists (when a registry is configured),
 * else null, meaning the embedded default serves.
 */
export async function resolveServiceUrl(env: Env, service: EcosystemService, options: DiscoveryOptions = {}): Promise<string | null> {
  const config = ecosystemConfig(env);
  const configured = config.services[service].url;
  if (configured || service === "chittyregistry" || !config.services.chittyregistry.url) return configured;
  const { services } = await discoverServices(env, options);
  return services.find((s) => s.usable && namesService(s.name, service))?.url ?? null;
}
