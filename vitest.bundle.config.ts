import { defineConfig } from "vitest/config";

// End-to-end tests against the bundle `npm run build` produces, served by workerd (test/bundle/global-setup.ts).
// The workerd pool (vitest.config.ts) resolves modules its own way, so it cannot catch bundling faults.
export default defineConfig({
  test: {
    include: ["test/bundle/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/bundle/global-setup.ts"],
    // Building and starting workerd take a few seconds on two shared cores; no test asserts timing.
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
