import { describe, expect, it } from "vitest";
import { createChittyIdClient } from "../../../src/ecosystem/clients/chitty-id-client";
import { COOL_DOWN_MS, FAILURE_THRESHOLD } from "../../../src/ecosystem/http/circuit-breaker";
import { PROBE_TTL_MS, serviceStatuses } from "../../../src/ecosystem/service-status";
import { ECOSYSTEM_SERVICES } from "../../../src/ecosystem/services";
import { embeddedEnv, failureOf, useFakeChittyOS } from "./helpers";

const ctx = useFakeChittyOS();

describe("serviceStatuses", () => {
  it("with nothing configured, reports every service embedded, healthy and closed", async () => {
    const statuses = await serviceStatuses(embeddedEnv());
    expect(Object.keys(statuses)).toEqual([...ECOSYSTEM_SERVICES]);
    for (const status of Object.values(statuses)) {
      expect(status).toEqual({ mode: "embedded", url: null, healthy: true, circuit: "closed", lastSuccessAt: null, lastError: null });
    }
  });

  it("reports remote services from what calls taught the breaker, without calling anyone itself", async () => {
    const env = ctx.env();
    const before = await serviceStatuses(env);
    expect(before.chittyid).toMatchObject({ mode: "remote", url: ctx.fake.urls.chittyid, healthy: null, circuit: "closed" });

    await (await createChittyIdClient(env)).mint("context", "CONTEXT");
    const after = await serviceStatuses(env);
    expect(after.chittyid).toMatchObject({ healthy: true, lastSuccessAt: expect.any(String), lastError: null });
    expect(ctx.fake.calls).toHaveLength(1);
  });

  it("shows an open circuit, then half-open after the cool-down, with the last error", async () => {
    ctx.fake.set("chittyid", "down");
    const t0 = Date.now();
    const env = ctx.env();
    const client = await createChittyIdClient(env, { now: () => t0 });
    for (let i = 0; i < FAILURE_THRESHOLD; i++) await failureOf(client.mint("context", "CONTEXT"));
    const open = await serviceStatuses(env, { now: () => t0 + 1 });
    expect(open.chittyid).toMatchObject({ healthy: false, circuit: "open", lastError: { message: expect.stringMatching(/could not be reached/) } });
    expect((await serviceStatuses(env, { now: () => t0 + COOL_DOWN_MS })).chittyid.circuit).toBe("half-open");
  });

  it("shows a service answering 401 as unhealthy with a closed circuit", async () => {
    const env = { ...ctx.env(), CHITTY_ID_SERVICE_TOKEN: "wrong" };
    await failureOf((await createChittyIdClient(env)).mint("context", "CONTEXT"));
    expect((await serviceStatuses(env)).chittyid).toMatchObject({ healthy: false, circuit: "closed", lastError: { message: expect.stringMatching(/CHITTY_ID_SERVICE_TOKEN/) } });
  });

  it("reports configuration errors per service, and a Chronicle with no case id as not sending", async () => {
    const statuses = await serviceStatuses({ ...ctx.env(), CHITTY_DNA_URL: "dna.chitty.test", CHITTY_CHRONICLE_CASE_ID: "" });
    expect(statuses.chittydna).toMatchObject({ mode: "embedded", configError: expect.stringMatching(/^CHITTY_DNA_URL is not an http\(s\) URL/) });
    expect(statuses.chittychronicle).toMatchObject({ mode: "remote", healthy: false, configError: expect.stringMatching(/^CHITTY_CHRONICLE_CASE_ID is empty/) });
    expect(statuses.chittyid.configError).toBeUndefined();
  });

  it("probes, when asked, only services it has learned nothing about lately", async () => {
    const env = ctx.env();
    const t0 = Date.now();
    await (await createChittyIdClient(env, { now: () => t0 })).mint("context", "CONTEXT");
    ctx.fake.set("chittydna", "error");
    const statuses = await serviceStatuses(env, { probe: true, now: () => t0 + 1 });
    const probed = ctx.fake.calls.filter((c) => c.path === "/health").map((c) => c.service);
    expect(probed.sort()).toEqual(["chittyauth", "chittycertify", "chittychronicle", "chittydna", "chittyregistry", "chittyverify"]);
    expect(statuses.chittyauth.healthy).toBe(true);
    expect(statuses.chittydna).toMatchObject({ healthy: false, lastError: { message: expect.stringMatching(/answered 500/) } });

    await serviceStatuses(env, { probe: true, now: () => t0 + PROBE_TTL_MS - 1 });
    expect(ctx.fake.calls.filter((c) => c.path === "/health")).toHaveLength(6);
  });
});
