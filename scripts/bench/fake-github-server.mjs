import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

/**
 * A small GitHub stand-in for the event-pipeline bench, on 127.0.0.1: it issues installation tokens and
 * answers the pull-request GraphQL read, so the measured pipeline makes the same calls it makes in
 * production without touching the network. It counts calls so the report can show them.
 * @returns {Promise<{ url: string, calls: Record<string, number>, close: () => Promise<void> }>}
 */
export async function startFakeGitHub() {
  /** @type {Record<string, number>} */
  const calls = {};
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const route = `${request.method} ${request.url?.replace(/\/\d+\//, "/{id}/")}`;
    calls[route] = (calls[route] ?? 0) + 1;
    const send = (/** @type {number} */ status, /** @type {unknown} */ json) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(json));
    };
    if (request.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(request.url ?? "")) {
      return send(201, { token: `bench-${randomUUID()}`, expires_at: new Date(Date.now() + 3600_000).toISOString() });
    }
    if (request.method === "POST" && request.url === "/graphql") {
      const { variables } = JSON.parse(body);
      const pullRequest = {
        id: `PR_bench_${variables.number}`,
        title: `Bench pull request #${variables.number}`,
        state: "OPEN",
        isDraft: false,
        merged: false,
        additions: 12,
        deletions: 3,
        changedFiles: 2,
        headRefOid: "0".repeat(40),
        baseRefName: "main",
        author: { login: "bench" },
      };
      const rateLimit = { cost: 1, remaining: 4999, resetAt: new Date(Date.now() + 3600_000).toISOString() };
      return send(200, { data: { repository: { pullRequest }, rateLimit } });
    }
    send(404, { message: "Not Found" });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
