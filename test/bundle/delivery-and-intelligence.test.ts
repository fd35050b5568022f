import { sign } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { examplePayload } from "../fixtures/github/payloads";
import { bundleFetch, bundleGraphql, bundleSecrets } from "./helpers";

// What ships, end to end: the bundled worker's webhook route, its queue and consumer, and the GraphQL fields the
// review and triage work added. The workerd-pool tests cover the same paths through Vite's module resolution,
// which is not the bundle's (that is how two copies of graphql once went unseen).

/** A repository webhook's pull_request.opened (no installation): recorded from the payload, with no GitHub call. */
async function deliverPullRequest(deliveryId: string): Promise<Response> {
  const payload = examplePayload("pull_request", "opened");
  delete payload.installation;
  const body = JSON.stringify(payload);
  return bundleFetch("/integrations/github/webhook", {
    key: null,
    method: "POST",
    body,
    headers: {
      "x-github-event": "pull_request",
      "x-github-delivery": deliveryId,
      "x-hub-signature-256": await sign(bundleSecrets().GITHUB_WEBHOOK_SECRET!, body),
    },
  });
}

async function deliveryStatus(deliveryId: string): Promise<string | undefined> {
  const { body } = await bundleGraphql("{ deliveries(first: 50) { edges { node { id status attempts } } } }");
  return body.data?.deliveries.edges.find((edge: { node: { id: string } }) => edge.node.id === deliveryId)?.node.status;
}

describe("the bundled worker, end to end", () => {
  it("acknowledges a signed delivery twice and its consumer processes it once", async () => {
    const deliveryId = crypto.randomUUID();
    const answers = [await deliverPullRequest(deliveryId), await deliverPullRequest(deliveryId)];
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(await answers[0]!.json()).toEqual({ deliveryId, status: "queued" });

    let status: string | undefined;
    for (let poll = 0; poll < 40 && status !== "processed"; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await deliveryStatus(deliveryId);
    }
    expect(status).toBe("processed");
    const { body } = await bundleGraphql("{ deliveries(first: 50) { edges { node { id attempts } } } }");
    const copies = body.data?.deliveries.edges.filter((edge: { node: { id: string } }) => edge.node.id === deliveryId);
    expect(copies).toHaveLength(1);
  });

  it("refuses a delivery whose signature does not match, and keeps nothing", async () => {
    const deliveryId = crypto.randomUUID();
    const response = await bundleFetch("/integrations/github/webhook", {
      key: null,
      method: "POST",
      body: JSON.stringify({ zen: "Keep it logically awesome." }),
      headers: { "x-github-event": "ping", "x-github-delivery": deliveryId, "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("INVALID_SIGNATURE");
    expect(await deliveryStatus(deliveryId)).toBeUndefined();
  });

  it("answers the review and triage fields with typed results for what it has never seen", async () => {
    const analysis = await bundleGraphql('{ pullRequestAnalysis(repository: "octo/unknown", number: 7) { headSha conclusion } }');
    expect(analysis.status).toBe(200);
    expect(analysis.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(analysis.body.data).toEqual({ pullRequestAnalysis: null });

    const triage = await bundleGraphql('{ issueTriage(repository: "octo/unknown", number: 12) { status } repositoryContext(repository: "octo/unknown") { defaultBranch } }');
    expect(triage.body).toEqual({ data: { issueTriage: null, repositoryContext: null } });

    const invalid = await bundleGraphql('{ issueTriage(repository: "not a repository", number: 0) { status } }');
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
  });

  it("refuses the same fields without a credential", async () => {
    const anonymous = await bundleGraphql('{ issueTriage(repository: "octo/unknown", number: 12) { status } }', {}, { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('"issueTriage"');
  });
});
