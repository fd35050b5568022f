import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ServiceUnreachableError, UpstreamResponseError } from "../../../src/errors";
import { createChittyIdClient } from "../../../src/ecosystem/clients/chitty-id-client";
import { createDnaClient } from "../../../src/ecosystem/clients/dna-client";
import { callService, USER_AGENT } from "../../../src/ecosystem/http/call-service";
import pkg from "../../../package.json" with { type: "json" };
import { FAKE_TOKENS } from "../../fakes/chittyos";
import { failureOf, useFakeChittyOS } from "./helpers";

const ctx = useFakeChittyOS();

const dnaRecord = (id: string) => ({
  id,
  subjectId: "CHITTY-CONTEXT-x",
  subjectType: "context",
  sequence: 1,
  stateHash: "a".repeat(64),
  previousId: null,
  event: "context.created",
  actorId: null,
  createdAt: Date.now(),
});

describe("callService", () => {
  it("names itself ChittyConnect/<version> and sends the service's Bearer token", async () => {
    const client = await createChittyIdClient(ctx.env());
    await client.mint("context", "CONTEXT");
    const [call] = ctx.fake.callsTo("chittyid");
    expect(USER_AGENT).toBe(`ChittyConnect/${pkg.version}`);
    expect(call).toMatchObject({ userAgent: `ChittyConnect/${pkg.version}`, authorization: `Bearer ${FAKE_TOKENS.chittyid.value}` });
    expect(call!.userAgent).not.toMatch(/curl|python|claude/i);
  });

  it("sends no Authorization header when the service's token is unset", async () => {
    const client = await createChittyIdClient({ ...ctx.env(), CHITTY_ID_SERVICE_TOKEN: "" });
    const error = await failureOf(client.mint("context", "CONTEXT"));
    expect(ctx.fake.callsTo("chittyid")[0]!.authorization).toBeNull();
    expect(error).toBeInstanceOf(UpstreamResponseError);
    expect((error as Error).message).toMatch(/refused the request with 401; check that the secret CHITTY_ID_SERVICE_TOKEN holds a token/);
  });

  it("sends the Idempotency-Key it is given, and the same key on a retry", async () => {
    const client = await createDnaClient(ctx.env());
    const first = await client.genesis(dnaRecord("CHITTY-DNA-key-1"));
    const again = await client.genesis(dnaRecord("CHITTY-DNA-key-1"));
    expect(ctx.fake.callsTo("chittydna").map((c) => c.idempotencyKey)).toEqual(["CHITTY-DNA-key-1", "CHITTY-DNA-key-1"]);
    expect(again).toEqual(first);
    expect(ctx.fake.dna.size).toBe(1);
  });

  it("gives up after CHITTYOS_TIMEOUT_MS on a service that does not answer", async () => {
    ctx.fake.set("chittyid", "slow");
    const env = { ...ctx.env(), CHITTYOS_TIMEOUT_MS: "300" };
    const started = Date.now();
    const error = await failureOf((await createChittyIdClient(env)).mint("context", "CONTEXT"));
    // Loose on purpose: the fake would take 10 s; anything near the timeout shows the call was cut short.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ServiceUnreachableError);
    expect(error).toMatchObject({ reason: "timeout", retryable: true, status: 503 });
    expect((error as Error).message).toBe("chittyid (GET /api/get-chittyid) did not answer within 300 ms (CHITTYOS_TIMEOUT_MS)");
  });

  it("ends the call with the caller's own signal without counting it against the service", async () => {
    ctx.fake.set("chittyid", "slow");
    const caller = new AbortController();
    const client = await createChittyIdClient(ctx.env(), { signal: caller.signal });
    const pending = failureOf(client.mint("context", "CONTEXT"));
    caller.abort(new Error("client went away"));
    expect(await pending).toEqual(new Error("client went away"));
  });

  it("calls the overridden route when CHITTYOS_ROUTES names one", async () => {
    const env = { ...ctx.env(), CHITTYOS_ROUTES: '{"chittyid.mint":"/api/v2/get-chittyid"}' };
    await failureOf((await createChittyIdClient(env)).mint("context", "CONTEXT"));
    expect(ctx.fake.callsTo("chittyid")[0]!.path).toBe("/api/v2/get-chittyid");
  });

  it("keeps a base URL's path prefix in front of the route", async () => {
    const call = { service: "chittyid", operation: "chittyid.health", baseUrl: "https://id.chitty.test/prefix", method: "GET", schema: z.unknown() } as const;
    const error = await failureOf(callService(ctx.env(), call));
    expect(ctx.fake.callsTo("chittyid")[0]!.path).toBe("/prefix/health");
    expect(error).toMatchObject({ upstreamStatus: 404, retryable: false });
  });
});
