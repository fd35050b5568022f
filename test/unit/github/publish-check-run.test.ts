import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { createCheckRun, updateCheckRun, type CheckRunAnnotation } from "../../../src/github/check-run";
import { githubRequest } from "../../../src/github/github-request";
import { getInstallationToken } from "../../../src/github/installation-token";
import { publishCheckRun } from "../../../src/github/publish-check-run";
import { FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** A pull request head whose diff shows lines 1 to 200 of src/big.ts. */
function pullRequestHead() {
  const given = givenRepository(github);
  const base = given.repo.commit();
  const lines = Array.from({ length: 200 }, (_, i) => `export const v${i} = ${i};`).join("\n");
  const head = given.repo.commit({ branch: "feature", parents: [base], files: { "src/big.ts": lines } });
  given.repo.addPullRequest({ base, head });
  return { ...given, head };
}

const annotations = (n: number, line = (i: number) => i + 1): CheckRunAnnotation[] =>
  Array.from({ length: n }, (_, i) => ({ path: "src/big.ts", start_line: line(i), end_line: line(i), annotation_level: "warning", message: `finding ${i}` }));

const review = (head: string, count: number) => ({
  name: "ChittyConnect review",
  head_sha: head,
  status: "completed" as const,
  conclusion: "neutral" as const,
  output: { title: `${count} findings`, summary: "What the review found", text: "Details", annotations: annotations(count) },
});

describe("publishCheckRun", () => {
  it("publishes 120 annotations as one create and two updates, and GitHub keeps every one", async () => {
    const { repo, ref, head } = pullRequestHead();

    const published = await publishCheckRun(bindings, ref, review(head, 120));

    const writes = github.restCalls(repo).filter((c) => c.method !== "GET");
    expect(writes.map((c) => c.method)).toEqual(["POST", "PATCH", "PATCH"]);
    expect(published.requests).toBe(3);
    const [run] = github.checkRunsOn(repo, head);
    expect(github.checkRunsOn(repo, head)).toHaveLength(1);
    expect(run!.annotationsPerRequest).toEqual([50, 50, 20]);
    expect(run!.annotations.map((a) => a.message)).toEqual(annotations(120).map((a) => a.message));
    expect(published).toMatchObject({ id: run!.id, html_url: `https://github.test/${repo.fullName}/runs/${run!.id}` });
    // Concluded only by the last request, once every annotation is there.
    expect(writes.map((c) => [c.body?.status, c.body?.conclusion])).toEqual([["in_progress", undefined], [undefined, undefined], ["completed", "neutral"]]);
    expect(run).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "120 findings", summary: "What the review found", text: "Details" } });
  });

  it("publishes 50 annotations or fewer in a single create with the final conclusion", async () => {
    const { repo, ref, head } = pullRequestHead();
    const published = await publishCheckRun(bindings, ref, review(head, 50));
    expect(published.requests).toBe(1);
    expect(github.restCalls(repo).map((c) => c.method)).toEqual(["POST"]);
    expect(github.checkRunsOn(repo, head)[0]).toMatchObject({ status: "completed", conclusion: "neutral", annotationsPerRequest: [50] });
  });

  it("publishes a run without annotations", async () => {
    const { repo, ref, head } = pullRequestHead();
    await publishCheckRun(bindings, ref, review(head, 0));
    expect(github.checkRunsOn(repo, head)[0]).toMatchObject({ conclusion: "neutral", annotations: [] });
  });

  it("sends nothing when any annotation is one GitHub would refuse, so no run is left half published", async () => {
    const { repo, ref, head } = pullRequestHead();
    const run = review(head, 80);
    run.output.annotations[72] = { ...run.output.annotations[72]!, start_line: 9, end_line: 3 };
    await expect(publishCheckRun(bindings, ref, run)).rejects.toMatchObject({ code: "GITHUB_WRITE_INVALID", retryable: false });
    expect(github.restCalls(repo)).toEqual([]);
  });
});

describe("createCheckRun and updateCheckRun", () => {
  it("refuse more than 50 annotations in one request before sending it", async () => {
    const { repo, ref, head } = pullRequestHead();
    await expect(createCheckRun(bindings, ref, { name: "x", head_sha: head, output: { title: "t", summary: "s", annotations: annotations(51) } })).rejects.toMatchObject({ code: "GITHUB_WRITE_INVALID" });
    expect(github.restCalls(repo)).toEqual([]);
  });

  it("show how GitHub answers 422 for an annotation outside the diff (strict fake): a rejection that is not retried", async () => {
    github.strictAnnotations = true;
    const { repo, ref, head } = pullRequestHead();
    const created = await createCheckRun(bindings, ref, { name: "x", head_sha: head, status: "in_progress", output: { title: "t", summary: "s", annotations: annotations(2) } });

    const outside = annotations(1, () => 250);
    const refusal = updateCheckRun(bindings, ref, created.id, { output: { title: "t", summary: "s", annotations: outside } });
    await expect(refusal).rejects.toMatchObject({
      code: "GITHUB_WRITE_REJECTED",
      retryable: false,
      githubMessage: "Validation Failed",
      githubErrors: [{ resource: "CheckRun", code: "invalid", field: "annotations" }],
    });
    expect(github.restCalls(repo, "PATCH")).toHaveLength(1);
    expect(github.checkRuns.get(created.id)!.annotations).toHaveLength(2);
  });

  it("are refused without checks:write as GITHUB_WRITE_FORBIDDEN, naming the permission, and not retried", async () => {
    const { repo, ref } = givenRepository(github, { permissions: { metadata: "read", checks: "read", issues: "write" } });
    const head = repo.commit();
    const error = await createCheckRun(bindings, ref, { name: "x", head_sha: head }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "GITHUB_WRITE_FORBIDDEN", retryable: false, acceptedPermissions: "checks=write", githubMessage: "Resource not accessible by integration" });
    expect(github.restCalls(repo, "POST")).toHaveLength(1);
  });

  it("do not retry a create GitHub failed with 502, which may have made the run", async () => {
    const { repo, ref, head } = pullRequestHead();
    github.fail(`POST /repos/${repo.fullName}/check-runs`, { status: 502 });
    await expect(createCheckRun(bindings, ref, { name: "x", head_sha: head })).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", retryable: true });
    expect(github.restCalls(repo, "POST")).toHaveLength(1);
  });

  it("meet a fake GitHub that, like GitHub, answers 422 to 51 annotations in one request", async () => {
    const { repo, ref, head } = pullRequestHead();
    const token = await getInstallationToken(bindings, ref.installationId);
    const send = githubRequest(bindings, { token })("POST /repos/{owner}/{repo}/check-runs", {
      owner: ref.owner,
      repo: ref.name,
      name: "x",
      head_sha: head,
      output: { title: "t", summary: "s", annotations: annotations(51) },
    });
    await expect(send).rejects.toMatchObject({ status: 422, response: { data: { message: "Validation Failed", errors: [{ resource: "CheckRun", field: "annotations" }] } } });
    expect(github.checkRunsOn(repo, head)).toEqual([]);
  });

  it("reports GitHub's answer for a commit it does not have as a rejected write", async () => {
    const { ref } = pullRequestHead();
    await expect(createCheckRun(bindings, ref, { name: "x", head_sha: "a".repeat(40) })).rejects.toMatchObject({ code: "GITHUB_WRITE_REJECTED", githubMessage: `No commit found for SHA: ${"a".repeat(40)}` });
  });
});
