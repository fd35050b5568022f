import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildMigrationsModule, GENERATED } from "../../scripts/build-migrations.mjs";

describe("the Worker's bundled migrations", () => {
  it("match migrations/ today (run `npm run build:migrations` after adding or renumbering one)", async () => {
    const committed = await readFile(GENERATED as string, "utf8");
    expect(committed === (await buildMigrationsModule()), "src/db/generated/migrations.ts is stale: run `npm run build:migrations` and commit it").toBe(true);
  });
});
