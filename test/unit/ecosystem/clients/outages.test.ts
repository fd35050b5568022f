import { describe, expect, it } from "vitest";
import { ServiceUnreachableError, UpstreamResponseError } from "../../../../src/errors";
import { createCertifyClient } from "../../../../src/ecosystem/clients/certify-client";
import { createChittyAuthClient } from "../../../../src/ecosystem/clients/chitty-auth-client";
import { createChittyIdClient } from "../../../../src/ecosystem/clients/chitty-id-client";
import { createChronicleClient } from "../../../../src/ecosystem/clients/chronicle-client";
import { createDnaClient } from "../../../../src/ecosystem/clients/dna-client";
import { createRegistryClient } from "../../../../src/ecosystem/clients/registry-client";
import type { FakeMode, FakeService } from "../../../fakes/chittyos";
import { failureOf, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();

const record = { id: "CHITTY-DNA-x", subjectId: "s", subjectType: "context", sequence: 1, stateHash: "a".repeat(64), previousId: null, event: "e", actorId: null, createdAt: 0 };
const operations: [string, FakeService, (env: Env) => Promise<unknown>][] = [
  ["ChittyID mint", "chittyid", async (env) => (await createChittyIdClient(env)).mint("context", "CONTEXT")],
  ["ChittyID validate", "chittyid", async (env) => (await createChittyIdClient(env)).validate("03-1-USA-1234-P-251-3-00")],
  ["ChittyAuth provision", "chittyauth", async (env) => (await createChittyAuthClient(env)).provisionToken({ chittyId: "x", scope: ["a"], service: "s", expiresIn: 60 })],
  ["ChittyAuth validate", "chittyauth", async (env) => (await createChittyAuthClient(env)).validateToken("t")],
  ["Registry discover", "chittyregistry", async (env) => (await createRegistryClient(env)).discover()],
  ["Chronicle log", "chittychronicle", async (env) => (await createChronicleClient(env)).logEvent({ date: 0, description: "d", metadata: {} }, "k")],
  ["DNA genesis", "chittydna", async (env) => (await createDnaClient(env)).genesis(record)],
  ["DNA evolve", "chittydna", async (env) => (await createDnaClient(env)).evolve(record)],
  ["Certify", "chittycertify", async (env) => (await createCertifyClient(env)).certify({ service: "chittyconnect", profile: "chittyos-v1" })],
];

const expectations: Record<Exclude<FakeMode, "up">, (error: unknown) => void> = {
  down: (error) => {
    expect(error).toBeInstanceOf(ServiceUnreachableError);
    expect(error).toMatchObject({ reason: "refused", retryable: true, message: expect.stringMatching(/could not be reached: Network connection lost/) });
  },
  slow: (error) => expect(error).toMatchObject({ reason: "timeout", retryable: true, message: expect.stringMatching(/did not answer within 500 ms/) }),
  error: (error) => expect(error).toMatchObject({ reason: "server-error", retryable: true, message: expect.stringMatching(/answered 500$/) }),
  garbage: (error) => {
    expect(error).toBeInstanceOf(UpstreamResponseError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(/answered 200 with a body that is not JSON \(text\/html/) });
  },
  "wrong-shape": (error) => {
    expect(error).toBeInstanceOf(UpstreamResponseError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(/answered 200 without what the gateway reads: .*\(at the top level or under data\)|expected tools/) });
  },
};

describe("every client when its service is out", () => {
  for (const [name, service, operation] of operations) {
    for (const [mode, check] of Object.entries(expectations)) {
      it(`${name}: ${mode} becomes a clear error, never a crash`, async () => {
        ctx.fake.set(service, mode as FakeMode);
        check(await failureOf(operation(ctx.env())));
        expect(ctx.fake.callsTo(service)).toHaveLength(1);
      });
    }
  }

  it("registering with ChittyRegister counts any 2xx, but not a page that is not JSON", async () => {
    const self = { chittyId: "c", name: "chittyconnect", version: "0.1.0", description: "d", endpoints: [] };
    ctx.fake.set("chittyregister", "wrong-shape");
    expect(await (await createRegistryClient(ctx.env())).register(self)).toEqual({ registered: true });
    ctx.fake.set("chittyregister", "garbage");
    expect(await failureOf((await createRegistryClient(ctx.env())).register(self))).toBeInstanceOf(UpstreamResponseError);
    ctx.fake.set("chittyregister", "down");
    expect(await failureOf((await createRegistryClient(ctx.env())).register(self))).toMatchObject({ reason: "refused" });
  });
});
