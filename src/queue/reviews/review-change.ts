import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import type { ReviewCounts } from "../../db/schema";
import { outboxTargets } from "../../ecosystem/outbox/outbox-targets";
import { recordChange } from "../../ecosystem/record-change";
import { resolveEntities } from "../../resolvers/github-entities";

/** What a review is, for the pull request's DNA and its `github.pull_request.reviewed` Chronicle event. */
export interface ReviewChange {
  reviewId: string;
  repository: string;
  number: number;
  nodeId: string;
  headSha: string;
  status: "completed" | "skipped";
  mode: "full" | "incremental" | null;
  riskScore: number | null;
  conclusion: string | null;
  counts: ReviewCounts | null;
  skipped: string[];
  publishErrors: { step: string; code: string }[];
  deliveryId: string;
}

/**
 * The DNA evolution and the Chronicle event of one review, through recordChange (the one DNA + Chronicle
 * write). The pull request's ChittyID is the one its pull_request event minted; one is minted here if the
 * job ran first (a replayed request).
 */
export async function reviewChangeWrites(env: Env, db: Database, change: ReviewChange, now: number): Promise<{ subjectId: string; writes: BatchItem[] }> {
  const label = `${change.repository}#${change.number}`;
  const entities = await resolveEntities(env, db, [{ githubKey: change.nodeId, kind: "pull_request", label }], now);
  const subjectId = entities.idOf(change.nodeId);
  const { deliveryId, nodeId: _nodeId, ...data } = change;
  const writes = await recordChange(db, {
    subjectId,
    subjectType: "github_pull_request",
    state: { repository: change.repository, number: change.number, reviewedHead: change.headSha, review: change.status, risk: change.riskScore, conclusion: change.conclusion },
    event: "reviewed",
    type: "github.pull_request.reviewed",
    data: { deliveryId, ...data },
    actorId: null,
    now,
  }, outboxTargets(env));
  return { subjectId, writes: [...entities.statements, ...writes] };
}
