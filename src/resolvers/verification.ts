import type { RequestContext } from "../context";
import { createVerifyClient } from "../ecosystem/clients/verify-client";
import { ecosystemCallOptions } from "../ecosystem/context-ops";
import { dnaLineage } from "../ecosystem/dna";
import { verifyDnaChain } from "../ecosystem/verify-dna-chain";
import { requireSubjectVisible } from "./timeline";

/**
 * Verifies a subject's DNA chain (links, sequence and record hashes) for whoever may read its history: through
 * ChittyVerify when configured (best effort; the embedded check answers when it cannot), and always with the
 * local recomputation, which says whether the chain is tamper-evident and what its head hash is.
 */
export async function verifySubjectDna(ctx: RequestContext, subjectId: string) {
  await requireSubjectVisible(ctx, subjectId);
  const lineage = await dnaLineage(ctx.db, subjectId);
  const local = await verifyDnaChain(lineage);
  const verifier = await createVerifyClient(ctx.env, ecosystemCallOptions(ctx.env, ctx));
  const answer = await verifier.verify({ kind: "dna-chain", value: lineage });
  return {
    // A chain is valid only when both agree: a remote verdict cannot vouch for records the local hashes refuse.
    valid: answer.valid && local.valid,
    source: answer.source,
    reason: answer.reason ?? (local.valid ? null : local.problems.map((p) => `record ${p.recordId} (${p.sequence}) ${p.problem}`).join("; ")),
    degraded: answer.degraded ?? null,
    length: local.length,
    tamperEvident: local.tamperEvident,
    headHash: local.headHash,
  };
}
