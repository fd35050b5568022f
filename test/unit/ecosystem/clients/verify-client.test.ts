import { describe, expect, it } from "vitest";
import { hashState, sha256Hex } from "../../../../src/ecosystem/canonical-hash";
import { createVerifyClient } from "../../../../src/ecosystem/clients/verify-client";
import type { ApiKeyLookup } from "../../../../src/ecosystem/verify-api-key";
import { dnaRecordHash, type DnaChainRecord } from "../../../../src/ecosystem/verify-dna-chain";
import { fakeCheckDigits } from "../../../fakes/chittyos";
import { embeddedEnv, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();
const validId = `03-1-USA-0042-E-2604-2-${fakeCheckDigits("031USA0042E26042")}`;

async function chain(): Promise<DnaChainRecord[]> {
  const genesis: DnaChainRecord = { id: "d1", subjectId: "s", kind: "genesis", sequence: 1, stateHash: await hashState({ v: 1 }), previousId: null, actorId: null, event: "created", createdAt: 1 };
  genesis.recordHash = await dnaRecordHash(genesis, null);
  const next: DnaChainRecord = { id: "d2", subjectId: "s", kind: "evolution", sequence: 2, stateHash: await hashState({ v: 2 }), previousId: "d1", actorId: null, event: "updated", createdAt: 2 };
  next.recordHash = await dnaRecordHash(next, genesis.recordHash);
  return [genesis, next];
}

async function keyStore(): Promise<ApiKeyLookup> {
  const keys = new Map([
    [await sha256Hex("ck_live_good"), { actorId: "CHITTY-ACTOR-1", revoked: false }],
    [await sha256Hex("ck_live_revoked"), { actorId: "CHITTY-ACTOR-2", revoked: true }],
  ]);
  return async (hash) => keys.get(hash) ?? null;
}

describe("Verify client, embedded", () => {
  it("checks ChittyIDs by format and check digits", async () => {
    const client = await createVerifyClient(embeddedEnv());
    expect(await client.verify({ kind: "chittyid", value: validId })).toMatchObject({ valid: true, source: "embedded" });
    expect(await client.verify({ kind: "chittyid", value: validId.replace("0042", "0043") })).toMatchObject({ valid: false, reason: expect.stringMatching(/check digits/) });
  });

  it("detects a tampered record in a DNA chain", async () => {
    const client = await createVerifyClient(embeddedEnv());
    const records = await chain();
    expect(await client.verify({ kind: "dna-chain", value: records })).toMatchObject({ valid: true });
    records[0]!.event = "forged";
    expect(await client.verify({ kind: "dna-chain", value: records })).toMatchObject({ valid: false, reason: expect.stringMatching(/record d1 \(1\) does not match its recordHash/) });
  });

  it("verifies API keys by their hash: known, unknown and revoked", async () => {
    const client = await createVerifyClient(embeddedEnv(), { apiKeyLookup: await keyStore() });
    expect(await client.verify({ kind: "api-key", value: "ck_live_good" })).toMatchObject({ valid: true, details: { actorId: "CHITTY-ACTOR-1" } });
    expect(await client.verify({ kind: "api-key", value: "ck_live_other" })).toMatchObject({ valid: false, reason: "unknown key" });
    expect(await client.verify({ kind: "api-key", value: "ck_live_revoked" })).toMatchObject({ valid: false, reason: "revoked key" });
  });

  it("does not vouch for a certificate it cannot check", async () => {
    const client = await createVerifyClient(embeddedEnv());
    expect(await client.verify({ kind: "certificate", value: "cert_1" })).toMatchObject({ valid: false, reason: expect.stringMatching(/^not verified/) });
  });
});

describe("Verify client against ChittyVerify", () => {
  it("posts {kind, value} and reads valid at the top level or under data", async () => {
    for (const variant of [0, 1]) {
      ctx.fake.variants.chittyverify = variant;
      const client = await createVerifyClient(ctx.env());
      expect(await client.verify({ kind: "chittyid", value: validId })).toEqual({ valid: true, source: "remote" });
      expect(await client.verify({ kind: "chittyid", value: validId.replace("0042", "0043") })).toEqual({ valid: false, source: "remote", reason: "checksum mismatch" });
    }
    expect(ctx.fake.callsTo("chittyverify")[0]).toMatchObject({ path: "/api/v1/verify", body: { kind: "chittyid", value: validId } });
  });

  it("answers with the embedded check, marked degraded, when ChittyVerify is out", async () => {
    for (const mode of ["down", "error", "garbage"] as const) {
      ctx.fake.set("chittyverify", mode);
      const result = await (await createVerifyClient(ctx.env())).verify({ kind: "chittyid", value: validId });
      expect(result, mode).toMatchObject({ valid: true, source: "embedded", degraded: expect.stringMatching(/^chittyverify/) });
    }
  });

  it("never sends an API key out", async () => {
    const client = await createVerifyClient(ctx.env(), { apiKeyLookup: await keyStore() });
    expect(await client.verify({ kind: "api-key", value: "ck_live_good" })).toMatchObject({ valid: true, source: "embedded" });
    expect(ctx.fake.calls).toHaveLength(0);
  });
});
