import { defineConfig } from "vitest/config";

// The dashboard in a real browser: Debian's Chromium driven by playwright-core against `wrangler dev`, started by
// the test itself (test/browser/dashboard.test.ts). Starting wrangler and Chromium takes a while on two cores.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    hookTimeout: 240_000,
    testTimeout: 120_000,
  },
});
