import { and, desc, eq, lt } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { chronicleEvents, type ChronicleEventRow } from "../db/schema";
import { dnaLineage } from "../ecosystem/dna";
import { decodeCursor, pageLimit, toPage, type Page } from "./pagination";

const isSeqKey = (key: unknown[]): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

export interface TimelineArgs {
  subjectId?: string | null;
  type?: string | null;
  first?: number | null;
  after?: string | null;
}

/** A subject's Chronicle events, newest first, keyset-paginated on the event sequence. */
export async function listTimeline(ctx: RequestContext, args: TimelineArgs): Promise<Page<ChronicleEventRow>> {
  // Timelines can name any subject, so reading them across subjects is an administrator's view.
  requireCapability(ctx.actor, args.subjectId ? "contexts:read" : "actors:admin");
  return timelinePage(ctx.db, args);
}

/** The timeline query itself; callers first check the capability their kind of subject needs. */
export async function timelinePage(db: Database, args: TimelineArgs): Promise<Page<ChronicleEventRow>> {
  const limit = pageLimit(args.first);
  const conditions = [];
  if (args.subjectId) conditions.push(eq(chronicleEvents.subjectId, args.subjectId));
  if (args.type) conditions.push(eq(chronicleEvents.type, args.type));
  if (args.after) conditions.push(lt(chronicleEvents.seq, decodeCursor(args.after, isSeqKey)[0]));
  const rows = await db
    .select()
    .from(chronicleEvents)
    .where(and(...conditions))
    .orderBy(desc(chronicleEvents.seq))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.seq]);
}

/** A subject's DNA lineage, genesis first. */
export async function listDna(ctx: RequestContext, subjectId: string) {
  requireCapability(ctx.actor, "contexts:read");
  return dnaLineage(ctx.db, subjectId);
}
