import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createContext, getContext, updateContext } from "../../../src/resolvers/context";
import { searchContexts } from "../../../src/resolvers/context-search";
import { ConflictError } from "../../../src/errors";
import { ForbiddenError } from "../../../src/errors";
import { contextsNamed, db, storedFor } from "../../fixtures/db";
import { requestContext } from "../../fixtures/request-context";

describe("context resolvers against local D1", () => {
  it("writes the update, its DNA record and its Chronicle event together or not at all", async () => {
    const ctx = requestContext();
    const context = await createContext(ctx, { name: `atomic ${crypto.randomUUID()}` });
    // Make the last statement of the batch (the Chronicle insert) fail, as an outage mid-write would.
    const trigger = `fail_chronicle_${crypto.randomUUID().replaceAll("-", "")}`;
    await db.run(sql.raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON chronicle_events
      WHEN NEW.subject_id = '${context.id}' BEGIN SELECT RAISE(ABORT, 'chronicle unavailable'); END`));
    try {
      await expect(updateContext(ctx, context.id, { version: 1, description: "never stored" })).rejects.toThrow(/chronicle unavailable/);
    } finally {
      await db.run(sql.raw(`DROP TRIGGER ${trigger}`));
    }
    expect(await storedFor(context.id)).toMatchObject({ context: { version: 1, description: "" }, dna: 1, events: 1 });
  });

  it("creates nothing when the Chronicle write of a create fails", async () => {
    const name = `atomic create ${crypto.randomUUID()}`;
    const trigger = `fail_create_${crypto.randomUUID().replaceAll("-", "")}`;
    await db.run(sql.raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON chronicle_events
      WHEN json_extract(NEW.data, '$.name') = '${name}' BEGIN SELECT RAISE(ABORT, 'chronicle unavailable'); END`));
    try {
      await expect(createContext(requestContext(), { name })).rejects.toThrow(/chronicle unavailable/);
    } finally {
      await db.run(sql.raw(`DROP TRIGGER ${trigger}`));
    }
    expect(await contextsNamed(name)).toEqual([]);
  });

  it("lets exactly one of two concurrent updates of the same version win", async () => {
    const ctx = requestContext();
    const context = await createContext(ctx, { name: `race ${crypto.randomUUID()}` });
    const results = await Promise.allSettled([
      updateContext(ctx, context.id, { version: 1, description: "a" }),
      updateContext(ctx, context.id, { version: 1, description: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof ConflictError)).toHaveLength(1);
    expect(await storedFor(context.id)).toMatchObject({ context: { version: 2 }, dna: 2, events: 2 });
  });

  it("ranks an exact name first, then a name prefix, a name match, a description and data", async () => {
    const ctx = requestContext();
    const word = `zq${crypto.randomUUID().slice(0, 6)}`;
    const inData = await createContext(ctx, { name: `d ${crypto.randomUUID()}`, data: { note: `mentions ${word}` } });
    const inDescription = await createContext(ctx, { name: `c ${crypto.randomUUID()}`, description: `about ${word}` });
    const inName = await createContext(ctx, { name: `the ${word} project` });
    const prefix = await createContext(ctx, { name: `${word} tools` });
    const exact = await createContext(ctx, { name: word.toUpperCase() });
    const results = await searchContexts(ctx, { query: word });
    expect(results.map((c) => c.id)).toEqual([exact.id, prefix.id, inName.id, inDescription.id, inData.id]);
  });

  it("refuses another owner's context unless the caller is an administrator", async () => {
    const context = await createContext(requestContext(), { name: `owned ${crypto.randomUUID()}` });
    const stranger = requestContext({ id: "CHITTY-ACTOR-11111111-1111-4111-8111-111111111111", type: "human", capabilities: ["contexts:read"] });
    await expect(getContext(stranger, context.id)).rejects.toBeInstanceOf(ForbiddenError);
    const readOnly = requestContext({ id: context.ownerId, capabilities: ["contexts:read"] });
    await expect(createContext(readOnly, { name: "nope" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
