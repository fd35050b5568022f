import { and, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { authorize, hasCapability, isAdmin, requireCapability, type Capability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { actors, chronicleEvents, connections, contexts, delegations, installations, type ChronicleEventRow } from "../db/schema";
import { dnaLineage } from "../ecosystem/dna";
import { ForbiddenError } from "../errors";
import { decodeCursor, pageLimit, toPage, type Page } from "../db/pagination";

const isSeqKey = (key: unknown[]): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

export interface TimelineArgs {
  subjectId?: string | null;
  type?: string | null;
  /** Any of these event types. */
  types?: readonly string[] | null;
  /** Only events this actor caused. */
  actorId?: string | null;
  /** Occurred at or after / at or before (ms since the epoch). */
  since?: number | null;
  until?: number | null;
  first?: number | null;
  after?: string | null;
}

/** A subject's Chronicle events, newest first, keyset-paginated on the event sequence. */
export async function listTimeline(ctx: RequestContext, args: TimelineArgs): Promise<Page<ChronicleEventRow>> {
  // Without a subject this spans everyone's events: an administrator's view.
  if (args.subjectId) await requireSubjectVisible(ctx, args.subjectId);
  else requireCapability(ctx.actor, "actors:admin");
  return timelinePage(ctx.db, args);
}

/** The timeline query itself; callers first check that the caller may see the subject. */
export async function timelinePage(db: Database, args: TimelineArgs): Promise<Page<ChronicleEventRow>> {
  const limit = pageLimit(args.first);
  const conditions = [];
  if (args.subjectId) conditions.push(eq(chronicleEvents.subjectId, args.subjectId));
  if (args.type) conditions.push(eq(chronicleEvents.type, args.type));
  if (args.types?.length) conditions.push(inArray(chronicleEvents.type, [...args.types]));
  if (args.actorId) conditions.push(eq(chronicleEvents.actorId, args.actorId));
  if (args.since != null) conditions.push(gte(chronicleEvents.occurredAt, args.since));
  if (args.until != null) conditions.push(lte(chronicleEvents.occurredAt, args.until));
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
  await requireSubjectVisible(ctx, subjectId);
  return dnaLineage(ctx.db, subjectId);
}

/** What reading a subject's history needs, by the kind of subject: the same as reading the subject itself. */
const HISTORY_CAPABILITY = {
  actor: "actors:manage",
  context: "contexts:read",
  delegation: "delegate",
  connection: "connections:read",
} as const satisfies Record<string, Capability>;
type SubjectKind = keyof typeof HISTORY_CAPABILITY;

/**
 * History is as private as its subject: yourself, what you own, delegated or registered (with the capability
 * reading that kind of subject needs), GitHub installations for `github:admin`, or anything for administrators.
 */
export async function requireSubjectVisible(ctx: RequestContext, subjectId: string): Promise<void> {
  if (isAdmin(ctx.actor) || subjectId === ctx.actor.id) return;
  const kind = (k: SubjectKind) => sql<SubjectKind>`${k}`.as("kind");
  const owners = await ctx.db
    .select({ owner: actors.createdBy, kind: kind("actor") })
    .from(actors)
    .where(eq(actors.id, subjectId))
    .union(ctx.db.select({ owner: contexts.ownerId, kind: kind("context") }).from(contexts).where(eq(contexts.id, subjectId)))
    .union(ctx.db.select({ owner: delegations.delegatorId, kind: kind("delegation") }).from(delegations).where(eq(delegations.id, subjectId)))
    .union(ctx.db.select({ owner: connections.ownerId, kind: kind("connection") }).from(connections).where(eq(connections.id, subjectId)));
  const subject = owners[0];
  if (subject) {
    authorize(ctx.actor, HISTORY_CAPABILITY[subject.kind], { id: subject.owner, what: `The history of ${subjectId}` });
    return;
  }
  if (hasCapability(ctx.actor, "github:admin")) {
    const [installation] = await ctx.db.select({ id: installations.id }).from(installations).where(eq(installations.chittyId, subjectId)).limit(1);
    if (installation) return;
  }
  throw new ForbiddenError(`The history of ${subjectId} is not yours to read`);
}
