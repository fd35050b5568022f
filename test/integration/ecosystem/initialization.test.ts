import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR_ID } from "../../../src/auth/actor";
import { contexts, dnaRecords, initializationLease, initializationSteps, chronicleEvents } from "../../../src/db/schema";
import { runInitialization } from "../../../src/ecosystem/initialization/run-initialization";
import { SERVICE_CONTEXT_NAME } from "../../../src/ecosystem/initialization/service-context";
import { checkHealth } from "../../../src/health";
import { db } from "../../fixtures/db";
import { embeddedEnv, useFakeChittyOS } from "../../unit/ecosystem/helpers";

/** Forgets any earlier initialization (this file's storage may have seen one), so the next run is a first one. */
async function forgetInitialization() {
  const service = await db.select().from(contexts).where(and(eq(contexts.ownerId, SYSTEM_ACTOR_ID), eq(contexts.name, SERVICE_CONTEXT_NAME)));
  for (const row of service) {
    await db.delete(dnaRecords).where(eq(dnaRecords.subjectId, row.id));
    await db.delete(chronicleEvents).where(eq(chronicleEvents.subjectId, row.id));
    await db.delete(contexts).where(eq(contexts.id, row.id));
  }
  await db.delete(initializationSteps);
  await db.delete(initializationLease);
}

const options = { waitUntil: () => undefined };
const input = { ownerId: SYSTEM_ACTOR_ID, origin: "https://connect.test" };

describe("automatic initialization of the service context", () => {
  const chittyos = useFakeChittyOS();

  it("runs once under two concurrent first requests, and /health shows each step", async () => {
    await forgetInitialization();
    const env = embeddedEnv();
    const runs = await Promise.all([runInitialization(env, db, input, options), runInitialization(env, db, input, options)]);
    expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    const service = await db.select().from(contexts).where(and(eq(contexts.ownerId, SYSTEM_ACTOR_ID), eq(contexts.name, SERVICE_CONTEXT_NAME)));
    expect(service).toHaveLength(1);
    expect(await db.select().from(dnaRecords).where(eq(dnaRecords.subjectId, service[0]!.id))).toHaveLength(1);

    const health = await checkHealth(env);
    expect(health.initialization).toEqual({
      status: "complete",
      steps: [
        { name: "find", status: "done" },
        { name: "mint", status: "done" },
        { name: "dna-genesis", status: "done" },
        // Embedded ChittyAuth provisions nothing, the embedded registry registers nothing, and nothing certifies.
        { name: "auth-token", status: "skipped" },
        { name: "register", status: "skipped" },
        { name: "verify", status: "done" },
        { name: "certify", status: "skipped" },
        { name: "store", status: "done" },
        { name: "chronicle", status: "done" },
      ],
    });
    // A later run skips every step that is done.
    const again = await runInitialization(env, db, input, options);
    expect(again).toMatchObject({ ran: true, status: "complete" });
    expect(await db.select().from(contexts).where(and(eq(contexts.ownerId, SYSTEM_ACTOR_ID), eq(contexts.name, SERVICE_CONTEXT_NAME)))).toHaveLength(1);
  });

  it("with ChittyOS configured, provisions, registers and certifies; a failing step is recorded and retried later", async () => {
    await forgetInitialization();
    chittyos.fake.mintIds.push(...Array.from({ length: 5 }, () => `INIT-${crypto.randomUUID().slice(0, 13).toUpperCase()}`));
    chittyos.fake.set("chittycertify", "down");
    const env = chittyos.env();
    const first = await runInitialization(env, db, input, options);
    expect(first.status).toBe("retrying");
    const byName = Object.fromEntries(first.steps.map((s) => [s.name, s]));
    expect(byName).toMatchObject({
      mint: { status: "done" },
      "auth-token": { status: "done" },
      register: { status: "done" },
      verify: { status: "done" },
      certify: { status: "failed", error: expect.stringMatching(/chittycertify/i) },
      store: { status: "done" },
      chronicle: { status: "done" },
    });
    expect(chittyos.fake.callsTo("chittyregister").some((c) => c.path === "/api/v1/register")).toBe(true);
    expect(await env.TOKEN_KV.get("chittyos:service-token")).toMatch(/\S/);

    // The step waits for its backoff, then succeeds; nothing else runs twice.
    chittyos.fake.set("chittycertify", "up");
    const registrations = chittyos.fake.callsTo("chittyregister").length;
    await db.update(initializationSteps).set({ nextAttemptAt: 0 }).where(eq(initializationSteps.name, "certify"));
    const second = await runInitialization(env, db, input, options);
    expect(second.status).toBe("complete");
    expect(second.steps.find((s) => s.name === "certify")).toEqual({ name: "certify", status: "done" });
    expect(chittyos.fake.callsTo("chittyregister")).toHaveLength(registrations);
  });
});
