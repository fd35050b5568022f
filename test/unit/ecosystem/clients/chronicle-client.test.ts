import { describe, expect, it } from "vitest";
import { CHRONICLE_NOT_CONFIGURED, createChronicleClient } from "../../../../src/ecosystem/clients/chronicle-client";
import { FAKE_CASE_ID } from "../../../fakes/chittyos";
import { embeddedEnv, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();
const entry = (description: string) => ({ date: Date.UTC(2026, 3, 12, 15, 30), description, metadata: { subjectId: "CHITTY-CONTEXT-1", type: "context.created" } });

describe("Chronicle client", () => {
  it("logs to CHITTY_CHRONICLE_CASE_ID with Chronicle's fields, reading entry.id or id, top level or under data", async () => {
    for (const variant of [0, 1, 2]) {
      ctx.fake.variants.chittychronicle = variant;
      const key = `CHITTY-EVENT-${crypto.randomUUID()}`;
      const result = await (await createChronicleClient(ctx.env())).logEvent(entry(`variant ${variant}`), key);
      expect(result, `variant ${variant}`).toEqual({ status: "sent", id: ctx.fake.chronicle.get(key)!.id });
    }
    expect(ctx.fake.callsTo("chittychronicle")[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/events",
      body: {
        caseId: FAKE_CASE_ID,
        entryType: "event",
        eventSubtype: "occurred",
        date: "2026-04-12",
        description: "variant 0",
        confidenceLevel: "high",
        metadata: { subjectId: "CHITTY-CONTEXT-1", type: "context.created", occurredAt: "2026-04-12T15:30:00.000Z" },
      },
    });
  });

  it("forwards each record under its own id as the Idempotency-Key, so a resend is the same entry", async () => {
    const client = await createChronicleClient(ctx.env());
    const first = await client.logEvent(entry("once"), "CHITTY-EVENT-1");
    const resend = await client.logEvent(entry("once"), "CHITTY-EVENT-1");
    expect(resend).toEqual(first);
    expect(ctx.fake.callsTo("chittychronicle").map((c) => c.idempotencyKey)).toEqual(["CHITTY-EVENT-1", "CHITTY-EVENT-1"]);
    expect(ctx.fake.chronicle.size).toBe(1);
  });

  it("sends nothing without a case id, and says so", async () => {
    const client = await createChronicleClient({ ...ctx.env(), CHITTY_CHRONICLE_CASE_ID: "" });
    expect(client.mode).toBe("remote");
    expect(await client.logEvent(entry("kept locally"), "k")).toEqual({ status: "not-configured", reason: CHRONICLE_NOT_CONFIGURED });
    expect(ctx.fake.calls).toHaveLength(0);
  });

  it("embedded, leaves the local timeline row as the record", async () => {
    const client = await createChronicleClient(embeddedEnv({ CHITTY_CHRONICLE_CASE_ID: FAKE_CASE_ID }));
    expect(await client.logEvent(entry("local"), "k")).toEqual({ status: "embedded" });
  });
});
