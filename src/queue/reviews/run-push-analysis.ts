import { analyzePush } from "../../intelligence/pull-request-review/analyze-push";
import { publishReview, PUSH_CHECK_NAME } from "../../intelligence/pull-request-review/publish-review";
import type { PushAnalysisMessage } from "./review-message";

/** What a push analysis did, for the log: the check run's conclusion, or why there was none. */
export type PushAnalysisOutcome = { kind: "published"; conclusion: string; findings: number; errors: string[] } | { kind: "skipped"; reason: string };

/**
 * Analyses a push to the default branch (compare `before...after`) and publishes one check run on its head
 * commit, never a comment. Nothing is stored: the check run is the record, and looking it up before creating it
 * keeps a retried job from making a second one. A refused write (403, 422) is returned, not thrown.
 */
export async function runPushAnalysis(env: Env, message: PushAnalysisMessage): Promise<PushAnalysisOutcome> {
  const [owner, name] = message.repository.split("/") as [string, string];
  const ref = { installationId: message.installationId, deliveryId: message.deliveryId, owner, name };
  const analysis = await analyzePush(env, ref, { before: message.before, after: message.after });
  if (analysis.kind === "skipped") return analysis;
  const publication = await publishReview(env, ref, { number: null, headSha: message.after, checkName: PUSH_CHECK_NAME }, analysis.review, analysis.config);
  return { kind: "published", conclusion: publication.conclusion, findings: analysis.review.findings.length, errors: publication.errors.map((e) => `${e.step}: ${e.code}`) };
}
