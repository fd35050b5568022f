import { defineConfig } from "vitest/config";

// Tests that need Node rather than workerd: @octokit/graphql-schema reads its 5 MB schema with node:fs.
export default defineConfig({
  test: { include: ["test/node/**/*.test.ts"], environment: "node" },
});
