import type { ServiceStatus } from "../ecosystem/service-status";
import type { EcosystemService } from "../ecosystem/services";
import { listEcosystemServices } from "../resolvers/ecosystem-services";
import { builder } from "./builder";

const ServiceMode = builder.enumType("EcosystemServiceMode", { values: ["embedded", "remote"] as const });
const CircuitState = builder.enumType("CircuitState", {
  values: { CLOSED: { value: "closed" }, OPEN: { value: "open" }, HALF_OPEN: { value: "half-open" } } as const,
});

const ServiceError = builder.objectRef<{ at: string; message: string }>("EcosystemServiceError").implement({
  fields: (t) => ({
    at: t.field({ type: "DateTime", resolve: (e) => new Date(e.at) }),
    message: t.exposeString("message", { description: "What failed, naming the variable or secret to check when it is configuration." }),
  }),
});

const EcosystemServiceStatus = builder.objectRef<ServiceStatus & { name: EcosystemService }>("EcosystemService").implement({
  description: "A ChittyOS service as this isolate sees it: from real calls and their circuit breaker, never a fresh call.",
  fields: (t) => ({
    name: t.string({ description: "chittyid, chittyauth, chittyregistry, chittydna, chittyverify, chittycertify or chittychronicle.", resolve: (s) => s.name }),
    mode: t.field({ type: ServiceMode, description: "embedded: served inside the gateway; remote: the configured or discovered URL.", resolve: (s) => s.mode }),
    url: t.exposeString("url", { nullable: true }),
    healthy: t.exposeBoolean("healthy", { nullable: true, description: "Null for a remote service not called yet." }),
    circuit: t.field({ type: CircuitState, resolve: (s) => s.circuit }),
    lastSuccessAt: t.field({ type: "DateTime", nullable: true, resolve: (s) => (s.lastSuccessAt ? new Date(s.lastSuccessAt) : null) }),
    lastError: t.field({ type: ServiceError, nullable: true, resolve: (s) => s.lastError }),
    configError: t.string({ nullable: true, resolve: (s) => s.configError ?? null }),
  }),
});

builder.queryField("services", (t) =>
  t.field({
    type: [EcosystemServiceStatus],
    description: "Each ChittyOS service's mode, URL, health, circuit state, last success and last error (operators: actors:admin).",
    resolve: (_root, _args, ctx) => listEcosystemServices(ctx),
  }),
);
