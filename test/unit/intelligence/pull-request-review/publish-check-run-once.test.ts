import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { createCheckRun, type CheckRunAnnotation } from "../../../../src/github/check-run";
import { publishCheckRunOnce } from "../../../../src/intelligence/pull-request-review/publish-check-run-once";
import { FakeGitHub, givenRepository } from "../../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function head() {
  const given = givenRepository(github);
  const base = given.repo.commit();
  const lines = Array.from({ length: 200 }, (_, i) => `export const v${i} = ${i};`).join("\n");
  const sha = given.repo.commit({ branch: "feature", parents: [base], files: { "src/big.ts": lines } });
  given.repo.addPullRequest({ base, head: sha });
  return { ...given, sha };
}

const annotations = (n: number): CheckRunAnnotation[] =>
  Array.from({ length: n }, (_, i) => ({ path: "src/big.ts", start_line: i + 1, end_line: i + 1, annotation_level: "warning", message: `finding ${i}` }));
const run = (sha: string, count: number) => ({
  name: "ChittyConnect review",
  head_sha: sha,
  status: "completed" as const,
  conclusion: "neutral" as const,
  completed_at: new Date().toISOString(),
  output: { title: `${count} findings`, summary: "What the review found", annotations: annotations(count) },
});

describe("publishCheckRunOnce", () => {
  it("creates the run when the commit has none of the App's", async () => {
    const { ref, repo, sha } = head();
    const published = await publishCheckRunOnce(bindings, ref, run(sha, 70));
    expect(published).toMatchObject({ found: false, requests: 2 });
    expect(github.checkRunsOn(repo, sha)).toHaveLength(1);
  });

  it("leaves a concluded run alone when the same head is published again", async () => {
    const { ref, repo, sha } = head();
    const first = await publishCheckRunOnce(bindings, ref, run(sha, 10));
    const writes = github.restCalls(repo).filter((c) => c.method !== "GET").length;
    const again = await publishCheckRunOnce(bindings, ref, run(sha, 10));
    expect(again).toMatchObject({ id: first.id, found: true, requests: 0 });
    expect(github.restCalls(repo).filter((c) => c.method !== "GET")).toHaveLength(writes);
    expect(github.checkRunsOn(repo, sha)).toHaveLength(1);
  });

  it("finishes a run an earlier attempt left in progress: only the missing annotations, then the conclusion", async () => {
    const { ref, repo, sha } = head();
    // The attempt that died had created the run with its first 50 annotations.
    await createCheckRun(bindings, ref, { name: "ChittyConnect review", head_sha: sha, status: "in_progress", output: { title: "…", summary: "…", annotations: annotations(50) } });

    const finished = await publishCheckRunOnce(bindings, ref, run(sha, 120));

    const [only] = github.checkRunsOn(repo, sha);
    expect(github.checkRunsOn(repo, sha)).toHaveLength(1);
    expect(finished).toMatchObject({ id: only!.id, found: true, requests: 2 });
    expect(only!.annotationsPerRequest).toEqual([50, 50, 20]);
    expect(only!.annotations.map((a) => a.message)).toEqual(annotations(120).map((a) => a.message));
    expect(only).toMatchObject({ status: "completed", conclusion: "neutral" });
  });

  it("ignores another App's run of the same name", async () => {
    const { ref, repo, sha } = head();
    await publishCheckRunOnce(bindings, ref, run(sha, 1));
    const [ours] = github.checkRunsOn(repo, sha);
    // Another App's run: the fake reports every run as this App's, so the App id is changed instead.
    const other = await publishCheckRunOnce({ ...bindings, GITHUB_APP_ID: "1" } as Env, ref, run(sha, 1));
    expect(other.found).toBe(false);
    expect(other.id).not.toBe(ours!.id);
  });
});
