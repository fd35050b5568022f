import { createHmac, randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { startFakeGitHub } from "./fake-github-server.mjs";
import { serveWithWrangler } from "./serve-wrangler.mjs";

const SEND_CONCURRENCY = 25;
const POLL_INTERVAL_MS = 500;
const TIMEOUT_MS = 10 * 60 * 1000;
// The three event shapes the pipeline handles most: an issue, a push with commits, and a pull request,
// whose handler reads the PR from (fake) GitHub's GraphQL API as the installation.
const KINDS = ["issues", "push", "pull_request"];
/** Chronicle type each kind writes exactly once per delivery. */
const TYPE = { issues: "github.issues.opened", push: "github.push", pull_request: "github.pull_request.opened" };

/** @param {string} kind @param {number} i @param {number} installationId */
function payload(kind, i, installationId) {
  const repository = { id: 900_000 + (i % 20), node_id: `R_bench_${i % 20}`, full_name: `bench/repo-${i % 20}`, name: `repo-${i % 20}`, owner: { login: "bench" }, private: false };
  const installation = { id: installationId };
  if (kind === "issues") {
    return { action: "opened", issue: { node_id: `I_bench_${randomUUID()}`, number: i + 1, title: `Issue ${i}`, state: "open", labels: [], user: { login: "bench" } }, repository, installation, sender: { login: "bench" } };
  }
  if (kind === "push") {
    const sha = randomUUID().replaceAll("-", "").padEnd(40, "0");
    const commit = { id: sha, message: `Commit ${i}`, timestamp: new Date().toISOString(), author: { name: "Bench", email: "bench@example.com" }, added: [`src/f${i}.ts`], removed: [], modified: ["README.md"] };
    return { ref: "refs/heads/main", before: "0".repeat(40), after: sha, repository, installation, sender: { login: "bench" }, commits: [commit] };
  }
  return {
    action: "opened",
    number: i + 1,
    pull_request: { node_id: `PR_bench_${randomUUID()}`, title: `PR ${i}`, state: "open", merged: false, draft: false, head: { sha: "1".repeat(40), ref: `topic-${i}` }, base: { ref: "main" }, user: { login: "bench" } },
    repository,
    installation,
    sender: { login: "bench" },
  };
}

/**
 * `npm run bench`'s end-to-end measure: signs `count` deliveries, POSTs them to `wrangler dev`, and
 * polls GraphQL until every one is processed; then checks through GraphQL that none was lost and none
 * was written twice. GITHUB_API_URL points at a fake GitHub on 127.0.0.1 started here.
 * @param {import("./workspace.mjs").Workspace} workspace
 * @param {number} count
 */
export async function measureEventPipeline(workspace, count) {
  const github = await startFakeGitHub();
  const servers = await serveWithWrangler({ ...workspace, secrets: { ...workspace.secrets, GITHUB_API_URL: github.url } }, { ackOnly: false });
  try {
    const secret = workspace.secrets.GITHUB_WEBHOOK_SECRET;
    const gql = async (/** @type {string} */ query, /** @type {Record<string, unknown>} */ variables = {}) => {
      const response = await fetch(`${servers.gatewayUrl}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${workspace.adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
      return body.data;
    };
    const since = new Date(Date.now() - 1000).toISOString();
    const installationId = 4_200_000 + Math.floor(Math.random() * 1000);
    const deliveries = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), kind: KINDS[i % KINDS.length], body: JSON.stringify(payload(KINDS[i % KINDS.length], i, installationId)) }));

    const started = performance.now();
    let next = 0;
    /** @type {number[]} */
    const statuses = [];
    await Promise.all(
      Array.from({ length: SEND_CONCURRENCY }, async () => {
        while (next < deliveries.length) {
          const d = deliveries[next++];
          const response = await fetch(`${servers.gatewayUrl}/integrations/github/webhook`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-github-event": d.kind,
              "x-github-delivery": d.id,
              "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(d.body).digest("hex")}`,
            },
            body: d.body,
          });
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      }),
    );
    const sentMs = performance.now() - started;

    let metrics;
    for (;;) {
      metrics = (await gql(`query($since: DateTime) { deliveryMetrics(since: $since) { counts { queued received processed failed dead ignored } retries p95ProcessingMs } }`, { since })).deliveryMetrics;
      if (metrics.counts.processed + metrics.counts.dead >= count) break;
      if (performance.now() - started > TIMEOUT_MS) break;
      await delay(POLL_INTERVAL_MS);
    }
    const processedMs = performance.now() - started;

    // Zero lost: every delivery id is processed. Zero duplicated: each has exactly one event of its type.
    const ours = new Set(deliveries.map((d) => d.id));
    /** @type {Map<string, string>} */
    const status = new Map();
    for (let after = null; ; ) {
      const page = (await gql(`query($after: String) { deliveries(first: 100, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }`, { after })).deliveries;
      for (const { node } of page.edges) if (ours.has(node.id)) status.set(node.id, node.status);
      if (!page.pageInfo.hasNextPage || status.size === ours.size) break;
      after = page.pageInfo.endCursor;
    }
    /** @type {Map<string, number>} */
    const events = new Map();
    for (const type of Object.values(TYPE)) {
      for (let after = null; ; ) {
        const page = (await gql(`query($type: String, $after: String) { timeline(type: $type, first: 100, after: $after) { edges { node { data } } pageInfo { hasNextPage endCursor } } }`, { type, after })).timeline;
        for (const { node } of page.edges) if (ours.has(node.data.deliveryId)) events.set(node.data.deliveryId, (events.get(node.data.deliveryId) ?? 0) + 1);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
    }
    const lost = deliveries.filter((d) => status.get(d.id) !== "processed" || !events.has(d.id)).length;
    const duplicated = [...events.values()].filter((n) => n > 1).length;
    return {
      deliveries: count,
      accepted: statuses.filter((s) => s === 202).length,
      sendSeconds: sentMs / 1000,
      allProcessedSeconds: processedMs / 1000,
      deliveriesPerSecond: count / (processedMs / 1000),
      p95ProcessingMs: metrics.p95ProcessingMs,
      retries: metrics.retries,
      dead: metrics.counts.dead,
      lost,
      duplicated,
      githubCalls: { ...github.calls },
    };
  } finally {
    await servers.stop();
    await github.close();
  }
}

/** @param {Awaited<ReturnType<typeof measureEventPipeline>>} r */
export function renderEventPipeline(r) {
  return [
    "## Event pipeline (wrangler dev): signed webhooks → EVENT_Q → handlers → D1",
    "",
    "| deliveries | accepted (202) | all sent | all processed | deliveries/s | p95 processing | retries | dead | lost | duplicated |",
    "|---|---|---|---|---|---|---|---|---|---|",
    `| ${r.deliveries} | ${r.accepted} | ${r.sendSeconds.toFixed(1)} s | ${r.allProcessedSeconds.toFixed(1)} s | ${r.deliveriesPerSecond.toFixed(1)} | ${r.p95ProcessingMs ?? "–"} ms | ${r.retries} | ${r.dead} | ${r.lost} | ${r.duplicated} |`,
    "",
    `Fake GitHub calls: ${Object.entries(r.githubCalls).map(([route, n]) => `${route} ×${n}`).join(", ") || "none"}.`,
    "",
  ].join("\n");
}
