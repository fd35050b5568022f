import { describe, expect, it } from "vitest";
import { call, errorOf, gql } from "../../helpers";

const create = (body: Record<string, unknown>) => call("/v1/contexts/create", { method: "POST", body: JSON.stringify(body) });
const register = (displayName: string) => call("/v1/actors/register", { method: "POST", body: JSON.stringify({ type: "service", displayName, capabilities: [] }) });

describe("input hygiene", () => {
  it("refuses NUL and control characters in text, and keeps tabs and line breaks in descriptions", async () => {
    const name = () => `hygiene ${crypto.randomUUID()}`;
    for (const body of [
      { name: `${name()}\u0000` },
      { name: `${name()}\nsecond line` },
      { name: name(), description: "nul\u0000here" },
      { name: name(), description: "bell\u0007" },
      { name: name(), description: "escape\u001b[31m" },
    ]) {
      expect(await errorOf(await create(body)), JSON.stringify(body)).toMatchObject({ status: 422, code: "INVALID_INPUT" });
    }
    expect((await create({ name: name(), description: "line one\nline two\r\n\tindented" })).status).toBe(201);
    const search = await call(`/v1/contexts/search?q=${encodeURIComponent("a\u0000b")}`);
    expect(search.status).toBe(422);
  });

  it("refuses names with bidirectional overrides, and names made only of invisible characters", async () => {
    for (const displayName of ["admin\u202Egnp.exe", "\u2066isolated\u2069", "\u200B\u200B", "\u200D \uFEFF"]) {
      expect(await errorOf(await register(displayName)), JSON.stringify(displayName)).toMatchObject({ status: 422, code: "INVALID_INPUT" });
      expect((await create({ name: displayName })).status, JSON.stringify(displayName)).toBe(422);
    }
    const graphql = await gql(`mutation($name: String!) { createContext(input: { name: $name }) { id } }`, { name: "x\u202Ey" });
    expect(graphql.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    expect((await register("Zoë 🚀 日本")).status).toBe(201);
  });
});
