// CPU cost of the pure review analysis (src/intelligence), in Node without a Worker: builds a diff of
// about 5,000 added lines from the evaluation hunks, runs analyzeChanges + review assembly many times and
// reports CPU milliseconds per 1,000 added lines (process.cpuUsage, user + system). Target: <= 20 ms.
// Usage: node scripts/bench/analysis-cpu.mjs [iterations]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TARGET_ADDED_LINES = 5_000;
const TARGET_MS_PER_1000 = 20;
const iterations = Number(process.argv[2] ?? 100);

/** esbuild (already installed with wrangler) bundles the TypeScript entry points into one temporary module. */
async function loadAnalysis() {
  const dir = mkdtempSync(path.join(tmpdir(), "analysis-cpu-"));
  const outfile = path.join(dir, "analysis.mjs");
  await build({
    stdin: {
      contents: [
        'export { analyzeChanges } from "./src/intelligence/analysis/analyze.ts";',
        'export { assembleReview } from "./src/intelligence/review/review.ts";',
        'export { renderReviewComment } from "./src/intelligence/review/render-review-comment.ts";',
        'export { checkRunOutput } from "./src/intelligence/review/check-run-output.ts";',
        'export { defaultRepositoryConfig } from "./src/intelligence/config/repository-config.ts";',
        'export { analysisOptionsFromConfig } from "./src/intelligence/config/analysis-options.ts";',
        'export { parseHunkFile } from "./test/fixtures/diffs/parse-hunks.ts";',
      ].join("\n"),
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    outfile,
    logLevel: "warning",
  });
  const module = await import(pathToFileURL(outfile).href);
  return { module, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Evaluation hunks, repeated under new paths and line offsets until the diff has enough added lines. */
function buildDiff(parseHunkFile) {
  const fixtures = path.join(ROOT, "test/fixtures/diffs");
  const hunks = readdirSync(fixtures)
    .filter((name) => name.endsWith(".hunks"))
    .flatMap((name) => parseHunkFile(readFileSync(path.join(fixtures, name), "utf8")));
  const files = new Map();
  let added = 0;
  for (let copy = 0; added < TARGET_ADDED_LINES; copy++) {
    for (const hunk of hunks) {
      if (added >= TARGET_ADDED_LINES) break;
      // Two copies of the fixture tree, each file collecting many hunks: about 200 files, like a big real PR.
      const filename = `copy${copy % 2}/${hunk.filename}`;
      const file = files.get(filename) ?? { filename, status: "modified", additions: 0, deletions: 0, changes: 0, patches: [], offset: 0 };
      // Shift the hunk down the file so repeated copies are distinct hunks of one file, as in a real diff.
      const shifted = hunk.patch.replace(/^@@ -(\d+),(\d+) \+(\d+),(\d+) @@/, (_, a, b, c, d) => `@@ -${+a + file.offset},${b} +${+c + file.offset},${d} @@`);
      file.patches.push(shifted);
      file.offset += 200;
      file.additions += hunk.added;
      file.changes += hunk.added;
      added += hunk.added;
      files.set(filename, file);
    }
  }
  const changed = [...files.values()].map(({ patches, offset, ...file }) => ({ ...file, patch: patches.join("\n") }));
  return { changed, added };
}

const { module, cleanup } = await loadAnalysis();
try {
  const { changed, added } = buildDiff(module.parseHunkFile);
  const config = module.defaultRepositoryConfig();
  const options = module.analysisOptionsFromConfig(config.review);
  const runOnce = () => {
    const analysis = module.analyzeChanges(changed, options);
    const review = module.assembleReview({ files: changed, analysis, review: config.review });
    module.renderReviewComment(review);
    module.checkRunOutput(review, config);
    return analysis;
  };
  const sample = runOnce();
  for (let i = 0; i < 5; i++) runOnce();
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) runOnce();
  const used = process.cpuUsage(start);
  const msPerRun = (used.user + used.system) / 1000 / iterations;
  const msPer1000 = msPerRun / (added / 1000);
  console.log(`diff: ${changed.length} files, ${sample.stats.hunks} hunks, ${added} added lines, ${sample.findings.length} findings`);
  console.log(`runs: ${iterations} (after 6 warm-up runs), CPU ${msPerRun.toFixed(1)} ms per run`);
  console.log(`CPU per 1,000 added lines: ${msPer1000.toFixed(2)} ms (target <= ${TARGET_MS_PER_1000} ms) ${msPer1000 <= TARGET_MS_PER_1000 ? "OK" : "OVER TARGET"}`);
  process.exitCode = msPer1000 <= TARGET_MS_PER_1000 ? 0 : 1;
} finally {
  cleanup();
}
