import { describe, expect, it } from "vitest";
import { bundleFetch } from "./helpers";
import { BUNDLE_VARIANTS, type BundleVariant } from "./variants";

describe("the bundled worker", () => {
  it.each(Object.keys(BUNDLE_VARIANTS) as BundleVariant[])("serves the %s variant with its own vars and D1", async (variant) => {
    const response = await bundleFetch("/health", { key: null, variant });
    const options: { vars?: Record<string, string>; unmigratedDatabase?: boolean } = BUNDLE_VARIANTS[variant];
    const health = (await response.json()) as { environment: string; database: { migrated: boolean } };
    expect(health.environment).toBe(options.vars?.ENVIRONMENT ?? "development");
    expect(health.database.migrated).toBe(!options.unmigratedDatabase);
    expect(response.status).toBe(options.unmigratedDatabase ? 503 : 200);
  });
});
