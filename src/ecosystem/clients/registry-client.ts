import { z } from "zod";
import { ecosystemConfig } from "../config";
import { callService } from "../http/call-service";
import { pick } from "../http/tolerant-answer";
import type { ClientOptions, ServiceMode } from "./client-options";

export interface DiscoveredService {
  name: string;
  url: string;
  status: string;
  /** False when the registry reports the service down or retired; such a URL is not used. */
  usable: boolean;
}

/** What the gateway tells ChittyRegister about itself (the registry's tool record). */
export interface GatewayRegistration {
  chittyId: string;
  name: string;
  version: string;
  description: string;
  endpoints: string[];
  certificateRef?: string | null;
}

export type RegistrationResult = { registered: true } | { registered: false; reason: string };

export interface RegistryClient {
  mode: ServiceMode;
  /** The services the registry lists; empty when no registry is configured. */
  discover(): Promise<DiscoveredService[]>;
  /** Registers the gateway with ChittyRegister (CHITTY_REGISTER_URL). */
  register(self: GatewayRegistration): Promise<RegistrationResult>;
}

const DOWN = new Set(["down", "unhealthy", "unreachable", "inactive", "disabled", "deprecated", "retired", "offline"]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const httpUrl = z.url({ protocol: /^https?$/ });

/** One listed service, or undefined when it names no service or no usable URL (skipped, not fatal). */
function readService(item: unknown): DiscoveredService | undefined {
  if (!isObject(item)) return undefined;
  const name = text(pick([item], ["name", "serviceName", "service"]));
  let url = text(pick([item], ["url", "endpoint", "baseUrl", "base_url"]));
  // The registry's own records list `endpoints`; the first absolute one's origin is the service.
  if (!url && Array.isArray(item.endpoints)) {
    const first = item.endpoints.find((e) => httpUrl.safeParse(e).success);
    if (typeof first === "string") url = new URL(first).origin;
  }
  if (!name || !url || !httpUrl.safeParse(url).success) return undefined;
  const status = text(item.status) ?? text(item.health) ?? "unknown";
  const usable = !DOWN.has(status.toLowerCase()) && !DOWN.has((text(item.health) ?? "").toLowerCase());
  return { name, url: url.replace(/\/+$/, ""), status, usable };
}

/** `tools` (or `services`), at the top level or under `data`, or a top-level array. */
const discoveryAnswer = z.unknown().transform((raw, ctx) => {
  const scopes = isObject(raw) ? (isObject(raw.data) ? [raw, raw.data] : [raw]) : [];
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.data) ? raw.data : pick(scopes, ["tools", "services"]);
  if (!Array.isArray(list)) {
    ctx.issues.push({ code: "custom", message: "expected tools (or services) as a list, at the top level or under data, or a top-level list", input: raw });
    return z.NEVER;
  }
  return list.map(readService).filter((s): s is DiscoveredService => s !== undefined);
});

/** Creates the registry client: remote when CHITTY_REGISTRY_URL / CHITTY_REGISTER_URL are set, embedded otherwise. */
export async function createRegistryClient(env: Env, options: ClientOptions = {}): Promise<RegistryClient> {
  const config = ecosystemConfig(env);
  const registryUrl = options.url !== undefined ? options.url : config.services.chittyregistry.url;
  const registerUrl = config.registerUrl;
  return {
    mode: registryUrl ? "remote" : "embedded",
    async discover() {
      if (!registryUrl) return [];
      const answer = await callService(
        env,
        { service: "chittyregistry", operation: "chittyregistry.discover", baseUrl: registryUrl, method: "GET", schema: discoveryAnswer },
        options,
      );
      return answer.data;
    },
    async register(self) {
      if (!registerUrl) return { registered: false, reason: "not registered: no ChittyRegister configured (CHITTY_REGISTER_URL)" };
      await callService(
        env,
        {
          service: "chittyregistry",
          circuit: "chittyregister",
          operation: "chittyregistry.register",
          baseUrl: registerUrl,
          method: "POST",
          // The registry's tool record: entity type T (a Thing), subtype service.
          body: {
            chitty_id: self.chittyId,
            entity_type: "T",
            subtype: "service",
            name: self.name,
            description: self.description,
            version: self.version,
            endpoints: self.endpoints,
            certificate_ref: self.certificateRef ?? null,
          },
          // Any 2xx registers; what it says beyond that is not needed.
          schema: z.unknown(),
        },
        options,
      );
      return { registered: true };
    },
  };
}
