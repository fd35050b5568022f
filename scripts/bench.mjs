// `npm run bench`: measures the gateway next to a bare "ok" worker, under wrangler dev and under
// Miniflare's direct sockets, and writes bench-results/latest.{md,json}. See docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { readConfig } from "./bench/config.mjs";
import { installCleanupHandlers, runCleanups } from "./bench/cleanup.mjs";
import { measureEventPipeline, renderEventPipeline } from "./bench/event-pipeline.mjs";
import { startFakeGitHub } from "./bench/fake-github-server.mjs";
import { describeMachine } from "./bench/machine.mjs";
import { measureMode } from "./bench/measure-mode.mjs";
import { renderMarkdown, writeResults } from "./bench/report.mjs";
import { SCENARIOS, selectScenarios } from "./bench/scenarios.mjs";
import { serveWithMiniflare } from "./bench/serve-miniflare.mjs";
import { serveWithWrangler } from "./bench/serve-wrangler.mjs";
import { createWorkspace } from "./bench/workspace.mjs";
import { runSubscriptionBench } from "./bench/subscriptions.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

/** @type {Record<string, (workspace: import("./bench/workspace.mjs").Workspace) => Promise<import("./bench/serve-wrangler.mjs").Servers>>} */
const SERVERS = { wrangler: serveWithWrangler, miniflare: serveWithMiniflare };

// Generous per-mode allowance for bundling, migrations and readiness, plus every run with slack.
const STARTUP_ALLOWANCE_S = 180;
const PER_RUN_SLACK_S = 15;
const EVENT_PIPELINE = "event pipeline";
const EVENT_PIPELINE_ALLOWANCE_S = 660;
// Per mode: the open-loop rows (the floor and up to three targets at two rates) and the waits for the queue to drain.
const OPEN_LOOP_ALLOWANCE_S = 8 * Number(process.env.BENCH_OPEN_LOOP_SECONDS ?? 20) + 600;
const eventCount = Number(process.env.BENCH_EVENTS ?? 1000);

/**
 * The pure engines' CPU, each in a child Node (no server needed): the review analysis per 1,000 added lines
 * (scripts/bench/analysis-cpu.mjs) and the triage of one issue against 500 recent ones (scripts/bench/triage-cpu.mjs).
 */
function runAnalysisBench() {
  console.log("\n[analysis] CPU of the pure review analysis on a 5,000-added-line diff mixing languages");
  const analysis = spawnSync(process.execPath, [path.join(ROOT, "scripts/bench/analysis-cpu.mjs")], { stdio: "inherit" }).status ?? 1;
  console.log("\n[triage] CPU of triaging one issue against 500 recent issues");
  const triage = spawnSync(process.execPath, [path.join(ROOT, "scripts/bench/triage-cpu.mjs")], { stdio: "inherit" }).status ?? 1;
  return analysis || triage;
}

