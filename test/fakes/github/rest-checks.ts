import { diffLines } from "./diff-lines";
import { json, notFound, validationFailed, type Json } from "./http";
import type { FakeRepository } from "./repository";
import { performedViaApp } from "./resources";
import { refuseWrite, type RepoRequest, type RepoRoute } from "./routes";

export interface FakeCheckRun {
  id: number;
  repo: FakeRepository;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation received, across the create and its updates, in order. */
  annotations: Json[];
  /** How many annotations each request (create, then updates) carried. */
  annotationsPerRequest: number[];
}

let checkRunIds = 4_000_000_000;
const REQUIRED = ["path", "start_line", "end_line", "annotation_level", "message"] as const;

/** The lines of the diff GitHub shows for a commit: its pull requests' files if any, else its own changes. */
function diffOf(repo: FakeRepository, sha: string): Map<string, Set<number>> {
  const pulls = [...repo.issues.values()].filter((i) => i.pull?.head === sha);
  const files = pulls.length ? pulls.flatMap((p) => p.pull!.files) : (repo.commits.get(sha)?.changes ?? []);
  return new Map(files.map((f) => [f.filename, f.patch ? diffLines(f.patch) : new Set<number>()]));
}

/** GitHub's 422 for an output it will not take; undefined when the output is acceptable. */
function invalidOutput(request: RepoRequest, headSha: string, output: unknown): Response | undefined {
  if (output === undefined) return undefined;
  const o = output as Json;
  if (typeof o.summary !== "string" || typeof o.title !== "string" || (o.summary as string).length > 65_535) return validationFailed("CheckRun", "output");
  const annotations = (o.annotations ?? []) as Json[];
  if (!Array.isArray(annotations) || annotations.length > 50) return validationFailed("CheckRun", "annotations");
  if (annotations.some((a) => REQUIRED.some((field) => a[field] === undefined) || (a.end_line as number) < (a.start_line as number))) {
    return validationFailed("CheckRun", "annotations");
  }
  if (request.github.strictAnnotations) {
    // Stricter than GitHub, which keeps such annotations off the diff: this lets a test prove none is sent.
    const diff = diffOf(request.repo, headSha);
    const outside = annotations.some((a) => {
      const lines = diff.get(a.path as string);
      for (let line = a.start_line as number; line <= (a.end_line as number); line++) if (!lines?.has(line)) return true;
      return false;
    });
    if (outside) return validationFailed("CheckRun", "annotations");
  }
  return undefined;
}

function apply(run: FakeCheckRun, body: Json): void {
  if (typeof body.name === "string") run.name = body.name;
  if (typeof body.status === "string") run.status = body.status;
  if (typeof body.conclusion === "string") {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  const output = body.output as Json | undefined;
  if (output) {
    run.output = { title: (output.title as string) ?? run.output.title, summary: (output.summary as string) ?? run.output.summary, text: (output.text as string) ?? run.output.text };
    const annotations = (output.annotations ?? []) as Json[];
    run.annotations.push(...annotations);
    run.annotationsPerRequest.push(annotations.length);
  }
}

function resource(request: RepoRequest, run: FakeCheckRun): Json {
  const origin = request.url.origin;
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.head_sha,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    url: `${request.url.origin}/repos/${run.repo.fullName}/check-runs/${run.id}`,
    html_url: `${origin}/${run.repo.fullName}/runs/${run.id}`,
    output: { ...run.output, annotations_count: run.annotations.length },
    app: performedViaApp(),
    pull_requests: [],
  };
}

const needsConclusion = (body: Json) => (body.status === "completed" || body.completed_at !== undefined) && body.conclusion === undefined;

/** Check runs: created and updated with GitHub's limits, every annotation kept; listed per commit. */
export const checkRoutes: RepoRoute[] = [
  {
    method: "GET",
    path: /^\/commits\/([^/]+)\/check-runs$/,
    handle: (request, [, rev]) => {
      const sha = request.repo.resolve(decodeURIComponent(rev!));
      if (!sha) return json({ message: `No commit found for SHA: ${rev}`, status: "422" }, 422);
      const name = request.url.searchParams.get("check_name");
      const runs = [...request.github.checkRuns.values()].filter((r) => r.repo === request.repo && r.head_sha === sha && (name === null || r.name === name));
      return json({ total_count: runs.length, check_runs: runs.sort((a, b) => b.id - a.id).map((r) => resource(request, r)) });
    },
  },
  {
    method: "POST",
    path: /^\/check-runs$/,
    handle: (request) => {
      const refused = refuseWrite(request, ["checks"]);
      if (refused) return refused;
      const body = request.body ?? {};
      if (typeof body.name !== "string" || !body.name) return validationFailed("CheckRun", "name", "missing_field");
      const sha = typeof body.head_sha === "string" ? body.head_sha : "";
      if (!request.repo.commits.has(sha)) return json({ message: `No commit found for SHA: ${sha}`, status: "422" }, 422);
      if (needsConclusion(body)) return validationFailed("CheckRun", "conclusion", "missing_field");
      const invalid = invalidOutput(request, sha, body.output);
      if (invalid) return invalid;
      const run: FakeCheckRun = {
        id: checkRunIds++,
        repo: request.repo,
        name: body.name,
        head_sha: sha,
        status: "queued",
        conclusion: null,
        output: { title: null, summary: null, text: null },
        annotations: [],
        annotationsPerRequest: [],
      };
      apply(run, body);
      request.github.checkRuns.set(run.id, run);
      return json(resource(request, run), 201);
    },
  },
  {
    method: "PATCH",
    path: /^\/check-runs\/(\d+)$/,
    handle: (request, [, id]) => {
      const run = request.github.checkRuns.get(Number(id));
      if (!run || run.repo !== request.repo) return notFound();
      const refused = refuseWrite(request, ["checks"]);
      if (refused) return refused;
      const body = request.body ?? {};
      if (needsConclusion(body)) return validationFailed("CheckRun", "conclusion", "missing_field");
      const invalid = invalidOutput(request, run.head_sha, body.output);
      if (invalid) return invalid;
      apply(run, body);
      return json(resource(request, run));
    },
  },
];
