import { desc, gte } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { authFailureMinutes } from "../db/schema";

/** Refused unauthenticated requests per minute and reason, newest first; administrators only. */
export async function listAuthFailures(ctx: RequestContext, args: { since?: Date | null; first?: number | null }) {
  requireCapability(ctx.actor, "actors:admin");
  const since = args.since?.getTime() ?? Date.now() - 24 * 60 * 60 * 1000;
  return ctx.db
    .select()
    .from(authFailureMinutes)
    .where(gte(authFailureMinutes.minute, since))
    .orderBy(desc(authFailureMinutes.minute), authFailureMinutes.reason)
    .limit(args.first ?? 60);
}
