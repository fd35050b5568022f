// CPU cost of triaging one issue against 500 recent issues, as the queue handler will run it.
// Bundles src/intelligence/triage/triage-issue.ts with esbuild (installed with wrangler) into a temporary
// module, then times many triages with process.cpuUsage(). Usage: node scripts/bench/triage-cpu.mjs [runs]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const runs = Number(process.argv[2] ?? 300);
const WARM_UP = 30;
const TARGET_MS = 50;

const out = mkdtempSync(path.join(tmpdir(), "triage-cpu-"));
try {
  const outfile = path.join(out, "triage-issue.mjs");
  await build({ entryPoints: [path.join(root, "src/intelligence/triage/triage-issue.ts")], bundle: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], outfile, logLevel: "error" });
  const { triageIssue } = await import(pathToFileURL(outfile).href);

  const fixtures = ["dev", "holdout", "holdout-2", "holdout-3"].flatMap((split) => JSON.parse(readFileSync(path.join(root, `test/fixtures/issues/${split}.json`), "utf8")));
  // 500 recent issues: every fixture issue, then variants that splice one issue's title and body onto another's,
  // so that the corpus has the vocabulary of real issues without 4 exact copies of each.
  const recentIssues = Array.from({ length: 500 }, (_, i) => {
    const base = fixtures[i % fixtures.length];
    const other = fixtures[(i * 7 + 3) % fixtures.length];
    const variant = i >= fixtures.length;
    return {
      number: i + 1,
      title: variant ? `${base.title} (${other.title.split(/\s+/).slice(0, 4).join(" ")})` : base.title,
      body: variant ? `${base.body}\n\n${other.body.slice(0, 600)}` : base.body,
      state: i % 3 === 0 ? "closed" : "open",
    };
  });
  const recentAuthors = Array.from({ length: 300 }, (_, i) => ({ path: `src/area-${i % 20}/module-${i % 45}.ts`, login: `dev-${i % 17}` }));
  const codeowners = Array.from({ length: 20 }, (_, i) => `/src/area-${i}/ @dev-${i % 17} @org/team-${i % 4}`).join("\n");
  const repositoryLabels = ["bug", "enhancement", "documentation", "question", "security", "performance", "priority: high", "priority: low"].map((name) => ({ name }));
  const inputFor = (i) => {
    const issue = fixtures[i % fixtures.length];
    return {
      issue: { number: 10_000 + i, title: issue.title, body: `${issue.body}\nSee src/area-${i % 20}/module-${i % 45}.ts`, author: "reporter", reactions: i % 12 },
      repositoryLabels, removedByHuman: [], recentIssues, codeowners, recentAuthors,
    };
  };

  for (let i = 0; i < WARM_UP; i += 1) triageIssue(inputFor(i));
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const input = inputFor(i);
    const before = process.cpuUsage();
    triageIssue(input);
    const spent = process.cpuUsage(before);
    samples.push((spent.user + spent.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(`triageIssue against ${recentIssues.length} recent issues, ${runs} runs after ${WARM_UP} warm-up (node ${process.version})`);
  console.log(`CPU ms per triage: mean ${mean.toFixed(2)}, p50 ${at(0.5).toFixed(2)}, p95 ${at(0.95).toFixed(2)}, max ${samples.at(-1).toFixed(2)} (target ≤ ${TARGET_MS})`);
  process.exitCode = at(0.95) <= TARGET_MS ? 0 : 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
