import { describe, expect, it } from "vitest";
import { createChittyIdClient } from "../../../src/ecosystem/clients/chitty-id-client";
import { createRegistryClient } from "../../../src/ecosystem/clients/registry-client";
import {
  DISCOVERY_KV_PREFIX,
  DISCOVERY_RETRY_MS,
  DISCOVERY_TTL_MS,
  discoverServices,
  namesService,
  resetDiscoveryCache,
  resolveServiceUrl,
} from "../../../src/ecosystem/discovery";
import { embeddedEnv, useFakeChittyOS } from "./helpers";

const ctx = useFakeChittyOS();
const DNA_FROM_REGISTRY = "https://dna-discovered.chitty.test";

/** The fake's env with DNA and ChittyID left to discovery. */
const discoveringEnv = () => ({ ...ctx.env(), CHITTY_DNA_URL: "", CHITTY_ID_URL: "" });
const registryCalls = () => ctx.fake.callsTo("chittyregistry").filter((c) => c.path === "/api/v1/tools").length;

describe("Registry client", () => {
  it("reads tools (or a list) in each variant: name, url, endpoint or the first endpoint's origin, and status", async () => {
    ctx.fake.registryTools = [
      { name: "ChittyDNA", url: DNA_FROM_REGISTRY, status: "healthy" },
      { name: "chittyverify", url: "https://verify-discovered.chitty.test", status: "down" },
    ];
    for (const variant of [0, 1, 2, 3]) {
      ctx.fake.variants.chittyregistry = variant;
      const listed = await (await createRegistryClient(ctx.env())).discover();
      expect(listed.map((s) => [s.name, s.url, s.usable]), `variant ${variant}`).toEqual([
        ["ChittyDNA", DNA_FROM_REGISTRY, true],
        ["chittyverify", "https://verify-discovered.chitty.test", false],
      ]);
    }
  });

  it("registers the gateway with ChittyRegister as a tool record, and says so when none is configured", async () => {
    const self = { chittyId: "03-1-USA-0001-T-2604-3-00", name: "chittyconnect", version: "0.1.0", description: "GitHub for ChittyOS", endpoints: ["https://connect.chitty.cc"] };
    expect(await (await createRegistryClient(ctx.env())).register(self)).toEqual({ registered: true });
    expect(ctx.fake.callsTo("chittyregister")[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/register",
      body: { chitty_id: self.chittyId, name: "chittyconnect", entity_type: "T", subtype: "service", endpoints: self.endpoints },
    });
    expect(await (await createRegistryClient({ ...ctx.env(), CHITTY_REGISTER_URL: "" })).register(self)).toEqual({
      registered: false,
      reason: "not registered: no ChittyRegister configured (CHITTY_REGISTER_URL)",
    });
  });

  it("names services by their normalised name", () => {
    expect(["ChittyID", "chitty-id", "cc.chitty/chittyid", "CHITTY_ID"].every((n) => namesService(n, "chittyid"))).toBe(true);
    expect(namesService("chittyidentity", "chittyid")).toBe(false);
  });
});

describe("discovery", () => {
  it("uses a discovered URL only for services with none configured, and never a service reported down", async () => {
    ctx.fake.registryTools = [
      { name: "chittydna", url: DNA_FROM_REGISTRY, status: "healthy" },
      { name: "chittychronicle", url: "https://elsewhere.chitty.test", status: "healthy" },
      { name: "chittyid", url: "https://id-down.chitty.test", status: "unreachable" },
    ];
    const env = discoveringEnv();
    expect(await resolveServiceUrl(env, "chittydna")).toBe(DNA_FROM_REGISTRY);
    expect(await resolveServiceUrl(env, "chittychronicle")).toBe(ctx.fake.urls.chittychronicle);
    expect(await resolveServiceUrl(env, "chittyid")).toBeNull();
  });

  it("lets a client find its service through the registry", async () => {
    ctx.fake.registryTools = [{ name: "ChittyID", url: ctx.fake.urls.chittyid, status: "active" }];
    const client = await createChittyIdClient(discoveringEnv());
    expect(client.mode).toBe("remote");
    expect((await client.mint("context", "CONTEXT")).source).toBe("remote");
  });

  it("asks the registry without a configured registry never, and the embedded default serves", async () => {
    const env = embeddedEnv();
    expect(await discoverServices(env)).toEqual({ services: [], fetchedAt: null, source: "none" });
    expect(await resolveServiceUrl(env, "chittydna")).toBeNull();
  });

  it("caches the list for five minutes in the isolate, then in KV after the isolate is gone, then asks again", async () => {
    ctx.fake.registryTools = [{ name: "chittydna", url: DNA_FROM_REGISTRY, status: "healthy" }];
    const env = discoveringEnv();
    const t0 = Date.now();
    expect((await discoverServices(env, { now: () => t0 })).source).toBe("registry");
    expect((await discoverServices(env, { now: () => t0 + DISCOVERY_TTL_MS - 1 })).source).toBe("isolate");
    expect(registryCalls()).toBe(1);

    resetDiscoveryCache();
    const fromKv = await discoverServices(env, { now: () => t0 + 1000 });
    expect(fromKv).toMatchObject({ source: "kv", fetchedAt: t0, services: [{ name: "chittydna", url: DNA_FROM_REGISTRY }] });
    expect(registryCalls()).toBe(1);
    expect(await env.CHITTYCONNECT_KV.get(DISCOVERY_KV_PREFIX + ctx.fake.urls.chittyregistry, "json")).toMatchObject({ fetchedAt: t0 });

    expect((await discoverServices(env, { now: () => t0 + DISCOVERY_TTL_MS })).source).toBe("registry");
    expect(registryCalls()).toBe(2);
  });

  it("falls back to the last known list, even stale, when the registry is down, then to the configured URLs", async () => {
    ctx.fake.registryTools = [{ name: "chittydna", url: DNA_FROM_REGISTRY, status: "healthy" }];
    const env = discoveringEnv();
    const t0 = Date.now();
    await discoverServices(env, { now: () => t0 });
    resetDiscoveryCache();
    ctx.fake.set("chittyregistry", "down");

    const later = t0 + 3 * DISCOVERY_TTL_MS;
    const stale = await discoverServices(env, { now: () => later });
    expect(stale).toMatchObject({ source: "stale", fetchedAt: t0, error: expect.stringMatching(/could not be reached/) });
    expect(await resolveServiceUrl(env, "chittydna", { now: () => later })).toBe(DNA_FROM_REGISTRY);
    expect(await resolveServiceUrl(env, "chittyverify", { now: () => later })).toBe(ctx.fake.urls.chittyverify);
    // The failure is remembered briefly, so requests do not each wait on a registry that is down.
    expect(registryCalls()).toBe(2);
    expect((await discoverServices(env, { now: () => later + DISCOVERY_RETRY_MS })).source).toBe("stale");
    expect(registryCalls()).toBe(3);
  });

  it("with the registry down and nothing ever stored, leaves unconfigured services embedded", async () => {
    ctx.fake.set("chittyregistry", "error");
    const env = discoveringEnv();
    expect(await discoverServices(env)).toMatchObject({ services: [], source: "none", error: expect.stringMatching(/answered 500/) });
    expect(await resolveServiceUrl(env, "chittydna")).toBeNull();
    expect(await resolveServiceUrl(env, "chittyauth")).toBe(ctx.fake.urls.chittyauth);
  });

  it("reads only the cache when asked not to refresh", async () => {
    const env = discoveringEnv();
    expect(await discoverServices(env, { refresh: false })).toMatchObject({ source: "none" });
    expect(ctx.fake.calls).toHaveLength(0);
  });
});
