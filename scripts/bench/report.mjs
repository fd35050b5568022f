import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** @type {Record<string, string>} */
const MODE_TITLES = {
  wrangler: "wrangler dev (through its local proxy)",
  miniflare: "Miniflare, bundled worker on direct workerd sockets",
};

const fixed = (/** @type {number | null} */ n, digits = 2) => (n === null ? "–" : n.toFixed(digits));
const times = (/** @type {number | null} */ n) => (n === null ? "–" : `${n.toFixed(2)}×`);
const count = (/** @type {number} */ n) => Math.round(n).toLocaleString("en-US");

/** @param {import("./measure-mode.mjs").Row} row */
function goalCell(row) {
  const goal = row.goal;
  if (goal?.maxP95Ratio === undefined && goal?.minReqPerSecRatio === undefined) return "";
  const reference = goal.against ? `"${goal.against}"` : "floor";
  const target = goal.minReqPerSecRatio !== undefined ? `req/s ≥ ${goal.minReqPerSecRatio}× ${reference}` : `p95 ≤ ${goal.maxP95Ratio}× ${reference}`;
  if (row.goalMet === null) return `${target}: not judged`;
  const rounds = row.roundRatios && row.roundRatios.length > 1 ? ` (median of ${row.roundRatios.map(times).join(", ")})` : "";
  const verdict = `${target}: ${times(row.goalRatio ?? null)}${rounds}, ${row.goalMet ? "**met**" : "**missed**"}`;
  if (row.floorOfTargetRatio === undefined) return verdict;
  return `${verdict} (what it must do, alone: ${times(row.floorOfTargetRatio)})`;
}

/** @param {import("./measure-mode.mjs").Row} row */
function rowCells(row) {
  const m = row.measurement;
  const r = row.ratios;
  return [
    row.kind === "floor" ? `_${row.name}_` : row.name,
    count(m.reqPerSec),
    fixed(m.latencyMs.p50),
    fixed(m.latencyMs.p95),
    fixed(m.latencyMs.p99),
    r ? times(r.p50) : "1.00×",
    r ? times(r.p95) : "1.00×",
    r ? times(r.p99) : "1.00×",
    r ? times(r.reqPerSec) : "1.00×",
    count(m.non2xx),
    count(m.errors),
    row.failures.length ? `**FAIL**: ${row.failures.join("; ")}` : "ok",
    goalCell(row),
  ];
}

const HEADER = ["Scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "p50 ÷ floor", "p95 ÷ floor", "p99 ÷ floor", "req/s ÷ floor", "non-2xx", "errors", "status", "goal"];

/** @param {string[][]} rows */
function table(rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(" | ")} |`;
  return [line(HEADER), line(HEADER.map((_, i) => (i === 0 || i >= 11 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/**
 * @typedef {object} Report
 * @property {string} generatedAt
 * @property {ReturnType<typeof import("./machine.mjs").describeMachine>} machine
 * @property {{ connections: number, warmupSeconds: number, durationSeconds: number, rounds: number, only?: string }} settings
 * @property {Array<{ mode: string, rows: import("./measure-mode.mjs").Row[], openLoop?: Array<{ rate: number, rows: import("./measure-open-loop.mjs").OpenLoopRow[] }> }>} modes
 */

const OPEN_LOOP_HEADER = ["Offered", "sent", "ok", "failed", "late starts", "p50 ms", "p95 ms", "p99 ms", "max ms", "p99 − floor p99", "goal"];

/** @param {import("./measure-open-loop.mjs").OpenLoopRow} row */
function openLoopCells(row) {
  const r = row.result;
  const over = row.p99OverFloorMs;
  const goal = row.goal
    ? `p99 ≤ floor p99 + ${row.goal.maxP99OverFloorMs} ms: ${row.goalMet === null ? "not judged" : row.goalMet ? "**met**" : "**missed**"}`
    : "";
  return [
    row.kind === "floor" ? `_${row.name}_` : row.name,
    count(r.sent),
    count(r.ok),
    count(r.failed),
    count(r.lateStarts),
    fixed(r.latencyMs.p50),
    fixed(r.latencyMs.p95),
    fixed(r.latencyMs.p99),
    fixed(r.latencyMs.max),
    over === undefined ? "" : over === null ? "–" : `${over >= 0 ? "+" : ""}${over.toFixed(2)} ms`,
    goal,
  ];
}

/** @param {string[][]} rows */
function openLoopTable(rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(" | ")} |`;
  return [line(OPEN_LOOP_HEADER), line(OPEN_LOOP_HEADER.map((_, i) => (i === 0 || i === 10 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/** @param {Report} report */
export function renderMarkdown(report) {
  const { machine: m, settings: s } = report;
  const parts = [
    `# ChittyConnect bench, ${report.generatedAt}`,
    "",
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}; Node ${m.node}, wrangler ${m.wrangler}, ` +
      `miniflare ${m.miniflare}, autocannon ${m.autocannon}; commit ${m.commit}; load average ${m.loadAverageAtStart} at start.`,
    `Load: ${s.connections} connections, ${s.warmupSeconds} s warmup then ${s.durationSeconds} s measured per row` +
      `${s.only ? `, BENCH_ONLY=${s.only}` : ""}. Latencies are of 2xx responses; req/s is autocannon's per-second mean.` +
      " Each target is divided by the floor of the same mode and method, measured in this run." +
      ` A goal is judged on the median of ${s.rounds} paired rounds (its reference measured again, then the target); the row shows the first.`,
  ];
  for (const { mode, rows, openLoop } of report.modes) {
    parts.push("", `## ${MODE_TITLES[mode] ?? mode}`, "", table(rows.map(rowCells)));
    if (openLoop?.length) {
      parts.push(
        "",
        "Open loop: requests offered at a fixed rate whatever the server does; latency from each request's scheduled time.",
        "",
        openLoopTable(openLoop.flatMap((o) => o.rows.map(openLoopCells))),
      );
    }
  }
  return `${parts.join("\n")}\n`;
}

/**
 * @param {string} root
 * @param {Report} report
 * @param {string} markdown
 * @returns {Promise<string[]>} The files written.
 */
export async function writeResults(root, report, markdown) {
  const dir = path.join(root, "bench-results");
  await mkdir(dir, { recursive: true });
  const files = [path.join(dir, "latest.md"), path.join(dir, "latest.json")];
  await writeFile(files[0], markdown);
  await writeFile(files[1], `${JSON.stringify(report, null, 2)}\n`);
  return files;
}