async function main() {
  // BENCH_ONLY=analysis: only the pure engines' CPU measures; a full run starts with it, before servers load the CPU.
  if (process.env.BENCH_ONLY?.trim().toLowerCase() === "analysis") return void (process.exitCode = runAnalysisBench());
  // BENCH_ONLY=subscriptions: only the 200-stream measure (scripts/bench/subscriptions.mjs); a full run ends with it.
  if (process.env.BENCH_ONLY?.trim().toLowerCase() === "subscriptions") return void (await runSubscriptionBench(ROOT));
  const config = readConfig(process.env, Object.keys(SERVERS));
  if (config.only === undefined && runAnalysisBench() !== 0) process.exitCode = 1;
  // The event pipeline is measured once, under wrangler dev, after the request scenarios; BENCH_ONLY=event runs only it.
  const eventsOnly = config.only !== undefined && EVENT_PIPELINE.includes(config.only.toLowerCase());
  const runEvents = config.only === undefined || eventsOnly;
  const scenarios = eventsOnly ? [] : selectScenarios(SCENARIOS, config.only);
  // One run per scenario and floor; per goal, its reference again before the target, and two more per later round.
  const runsPerMode = scenarios.length * 2 + scenarios.filter((s) => s.goal || s.goalsByMode).length * (2 * config.rounds - 1);
  const budgetS =
    (scenarios.length ? config.modes.length : 0) * (STARTUP_ALLOWANCE_S + OPEN_LOOP_ALLOWANCE_S + runsPerMode * (config.warmupSeconds + config.durationSeconds + PER_RUN_SLACK_S)) +
    (runEvents ? STARTUP_ALLOWANCE_S + EVENT_PIPELINE_ALLOWANCE_S : 0);
  installCleanupHandlers(budgetS * 1000);
  const machine = describeMachine(ROOT);
  if (machine.loadAverageAtStart > machine.cpus / 2) {
    console.warn(`bench: load average is ${machine.loadAverageAtStart} on ${machine.cpus} CPUs; other work will skew the figures.`);
  }

  const workspace = await createWorkspace(ROOT);
  const modes = [];
  /** @type {Awaited<ReturnType<typeof measureEventPipeline>> | undefined} */
  let eventPipeline;
  try {
    for (const mode of scenarios.length ? config.modes : []) {
      console.log(`[${mode}] starting servers`);
      // The webhook rows' deliveries are processed while the run goes on, and their handler reads the PR from
      // GitHub; a fake one on 127.0.0.1 keeps that offline and lets the queue drain before the open-loop rows.
      const github = await startFakeGitHub();
      const servers = await SERVERS[mode]({ ...workspace, secrets: { ...workspace.secrets, GITHUB_API_URL: github.url } });
      try {
        modes.push(await measureMode({ mode, servers, scenarios, config, adminKey: workspace.adminKey, webhookSecret: workspace.secrets.GITHUB_WEBHOOK_SECRET }));
      } finally {
        await servers.stop();
        await github.close();
      }
    }
    if (runEvents) {
      console.log(`[events] sending ${eventCount} signed deliveries to wrangler dev`);
      eventPipeline = await measureEventPipeline(workspace, eventCount);
    }
  } catch (error) {
    workspace.keep();
    throw error;
  }

  const report = {
    generatedAt: new Date().toISOString(),
    machine,
    settings: {
      connections: config.connections,
      warmupSeconds: config.warmupSeconds,
      durationSeconds: config.durationSeconds,
      rounds: config.rounds,
      ...(config.only ? { only: config.only } : {}),
    },
    modes,
    ...(eventPipeline ? { eventPipeline } : {}),
  };
  const markdown = renderMarkdown(report) + (eventPipeline ? `\n${renderEventPipeline(eventPipeline)}` : "");
  console.log(`\n${markdown}`);
  const files = await writeResults(ROOT, report, markdown);
  console.log(`Wrote ${files.map((f) => path.relative(ROOT, f)).join(" and ")}.`);

  if (config.only === undefined && (await runSubscriptionBench(ROOT)).errors > 0) process.exitCode = 1;
  const failed = modes.flatMap((m) => [
    ...m.rows.filter((r) => r.failures.length > 0).map((r) => `${m.mode}: ${r.name}`),
    ...m.openLoop.flatMap((o) => o.rows.filter((r) => r.result.failed > 0).map((r) => `${m.mode}: ${r.name}`)),
  ]);
  if (eventPipeline && (eventPipeline.lost > 0 || eventPipeline.duplicated > 0 || eventPipeline.accepted !== eventCount)) {
    failed.push(`event pipeline: ${eventPipeline.lost} lost, ${eventPipeline.duplicated} duplicated, ${eventPipeline.accepted} of ${eventCount} accepted`);
  }
  if (failed.length > 0) {
    workspace.keep();
    console.error(`bench: these rows had failed requests, so their figures are not valid: ${failed.join(", ")}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
// Miniflare removes its own temp files after dispose() has returned, so exit naturally; the unref'd
// timer only fires if a stray socket or timer would otherwise keep a finished run alive.
setTimeout(() => process.exit(), 5000).unref();
