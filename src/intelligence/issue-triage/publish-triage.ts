import { addIssueLabels } from "../../github/add-issue-labels";
import type { RepositoryRef } from "../../github/repository-ref";
import { upsertStickyComment, type StickyComment } from "../../github/upsert-sticky-comment";
import { TRIAGE_COMMENT_MARKER } from "../triage/triage-comment";
import type { TriagePlan } from "./plan-triage";

export interface PublishedTriage {
  /** The labels GitHub says the issue has after the additions; null when nothing was added. */
  labels: string[] | null;
  comment: StickyComment | null;
}

/**
 * Writes a triage plan to the issue: adds its labels (never removes one) and creates or updates the one sticky
 * triage comment. The caller holds the issue's lease, so two triages never race to create the comment.
 */
export async function publishTriage(env: Env, ref: RepositoryRef, number: number, plan: TriagePlan): Promise<PublishedTriage> {
  const labels = plan.labelsToAdd.length > 0 ? await addIssueLabels(env, ref, number, plan.labelsToAdd) : null;
  const comment = plan.comment === null ? null : await upsertStickyComment(env, ref, number, TRIAGE_COMMENT_MARKER, plan.comment);
  return { labels, comment };
}
