import { describe, expect, it } from "vitest";
import { ECOSYSTEM_SERVICES } from "../../src/ecosystem/services";
import { call } from "../helpers";

describe("GET /health", () => {
  it("reports D1 reachable and migrated, every ecosystem service embedded and healthy, the outbox and initialization, without a credential", async () => {
    const response = await call("/health", { key: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect(body).toMatchObject({ status: "ok", version: "0.1.0", database: { reachable: true, migrated: true } });
    expect(Object.keys(body.ecosystem.services).sort()).toEqual([...ECOSYSTEM_SERVICES].sort());
    for (const service of ECOSYSTEM_SERVICES) {
      expect(body.ecosystem.services[service], service).toEqual({ mode: "embedded", healthy: true, circuit: "closed" });
    }
    expect(body.ecosystem.outbox).toEqual({ pending: expect.any(Number), oldestAgeSeconds: expect.any(Number) });
    expect(body.initialization.steps.map((s: { name: string }) => s.name)).toEqual([
      "find", "mint", "dna-genesis", "auth-token", "register", "verify", "certify", "store", "chronicle",
    ]);
  });
});
