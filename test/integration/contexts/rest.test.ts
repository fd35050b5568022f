import { describe, expect, it } from "vitest";
import { call, uniqueName } from "../../helpers";

async function createViaRest(body: unknown) {
  const response = await call("/v1/contexts/create", { method: "POST", body: JSON.stringify(body) });
  return { response, body: (await response.json()) as Record<string, any> };
}

describe("REST /v1/contexts", () => {
  it("creates, reads, updates, searches, lists and deletes a context", async () => {
    const name = uniqueName("rest flow");
    const created = await createViaRest({ name, description: "through REST", data: { stage: "draft" } });
    expect(created.response.status).toBe(201);
    expect(created.body).toMatchObject({ name, description: "through REST", data: { stage: "draft" }, status: "active", version: 1 });
    expect(created.body.id).toMatch(/^CHITTY-CONTEXT-[0-9a-f-]{36}$/);
    const id = created.body.id as string;

    const got = await call(`/v1/contexts/${id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(created.body);

    const updated = await call(`/v1/contexts/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ version: 1, data: { stage: "final" } }),
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id, name, data: { stage: "final" }, version: 2 });

    const search = await call(`/v1/contexts/search?q=${encodeURIComponent(name)}`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as any).items.map((c: any) => c.id)).toEqual([id]);

    const list = await call("/v1/contexts/list?first=100");
    expect(list.status).toBe(200);
    expect(((await list.json()) as any).items.some((c: any) => c.id === id)).toBe(true);

    const deleted = await call(`/v1/contexts/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ id, status: "deleted", version: 3 });
    expect((await call(`/v1/contexts/${id}`)).status).toBe(404);
  });

  it("pages through the list with nextCursor and no overlap", async () => {
    const prefix = uniqueName("page");
    for (let i = 0; i < 5; i++) await createViaRest({ name: `${prefix} ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `first=2&after=${cursor}` : "first=2";
      const page = (await (await call(`/v1/contexts/list?${query}`)).json()) as { items: any[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("serves an OpenAPI document generated from the same zod schemas", async () => {
    const response = await call("/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as any;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/v1/contexts")).sort()).toEqual(["/v1/contexts/create", "/v1/contexts/list", "/v1/contexts/search", "/v1/contexts/{id}"]);
    expect(doc.paths["/v1/contexts/create"].post.requestBody.content["application/json"].schema.properties.name.maxLength).toBe(120);
  });
});
