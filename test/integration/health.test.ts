import { describe, expect, it } from "vitest";
import { call } from "../helpers";

describe("GET /health", () => {
  it("reports D1 reachable and migrated, and every ecosystem service embedded, without a credential", async () => {
    const response = await call("/health", { key: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect(body).toMatchObject({ status: "ok", version: "0.1.0", database: { reachable: true, migrated: true } });
    expect(Object.values(body.ecosystem)).toEqual(Array(7).fill("embedded"));
  });
});
