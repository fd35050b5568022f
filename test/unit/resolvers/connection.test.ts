import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkConnectionHealth } from "../../../src/resolvers/connection-health";
import { createConnection } from "../../../src/resolvers/create-connection";
import { createContext, deleteContext } from "../../../src/resolvers/context";
import { disconnectConnection } from "../../../src/resolvers/disconnect-connection";
import { connectionsOf, setInstallationState, storedConnection, storedInstallationRow } from "../../fixtures/connections";
import { db, storedFor } from "../../fixtures/db";
import { requestContext } from "../../fixtures/request-context";

/** Makes inserts of Chronicle events of `type` about `subjectId`-like rows fail, as an outage mid-batch would. */
async function withFailingChronicle(when: string, run: () => Promise<unknown>) {
  const trigger = `fail_conn_${crypto.randomUUID().replaceAll("-", "")}`;
  await db.run(sql.raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON chronicle_events WHEN ${when} BEGIN SELECT RAISE(ABORT, 'chronicle unavailable'); END`));
  try {
    await expect(run()).rejects.toThrow(/chronicle unavailable/);
  } finally {
    await db.run(sql.raw(`DROP TRIGGER ${trigger}`));
  }
}

const newContext = (ctx = requestContext()) => createContext(ctx, { name: `conn ${crypto.randomUUID()}` });

describe("connection resolvers against local D1", () => {
  it("creates nothing when the Chronicle write of a create fails", async () => {
    const context = await newContext();
    await withFailingChronicle(`json_extract(NEW.data, '$.contextId') = '${context.id}'`, () =>
      createConnection(requestContext(), { contextId: context.id, service: "chittyid" }),
    );
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("disconnects nothing when the Chronicle write of a disconnect fails", async () => {
    const ctx = requestContext();
    const connection = await createConnection(ctx, { contextId: (await newContext()).id, service: "chittyid" });
    await withFailingChronicle(`NEW.subject_id = '${connection.id}'`, () => disconnectConnection(ctx, connection.id));
    expect(await storedConnection(connection.id)).toMatchObject({ row: { status: "active", disconnectedAt: null }, dna: ["created"] });
  });

  it("lets exactly one of two concurrent disconnects win", async () => {
    const ctx = requestContext();
    const connection = await createConnection(ctx, { contextId: (await newContext()).id, service: "chittyid" });
    const results = await Promise.allSettled([disconnectConnection(ctx, connection.id), disconnectConnection(ctx, connection.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await storedConnection(connection.id)).toMatchObject({ dna: ["created", "disconnected"], events: ["connection.created", "connection.disconnected"] });
  });

  it("moves a github connection to degraded and back as its installation is suspended and restored", async () => {
    const ctx = requestContext();
    const installationId = await storedInstallationRow();
    const connection = await createConnection(ctx, { contextId: (await newContext()).id, service: "github", config: { installationId } });

    const healthy = await checkConnectionHealth(ctx, connection.id);
    expect(healthy).toMatchObject({ healthy: true, mode: "github_app", connection: { status: "active", lastCheckedAt: healthy.checkedAt } });
    expect(await storedConnection(connection.id)).toMatchObject({ row: { lastCheckedAt: healthy.checkedAt }, events: ["connection.created"] });

    await setInstallationState(installationId, { suspendedAt: Date.now() });
    const suspended = await checkConnectionHealth(ctx, connection.id);
    expect(suspended).toMatchObject({ healthy: false, reason: `GitHub App installation ${installationId} is suspended`, connection: { status: "degraded" } });
    // Still failing: the time is recorded, but the history does not grow.
    const stillSuspended = await checkConnectionHealth(ctx, connection.id);
    expect(stillSuspended.connection.status).toBe("degraded");
    let stored = await storedConnection(connection.id);
    expect(stored).toMatchObject({ row: { status: "degraded", lastCheckedAt: stillSuspended.checkedAt }, dna: ["created", "degraded"] });
    expect(stored.events).toEqual(["connection.created", "connection.degraded"]);
    expect(JSON.parse(stored.cached!)).toMatchObject({ status: "degraded" });

    await setInstallationState(installationId, { suspendedAt: null });
    expect(await checkConnectionHealth(ctx, connection.id)).toMatchObject({ healthy: true, connection: { status: "active" } });
    await setInstallationState(installationId, { uninstalledAt: Date.now() });
    expect(await checkConnectionHealth(ctx, connection.id)).toMatchObject({ healthy: false, reason: expect.stringMatching(/uninstalled/) });
    stored = await storedConnection(connection.id);
    expect(stored.events).toEqual(["connection.created", "connection.degraded", "connection.recovered", "connection.degraded"]);
  });

  it("refuses a github connection to an installation this gateway does not know, and writes nothing", async () => {
    const ctx = requestContext();
    const context = await newContext();
    await expect(createConnection(ctx, { contextId: context.id, service: "github", config: { installationId: 7 } })).rejects.toMatchObject({
      status: 404,
      message: expect.stringMatching(/installation 7 is not an installation you may use/),
    });
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("disconnects a context's live connections in the same batch as its deletion, and evicts them from KV", async () => {
    const ctx = requestContext();
    const context = await newContext(ctx);
    const a = await createConnection(ctx, { contextId: context.id, service: "chittyid" });
    const b = await createConnection(ctx, { contextId: context.id, service: "chittyauth" });
    const ended = await createConnection(ctx, { contextId: context.id, service: "chittydna" });
    await disconnectConnection(ctx, ended.id);
    const endedBefore = await storedConnection(ended.id);

    await deleteContext(ctx, context.id);
    for (const id of [a.id, b.id]) {
      const stored = await storedConnection(id);
      expect(stored).toMatchObject({ row: { status: "disconnected" }, dna: ["created", "disconnected"], cached: null });
      expect(stored.eventData.at(-1)).toMatchObject({ reason: "context_deleted" });
    }
    expect(await storedConnection(ended.id)).toEqual(endedBefore);
    expect(await storedFor(context.id)).toMatchObject({ context: { status: "deleted" }, dna: 2, events: 2 });
  });

  it("deletes neither the context nor its connections when a disconnect's Chronicle write fails", async () => {
    const ctx = requestContext();
    const context = await newContext(ctx);
    const connection = await createConnection(ctx, { contextId: context.id, service: "chittyid" });
    await withFailingChronicle(`NEW.type = 'connection.disconnected' AND NEW.subject_id = '${connection.id}'`, () => deleteContext(ctx, context.id));
    expect(await storedFor(context.id)).toMatchObject({ context: { status: "active", version: 1 }, dna: 1, events: 1 });
    expect(await storedConnection(connection.id)).toMatchObject({ row: { status: "active" }, dna: ["created"] });
  });
});

describe("a connection and its context's deletion", () => {
  it("refuses a create whose context is deleted after it was read, and writes nothing", async () => {
    const ctx = requestContext();
    const context = await newContext(ctx);
    // The batch's first statement records the ChittyID; deleting the context there stands in for a concurrent delete.
    const trigger = `delete_ctx_${crypto.randomUUID().replaceAll("-", "")}`;
    await db.run(sql.raw(`CREATE TRIGGER ${trigger} AFTER INSERT ON chitty_ids WHEN NEW.entity_type = 'CONN'
      BEGIN UPDATE contexts SET status = 'deleted', deleted_at = 1 WHERE id = '${context.id}'; END`));
    try {
      await expect(createConnection(ctx, { contextId: context.id, service: "chittyid" })).rejects.toMatchObject({
        status: 409,
        code: "CONTEXT_DELETED",
      });
    } finally {
      await db.run(sql.raw(`DROP TRIGGER ${trigger}`));
    }
    expect(await connectionsOf(context.id)).toEqual([]);
    expect(await storedFor(context.id)).toMatchObject({ context: { status: "active", deletedAt: null } });
  });
});
