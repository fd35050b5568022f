import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { summarizeLatencies } from "./latency-summary.mjs";
import { serveGateway } from "./serve-gateway.mjs";

const STREAMS = 200;
const PER_BUDGET = 10;
const MUTATIONS_PER_SECOND = 5;
const HOLD_SECONDS = Number(process.env.BENCH_SUBSCRIPTION_SECONDS ?? 60);
const POLL_INTERVAL_MS = 1000;
/** After the last mutation, how long stragglers may take before they count as missing. */
const DRAIN_MS = 4 * POLL_INTERVAL_MS;

/**
 * `npm run bench`'s subscription measure: 200 SSE streams held for 60 s on `wrangler dev` while mutations arrive
 * at 5/s. Half the streams follow everyone's timeline (10 administrators x 10), half one context each (10 owners
 * x 10: the per-budget cap is 10), so every mutation reaches 110 streams. Reports event latency (event written
 * to event received), D1 round trips and statements per minute made by the streams (their poll cycles, counted
 * by a D1 wrapper in the bench's entry module), and every error: failed mutation, broken stream, missing or
 * duplicated event.
 * @param {string} root
 */
export async function measureSubscriptions(root) {
  const dir = mkdtempSync(path.join(tmpdir(), "chittyconnect-subscriptions-"));
  const adminKey = `bench_${randomBytes(24).toString("base64url")}`;
  const secrets = { CHITTYCONNECT_ADMIN_KEY: adminKey, DELEGATION_SIGNING_SECRET: randomBytes(32).toString("base64url"), GITHUB_WEBHOOK_SECRET: randomBytes(32).toString("hex"), GITHUB_STATE_SECRET: randomBytes(32).toString("base64url") };
  const gateway = await serveGateway({ root, dir, secrets, vars: { POLL_INTERVAL_MS: String(POLL_INTERVAL_MS) }, main: path.join(root, "scripts/bench/d1-counting-worker.js") });
  const streams = [];
  let keep = false;
  try {
    const call = async (/** @type {string} */ p, /** @type {string} */ method, /** @type {unknown} */ body, key = adminKey) => {
      const response = await fetch(`${gateway.url}${p}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${p}: ${response.status} ${text}`);
      return JSON.parse(text);
    };
    const budgets = STREAMS / PER_BUDGET;
    const admins = [];
    const owners = [];
    for (let i = 0; i < budgets / 2; i++) {
      admins.push((await call("/v1/actors/register", "POST", { type: "service", displayName: `bench admin ${i}`, capabilities: ["actors:admin"] })).apiKey);
      const owner = (await call("/v1/actors/register", "POST", { type: "service", displayName: `bench owner ${i}`, capabilities: ["contexts:read", "contexts:write"] })).apiKey;
      const context = await call("/v1/contexts/create", "POST", { name: `bench context ${i}` }, owner);
      owners.push({ key: owner, contextId: context.id, version: context.version });
    }

    /** @type {string[]} */
    const errors = [];
    /** @type {number[]} */
    const latencies = [];
    /** @type {Map<string, number>} event id -> streams it reached */
    const seen = new Map();
    const open = async (/** @type {string} */ key, /** @type {string} */ query, /** @type {Record<string, unknown>} */ variables) => {
      const controller = new AbortController();
      const response = await fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, accept: "text/event-stream", "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
      });
      if (response.status !== 200) throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
      const stream = { controller, ids: new Set(), done: undefined };
      stream.done = (async () => {
        const decoder = new TextDecoder();
        let buffer = "";
        try {
          for await (const chunk of response.body) {
            buffer += decoder.decode(chunk, { stream: true });
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = frame.split("\n").find((l) => l.startsWith("data: "))?.slice(6);
              if (!frame.startsWith("event: next") || !data) {
                if (frame.startsWith("event: complete")) errors.push("a stream completed before the bench ended");
                continue;
              }
              const result = JSON.parse(data);
              if (result.errors) {
                errors.push(`stream error: ${result.errors[0].message}`);
                continue;
              }
              const event = result.data.timeline.event;
              const now = Date.now();
              latencies.push(now - Date.parse(event.occurredAt));
              if (stream.ids.has(event.id)) errors.push(`duplicate event ${event.id}`);
              stream.ids.add(event.id);
              seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
            }
          }
        } catch (error) {
          if (!controller.signal.aborted) errors.push(`stream broke: ${error}`);
        }
      })();
      streams.push(stream);
    };
    const EVENT = "cursor event { id type subjectId occurredAt }";
    for (const key of admins) for (let i = 0; i < PER_BUDGET; i++) await open(key, `subscription { timeline(types: ["context.updated"]) { ${EVENT} } }`, {});
    for (const owner of owners) for (let i = 0; i < PER_BUDGET; i++) await open(owner.key, `subscription($id: String) { timeline(subjectId: $id) { ${EVENT} } }`, { id: owner.contextId });
    console.log(`[subscriptions] ${streams.length} streams open; mutating at ${MUTATIONS_PER_SECOND}/s for ${HOLD_SECONDS} s`);

    const countsBefore = await (await fetch(`${gateway.url}/__bench/d1`)).json();
    const started = Date.now();
    const mutations = [];
    let failedMutations = 0;
    const total = HOLD_SECONDS * MUTATIONS_PER_SECOND;
    for (let n = 0; n < total; n++) {
      const at = started + (n * 1000) / MUTATIONS_PER_SECOND;
      await delay(Math.max(0, at - Date.now()));
      const owner = owners[n % owners.length];
      const version = owner.version++;
      mutations.push(
        call(`/v1/contexts/${owner.contextId}`, "PATCH", { version, description: `bench ${n}` }).catch((error) => {
          failedMutations++;
          errors.push(`mutation failed: ${error.message}`);
        }),
      );
    }
    await Promise.all(mutations);
    const heldMs = Date.now() - started;
    await delay(DRAIN_MS);
    const countsAfter = await (await fetch(`${gateway.url}/__bench/d1`)).json();

    const expectedPerEvent = streams.length / 2 + PER_BUDGET;
    const delivered = [...seen.values()].reduce((a, b) => a + b, 0);
    const expected = (total - failedMutations) * expectedPerEvent;
    if (seen.size !== total - failedMutations) errors.push(`${total - failedMutations - seen.size} mutations' events reached no stream`);
    if (delivered !== expected) errors.push(`${expected - delivered} deliveries missing (of ${expected})`);
    const minutes = (heldMs + DRAIN_MS) / 60_000;
    const perMinute = (/** @type {string} */ kind, /** @type {"roundTrips" | "statements"} */ field) => ((countsAfter[kind]?.[field] ?? 0) - (countsBefore[kind]?.[field] ?? 0)) / minutes;
    const latency = summarizeLatencies(latencies);
    keep = errors.length > 0;
    return {
      streams: streams.length,
      holdSeconds: heldMs / 1000,
      mutations: total,
      pollIntervalMs: POLL_INTERVAL_MS,
      deliveries: delivered,
      latencyMs: { p50: latency.p50, p95: latency.p95, max: latency.max },
      streamD1PerMinute: { roundTrips: perMinute("streams", "roundTrips"), statements: perMinute("streams", "statements") },
      otherD1PerMinute: { roundTrips: perMinute("requests", "roundTrips") + perMinute("queue", "roundTrips"), statements: perMinute("requests", "statements") + perMinute("queue", "statements") },
      errors: errors.length,
      errorSamples: [...new Set(errors)].slice(0, 5),
    };
  } finally {
    for (const stream of streams) stream.controller.abort();
    await Promise.allSettled(streams.map((s) => s.done));
    await gateway.stop();
    if (keep) console.error(`[subscriptions] server log kept in ${gateway.logFile}`);
    else rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/** @param {Awaited<ReturnType<typeof measureSubscriptions>>} r */
export function renderSubscriptions(r) {
  const bound = 2 * (60_000 / r.pollIntervalMs);
  return [
    `## Subscriptions (wrangler dev): ${r.streams} streams held ${r.holdSeconds.toFixed(0)} s, ${r.mutations} mutations at 5/s`,
    "",
    "| streams | deliveries | latency p50 | latency p95 | max | stream D1 round trips / min | stream D1 statements / min | other D1 round trips / min | errors |",
    "|---|---|---|---|---|---|---|---|---|",
    `| ${r.streams} | ${r.deliveries} | ${r.latencyMs.p50} ms | ${r.latencyMs.p95} ms | ${r.latencyMs.max} ms | ${r.streamD1PerMinute.roundTrips.toFixed(1)} | ${r.streamD1PerMinute.statements.toFixed(1)} | ${r.otherD1PerMinute.roundTrips.toFixed(1)} | ${r.errors} |`,
    "",
    `Targets: p95 ≤ ${2 * r.pollIntervalMs} ms (two intervals of ${r.pollIntervalMs} ms); stream D1 queries ≤ ${bound} / min plus catch-up reads; 0 errors.${r.errorSamples.length ? ` Errors: ${r.errorSamples.join("; ")}` : ""}`,
    "",
  ].join("\n");
}

/**
 * Runs the measure alone and writes bench-results/subscriptions.{md,json}.
 * @param {string} root
 */
export async function runSubscriptionBench(root) {
  const result = await measureSubscriptions(root);
  const markdown = renderSubscriptions(result);
  console.log(`\n${markdown}`);
  const out = path.join(root, "bench-results");
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "subscriptions.json"), `${JSON.stringify({ generatedAt: new Date().toISOString(), ...result }, null, 2)}\n`);
  await writeFile(path.join(out, "subscriptions.md"), markdown);
  return result;
}
