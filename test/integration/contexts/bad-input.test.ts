import { describe, expect, it } from "vitest";
import { call, createContextViaRest, errorOf, gql, uniqueName } from "../../helpers";
import { contextsNamed, storedFor } from "../../fixtures/db";

const post = (body: string, headers: Record<string, string> = {}) =>
  call("/v1/contexts/create", { method: "POST", body, headers });

describe("contexts refuse bad input and write nothing", () => {
  it("answers 422 for a missing name, over-long fields and oversized data", async () => {
    const cases: Record<string, unknown>[] = [
      { description: "no name" },
      { name: "   " },
      { name: "x".repeat(121) },
      { name: uniqueName("long description"), description: "d".repeat(2001) },
      { name: uniqueName("bad char"), description: "ok", data: [] },
      { name: "tab\tname" },
      { name: uniqueName("big data"), data: { blob: "x".repeat(64 * 1024) } },
    ];
    for (const body of cases) {
      const error = await errorOf(await post(JSON.stringify(body)));
      expect(error, JSON.stringify(body).slice(0, 80)).toMatchObject({ status: 422, code: "INVALID_INPUT" });
      if (typeof body.name === "string") expect(await contextsNamed(body.name)).toEqual([]);
    }
  });

  it("answers 413 for a body over 256 KiB", async () => {
    const name = uniqueName("huge body");
    const error = await errorOf(await post(JSON.stringify({ name, data: { blob: "x".repeat(300 * 1024) } })));
    expect(error).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(await contextsNamed(name)).toEqual([]);
  });

  it("answers 400 for invalid JSON and 415 for a non-JSON content type", async () => {
    expect(await errorOf(await post("{ not json"))).toMatchObject({ status: 400, code: "INVALID_JSON" });
    const name = uniqueName("form");
    const form = await post(`name=${encodeURIComponent(name)}`, { "content-type": "application/x-www-form-urlencoded" });
    expect(await errorOf(form)).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(await contextsNamed(name)).toEqual([]);
  });

  it("answers 404 for an unknown id and 422 for an id that is not a context ChittyID", async () => {
    const unknown = "CHITTY-CONTEXT-00000000-0000-4000-8000-00000000dead";
    expect(await errorOf(await call(`/v1/contexts/${unknown}`))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(
      await errorOf(await call(`/v1/contexts/${unknown}`, { method: "PATCH", body: JSON.stringify({ version: 1, name: "x" }) })),
    ).toMatchObject({ status: 404 });
    expect(await errorOf(await call(`/v1/contexts/${unknown}`, { method: "DELETE" }))).toMatchObject({ status: 404 });
    expect(await errorOf(await call("/v1/contexts/not%20a%20chitty%20id"))).toMatchObject({ status: 422, code: "INVALID_INPUT" });
    const result = await gql(`query($id: ID!) { context(id: $id) { id } }`, { id: unknown });
    expect(result.errors![0]!.extensions!.code).toBe("NOT_FOUND");
  });

  it("answers 409 for a duplicate name, and allows it again once the first is deleted", async () => {
    const name = uniqueName("duplicate");
    const first = await createContextViaRest({ name });
    expect(await errorOf(await post(JSON.stringify({ name })))).toMatchObject({ status: 409, code: "DUPLICATE_NAME" });
    expect(await contextsNamed(name)).toHaveLength(1);
    const renameClash = await createContextViaRest({ name: uniqueName("other") });
    const rename = await call(`/v1/contexts/${renameClash.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, name }) });
    expect(await errorOf(rename)).toMatchObject({ status: 409, code: "DUPLICATE_NAME" });
    expect(await storedFor(renameClash.id)).toMatchObject({ context: { version: 1 }, dna: 1, events: 1 });

    await call(`/v1/contexts/${first.id}`, { method: "DELETE" });
    expect((await post(JSON.stringify({ name }))).status).toBe(201);
  });

  it("answers 409 for a stale version and for an update to a deleted context", async () => {
    const context = await createContextViaRest({ name: uniqueName("stale") });
    const patch = (version: number) =>
      call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version}` }) });
    expect((await patch(1)).status).toBe(200);
    expect(await errorOf(await patch(1))).toMatchObject({ status: 409, code: "VERSION_CONFLICT" });
    expect(await storedFor(context.id)).toMatchObject({ context: { version: 2, description: "v1" }, dna: 2, events: 2 });

    await call(`/v1/contexts/${context.id}`, { method: "DELETE" });
    expect(await errorOf(await patch(3))).toMatchObject({ status: 409, code: "CONTEXT_DELETED" });
    expect(await errorOf(await call(`/v1/contexts/${context.id}`, { method: "DELETE" }))).toMatchObject({ status: 409 });
    expect(await storedFor(context.id)).toMatchObject({ context: { version: 3, status: "deleted" }, dna: 3, events: 3 });
  });

  it("answers 422 for an update with nothing to change or without a version", async () => {
    const context = await createContextViaRest({ name: uniqueName("empty patch") });
    for (const body of [{ version: 1 }, { description: "no version" }, { version: 0, name: "zero" }]) {
      const response = await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify(body) });
      expect(await errorOf(response)).toMatchObject({ status: 422, code: "INVALID_INPUT" });
    }
    expect(await storedFor(context.id)).toMatchObject({ context: { version: 1 }, dna: 1 });
  });

  it("treats SQL and LIKE wildcards in search as literal text", async () => {
    const marker = crypto.randomUUID().slice(0, 8);
    const literal = await createContextViaRest({ name: `${marker} 100%_done\\ok` });
    await createContextViaRest({ name: `${marker} 100 percent done` });
    const search = async (q: string) =>
      (((await (await call(`/v1/contexts/search?q=${encodeURIComponent(q)}`)).json()) as any).items as any[]).map((c) => c.id);

    expect(await search(`${marker} 100%`)).toEqual([literal.id]);
    expect(await search(`${marker} 100%_done\\`)).toEqual([literal.id]);
    expect(await search(`${marker}%`)).toEqual([]);
    expect(await search(`${marker}_`)).toEqual([]);
    expect(await search(`${marker}' OR 1=1; DROP TABLE contexts; --`)).toEqual([]);
    expect((await call(`/v1/contexts/${literal.id}`)).status).toBe(200);
    expect(await errorOf(await call("/v1/contexts/search?q="))).toMatchObject({ status: 422 });
    expect(await errorOf(await call(`/v1/contexts/search?q=${"q".repeat(201)}`))).toMatchObject({ status: 422 });
  });

  it("answers 400 for a cursor it did not issue", async () => {
    expect(await errorOf(await call("/v1/contexts/list?after=garbage"))).toMatchObject({ status: 400, code: "INVALID_CURSOR" });
    const result = await gql(`query { contexts(first: 1, after: "WyJ4Il0") { edges { cursor } } }`);
    expect(result.errors![0]!.extensions!.code).toBe("INVALID_CURSOR");
  });
});

describe("GraphQL refuses bad input with typed errors", () => {
  it("reports INVALID_INPUT with the failing path for zod-validated arguments", async () => {
    const name = "y".repeat(121);
    const result = await gql(`mutation($input: CreateContextInput!) { createContext(input: $input) { id } }`, { input: { name } });
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: "INVALID_INPUT", details: [{ path: ["input", "name"] }] });
    expect(await contextsNamed(name)).toEqual([]);
  });

  it("refuses page sizes over 100 and backward pagination", async () => {
    for (const args of ["first: 101", "first: 0", "last: 2", `before: "x"`]) {
      const result = await gql(`query { contexts(${args}) { edges { cursor } } }`);
      expect(result.errors![0]!.extensions!.code, args).toBe("INVALID_INPUT");
    }
  });

  it("refuses a document that does not match the schema before running anything", async () => {
    const result = await gql(`mutation { createContext(input: {}) { id } }`);
    expect(result.errors![0]!.message).toMatch(/name/);
    expect(result.data).toBeUndefined();
  });
});
