import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleDir } from "./helpers";

describe("the bundle npm run build deploys", () => {
  it("contains one build of graphql, so GraphQLError instanceof checks hold everywhere", async () => {
    const map = JSON.parse(await readFile(path.join(bundleDir(), "index.js.map"), "utf8")) as { sources: string[] };
    const graphqlFiles = map.sources.filter((source) => /(^|\/)node_modules\/graphql\//.test(source));
    const commonJs = graphqlFiles.filter((source) => source.endsWith(".js"));
    const esm = graphqlFiles.filter((source) => source.endsWith(".mjs"));
    // Guards the check itself: the map names graphql's modules at all.
    expect(graphqlFiles.length).toBeGreaterThan(0);
    expect(
      commonJs.length === 0 || esm.length === 0,
      `both builds are bundled; CommonJS files: ${commonJs.join(", ")}`,
    ).toBe(true);
  });
});
