import { describe, expect, it } from "vitest";
import { ServiceUnreachableError } from "../../../../src/errors";
import { createChittyIdClient } from "../../../../src/ecosystem/clients/chitty-id-client";
import type { EcosystemService } from "../../../../src/ecosystem/services";
import { COOL_DOWN_MS, FAILURE_THRESHOLD } from "../../../../src/ecosystem/http/circuit-breaker";
import { serviceStatuses } from "../../../../src/ecosystem/service-status";
import { failureOf, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();

describe("a client's circuit", () => {
  it("opens after repeated outages, fails fast without calling, half-opens, and closes on a good probe", async () => {
    let now = Date.now();
    const recoveries: EcosystemService[] = [];
    const env = ctx.env();
    const client = await createChittyIdClient(env, { now: () => now, onRecovered: (s) => recoveries.push(s) });

    ctx.fake.set("chittyid", "down");
    for (let i = 0; i < FAILURE_THRESHOLD; i++) expect(await failureOf(client.mint("context", "CONTEXT"))).toMatchObject({ reason: "refused" });
    const fast = await failureOf(client.mint("context", "CONTEXT"));
    expect(fast).toBeInstanceOf(ServiceUnreachableError);
    expect(fast).toMatchObject({ reason: "circuit-open", message: expect.stringMatching(/its circuit is open, calls resume with a probe at/) });
    expect(ctx.fake.callsTo("chittyid")).toHaveLength(FAILURE_THRESHOLD);

    ctx.fake.set("chittyid", "up");
    now += COOL_DOWN_MS;
    expect((await serviceStatuses(env, { now: () => now })).chittyid.circuit).toBe("half-open");
    expect((await client.mint("context", "CONTEXT")).source).toBe("remote");
    expect(recoveries).toEqual(["chittyid"]);
    expect((await serviceStatuses(env, { now: () => now })).chittyid).toMatchObject({ circuit: "closed", healthy: true });

    await client.mint("context", "CONTEXT");
    expect(recoveries).toEqual(["chittyid"]);
  });

  it("opens again for another cool-down when the half-open probe fails", async () => {
    let now = Date.now();
    const client = await createChittyIdClient(ctx.env(), { now: () => now });
    ctx.fake.set("chittyid", "error");
    for (let i = 0; i < FAILURE_THRESHOLD; i++) await failureOf(client.mint("context", "CONTEXT"));
    now += COOL_DOWN_MS;
    expect(await failureOf(client.mint("context", "CONTEXT"))).toMatchObject({ reason: "server-error" });
    expect(await failureOf(client.mint("context", "CONTEXT"))).toMatchObject({ reason: "circuit-open" });
    expect(ctx.fake.callsTo("chittyid")).toHaveLength(FAILURE_THRESHOLD + 1);
  });

  it("counts a garbage answer as a failure of the service", async () => {
    const now = Date.now();
    const client = await createChittyIdClient(ctx.env(), { now: () => now });
    ctx.fake.set("chittyid", "garbage");
    for (let i = 0; i < FAILURE_THRESHOLD; i++) await failureOf(client.mint("context", "CONTEXT"));
    expect(await failureOf(client.mint("context", "CONTEXT"))).toMatchObject({ reason: "circuit-open" });
  });
});
