import { z } from "zod";
import { CHRONICLE_NOT_CONFIGURED } from "./clients/chronicle-client";
import { ecosystemConfig } from "./config";
import { resolveServiceUrl } from "./discovery";
import { breakerFor, type CircuitState } from "./http/circuit-breaker";
import { callService, type CallOptions } from "./http/call-service";
import { ECOSYSTEM_SERVICES, type EcosystemService } from "./services";

export interface ServiceStatus {
  mode: "embedded" | "remote";
  url: string | null;
  /** Embedded: always true. Remote: from the last call or probe; null when it has not been called yet. */
  healthy: boolean | null;
  circuit: CircuitState;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  /** What is wrong with the service's configuration, naming the variable to fix. */
  configError?: string;
}

/** How long what a call or probe learned stands before the optional probe asks again. */
export const PROBE_TTL_MS = 30_000;

const lastProbe = new Map<EcosystemService, number>();

/** Forgets when each service was last probed (tests). */
export function resetProbes(): void {
  lastProbe.clear();
}

export interface StatusOptions extends CallOptions {
  /**
   * Probe (GET /health) remote services the breaker has learned nothing about for PROBE_TTL_MS.
   * Off by default: /health then makes no outbound call at all.
   */
  probe?: boolean;
  /** Probe only these services (a connection's health check); all of them by default. */
  services?: readonly EcosystemService[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Each service's mode, URL, health and circuit, from what this isolate's breakers have seen: /health does not
 * call every service on every request. Discovery is read from cache only, never refreshed here.
 */
export async function serviceStatuses(env: Env, options: StatusOptions = {}): Promise<Record<EcosystemService, ServiceStatus>> {
  const now = options.now ?? Date.now;
  const config = ecosystemConfig(env);
  const urls = await Promise.all(ECOSYSTEM_SERVICES.map((service) => resolveServiceUrl(env, service, { ...options, refresh: false })));

  if (options.probe) {
    await Promise.all(
      ECOSYSTEM_SERVICES.map((service, i) => {
        const url = urls[i];
        if (!url || (options.services && !options.services.includes(service))) return undefined;
        const seen = breakerFor(service).snapshot(now());
        const learned = Math.max(seen.lastSuccessAt ?? 0, seen.lastError?.at ?? 0, lastProbe.get(service) ?? 0);
        if (now() - learned < PROBE_TTL_MS) return undefined;
        lastProbe.set(service, now());
        const call = { service, operation: `${service}.health` as const, baseUrl: url, method: "GET" as const, schema: z.unknown() };
        return callService(env, call, options).catch(() => undefined); // the breaker has recorded the failure
      }),
    );
  }

  const entries = ECOSYSTEM_SERVICES.map((service, i): [EcosystemService, ServiceStatus] => {
    const url = urls[i] ?? null;
    const snapshot = breakerFor(service).snapshot(now());
    const errors = [...config.services[service].errors];
    if (service === "chittychronicle" && url && !config.chronicleCaseId) errors.push(CHRONICLE_NOT_CONFIGURED);
    const { lastSuccessAt, lastError } = snapshot;
    let healthy: boolean | null = true;
    if (url) {
      if (snapshot.state !== "closed") healthy = false;
      else if (lastError && lastError.at >= (lastSuccessAt ?? -Infinity)) healthy = false;
      else healthy = lastSuccessAt === null ? null : true;
      if (service === "chittychronicle" && !config.chronicleCaseId) healthy = false;
    }
    return [
      service,
      {
        mode: url ? "remote" : "embedded",
        url,
        healthy,
        circuit: snapshot.state,
        lastSuccessAt: iso(lastSuccessAt),
        lastError: lastError ? { at: new Date(lastError.at).toISOString(), message: lastError.message } : null,
        ...(errors.length ? { configError: errors.join("; ") } : {}),
      },
    ];
  });
  return Object.fromEntries(entries) as Record<EcosystemService, ServiceStatus>;
}
