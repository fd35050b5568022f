import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildDashboardAssets, GENERATED } from "../../scripts/build-dashboard.mjs";

describe("the dashboard's committed bundle", () => {
  it("matches what src/dashboard/client and uPlot build today (run `npm run build:dashboard` after changing them)", async () => {
    const committed = await readFile(GENERATED as string, "utf8");
    expect(committed === (await buildDashboardAssets()), "src/dashboard/generated/dashboard-assets.ts is stale: run `npm run build:dashboard` and commit it").toBe(true);
  }, 60_000);
});
