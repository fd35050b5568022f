import { describe, expect, it } from "vitest";
import { createChittyIdClient } from "../../../../src/ecosystem/clients/chitty-id-client";
import { checkChittyIdFormat } from "../../../../src/ecosystem/chitty-id-format";
import { embeddedEnv, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();

describe("ChittyID client against the authority", () => {
  it("mints through GET /api/get-chittyid and reads the id under each of its names, top level or under data", async () => {
    for (const variant of [0, 1, 2, 3, 4, 5]) {
      ctx.fake.variants.chittyid = variant;
      const client = await createChittyIdClient(ctx.env());
      const minted = await client.mint("context", "CONTEXT");
      expect(minted.source, `variant ${variant}`).toBe("remote");
      expect(ctx.fake.minted.has(minted.id), `variant ${variant}`).toBe(true);
    }
    expect(ctx.fake.callsTo("chittyid").every((c) => c.method === "GET" && c.path === "/api/get-chittyid")).toBe(true);
    expect(ctx.fake.callsTo("chittyid")[0]!.query).toEqual({ for: "context", entity_type: "T" });
  });

  it("asks for the canon's entity type: actors are persons, events events", async () => {
    const client = await createChittyIdClient(ctx.env());
    await client.mint("actor", "ACTOR");
    await client.mint("event", "EVENT");
    expect(ctx.fake.callsTo("chittyid").map((c) => c.query.entity_type)).toEqual(["P", "E"]);
  });

  it("takes whatever id the authority mints, even one of neither known shape", async () => {
    ctx.fake.mintIds.push("urn:chitty:opaque:42");
    const minted = await (await createChittyIdClient(ctx.env())).mint("context", "CONTEXT");
    expect(minted).toEqual({ id: "urn:chitty:opaque:42", source: "remote" });
    expect(checkChittyIdFormat(minted.id).valid).toBe(false);
  });

  it("validates through POST /api/validate, reading valid and components at the top level or under data", async () => {
    for (const variant of [0, 1]) {
      ctx.fake.variants.chittyid = variant;
      const client = await createChittyIdClient(ctx.env());
      const { id } = await client.mint("context", "CONTEXT");
      const verdict = await client.validate(id);
      expect(verdict).toMatchObject({ valid: true, source: "remote", components: { jurisdiction: "USA", entityType: "T" } });
      const tampered = await client.validate(id.slice(0, -2) + (id.endsWith("00") ? "01" : "00"));
      expect(tampered).toEqual({ valid: false, source: "remote", reason: "Invalid checksum" });
    }
    expect(ctx.fake.callsTo("chittyid").filter((c) => c.path === "/api/validate")[0]!.body).toEqual({ id: expect.any(String) });
  });
});

describe("ChittyID client, embedded", () => {
  it("mints the local CHITTY-{TYPE}-{uuid} form, recorded as local, and validates by the format check", async () => {
    const client = await createChittyIdClient(embeddedEnv());
    expect(client.mode).toBe("embedded");
    const minted = await client.mint("context", "CONTEXT");
    expect(minted.source).toBe("local");
    expect(minted.id).toMatch(/^CHITTY-CONTEXT-[0-9a-f-]{36}$/);
    expect(await client.validate(minted.id)).toEqual({ valid: true, source: "embedded", components: { format: "local" } });
    expect(await client.validate("03-1-USA-1234-P-251-3-00")).toMatchObject({ valid: false, reason: expect.stringMatching(/check digits/) });
  });
});
