import { isUniqueViolation, type Database } from "../../db/client";
import { repositoryKeyOf, type PullRequestRow, type ReviewCounts } from "../../db/schema";
import type { BatchItem } from "../../db/batch";
import { SEVERITIES, type Finding, type Severity } from "../../intelligence/analysis/finding";
import { currentPullRequest } from "../../intelligence/pull-request-review/current-pull-request";
import { publishReview, REVIEW_CHECK_NAME, type Publication } from "../../intelligence/pull-request-review/publish-review";
import { reviewPullRequest, type PullRequestReviewResult } from "../../intelligence/pull-request-review/review-pull-request";
import { lastFinishedReview, reviewAtHead } from "../../resolvers/review-records";
import { claimReview, releaseReview } from "./review-claim";
import { sendReviewMessage, type PullRequestReviewMessage } from "./review-message";
import { reviewChangeWrites } from "./review-change";
import { findingsFit, reviewWrites, type ReviewRecord } from "./review-store";

/** What a job did: reviewed (or recorded a skip), found the head reviewed already, or had nothing to do. */
export type ReviewJobOutcome = "reviewed" | "skipped" | "already-reviewed" | "closed" | "nothing-waiting";

// A pull_request event recording DNA for the same pull request at the same moment makes the batch fail on the
// DNA sequence; the writes are computed again on the winner's record.
const CONFLICT_ATTEMPTS = 3;

/**
 * One review job: takes the pull request's waiting request (or nothing, when another job holds it or none
 * waits), reads the head GitHub reports now, and reviews it unless that head already has a finished review
 * (never twice for one head SHA; an explicit full review is the exception). The review, its findings, the
 * Chronicle event and DNA, and the release of the hold commit in one batch; a request made meanwhile is sent on.
 * GitHub errors propagate with the hold kept, so the message's retry takes it back.
 */
export async function runPullRequestReview(env: Env, db: Database, message: PullRequestReviewMessage, jobId: string): Promise<ReviewJobOutcome> {
  const key = repositoryKeyOf(message.repository);
  const claim = await claimReview(db, key, message.number, jobId, Date.now());
  if (!claim) return "nothing-waiting";
  const [owner, name] = message.repository.split("/") as [string, string];
  const ref = { installationId: claim.installationId, deliveryId: message.deliveryId, owner, name };
  const pr = await currentPullRequest(env, { ...ref, number: message.number });
  if (!pr || !pr.open) return finish(env, db, claim, jobId, [], "closed");
  const existing = await reviewAtHead(db, key, message.number, pr.headSha);
  const full = claim.fullReviewRequested;
  if (existing?.status === "completed" && !full) return finish(env, db, claim, jobId, [], "already-reviewed");

  const startedAt = Date.now();
  const last = full ? null : await lastFinishedReview(db, key, message.number);
  const lastReview = last && last.row.headSha !== pr.headSha ? { headSha: last.row.headSha, findings: last.findings, findingsComplete: last.row.findingsComplete } : null;
  const result = await reviewPullRequest(env, ref, { ...pr, number: message.number }, lastReview, env.AI);
  const publication = result.kind === "reviewed" ? await publishReview(env, ref, { number: message.number, headSha: pr.headSha, checkName: REVIEW_CHECK_NAME }, result.review, result.config) : null;

  const id = existing?.id ?? crypto.randomUUID();
  const record = recordOf(id, claim, pr.headSha, result, publication, startedAt);
  const findings = result.kind === "reviewed" ? { open: result.review.findings, resolved: result.review.resolved, isNew: (f: Finding) => result.review.newFingerprints.has(f.fingerprint) } : { open: [], resolved: [], isNew: () => false };
  for (let attempt = 1; ; attempt++) {
    const now = Date.now();
    const change = await reviewChangeWrites(env, db, {
      reviewId: id,
      repository: claim.repository,
      number: claim.number,
      // The node id the events named: the ChittyID their handler minted belongs to it.
      nodeId: claim.nodeId,
      headSha: pr.headSha,
      status: record.status,
      mode: record.mode ?? null,
      riskScore: record.risk?.score ?? null,
      conclusion: record.conclusion ?? null,
      counts: record.counts ?? null,
      skipped: record.skipped.map((s) => s.reason),
      publishErrors: record.publishErrors.map(({ step, code }) => ({ step, code })),
      deliveryId: message.deliveryId,
    }, now);
    try {
      return await finish(env, db, claim, jobId, [...reviewWrites(db, { ...record, reviewedAt: now }, findings), ...change.writes], record.status === "completed" ? "reviewed" : "skipped", full);
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Commits the job's writes with the release of its hold, and sends on a request that arrived meanwhile. */
async function finish(env: Env, db: Database, claim: PullRequestRow, jobId: string, writes: BatchItem[], outcome: ReviewJobOutcome, fullDone = false): Promise<ReviewJobOutcome> {
  const release = releaseReview(db, claim.repositoryKey, claim.number, jobId, Date.now(), { fullDone });
  // One transaction, so the release reads whether a request arrived while the job ran.
  const [released] = await db.batch([release, ...writes]);
  if (released[0]?.requestedAt != null) {
    await sendReviewMessage(env, { kind: "pull_request.review", deliveryId: crypto.randomUUID(), repository: released[0].repository, number: claim.number });
  }
  return outcome;
}

function countsOf(result: Extract<PullRequestReviewResult, { kind: "reviewed" }>): ReviewCounts {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of result.review.findings) bySeverity[finding.severity]++;
  return {
    open: result.review.findings.length,
    new: result.review.newFingerprints.size,
    resolved: result.review.resolved.length,
    bySeverity,
    filesChanged: result.stats.filesChanged,
    filesAnalyzed: result.stats.filesAnalyzed,
  };
}

function recordOf(id: string, claim: PullRequestRow, headSha: string, result: PullRequestReviewResult, publication: Publication | null, startedAt: number): ReviewRecord {
  const base = { id, repositoryKey: claim.repositoryKey, number: claim.number, repository: claim.repository, installationId: claim.installationId, headSha, startedAt, reviewedAt: startedAt };
  if (result.kind === "skipped") {
    return { ...base, status: "skipped", mode: null, baseSha: null, summary: null, risk: null, counts: null, findingsComplete: true, skipped: result.skips, configProblems: result.configProblems, aiSummary: null, conclusion: null, commentId: null, commentUrl: null, checkRunId: null, checkRunUrl: null, publishErrors: [] };
  }
  const { review, scope } = result;
  return {
    ...base,
    status: "completed",
    mode: scope.mode,
    baseSha: scope.mode === "incremental" ? scope.baseSha : null,
    summary: review.summary,
    risk: review.risk,
    counts: countsOf(result),
    findingsComplete: findingsFit(review.findings, review.resolved),
    skipped: [...review.skipped.map((file) => ({ path: file.path, reason: file.detail })), ...result.notes],
    configProblems: review.configProblems,
    aiSummary: review.aiSummary ?? null,
    conclusion: publication?.conclusion ?? null,
    commentId: publication?.comment?.id ?? null,
    commentUrl: publication?.comment?.url ?? null,
    checkRunId: publication?.checkRun?.id ?? null,
    checkRunUrl: publication?.checkRun?.url ?? null,
    publishErrors: publication?.errors ?? [],
  };
}
