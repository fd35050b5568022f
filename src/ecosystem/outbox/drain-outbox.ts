import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { chittyIds, chronicleEvents, dnaRecords, ecosystemOutbox, type OutboxRow } from "../../db/schema";
import { AppError, ServiceUnreachableError } from "../../errors";
import { retryAfterMs } from "../backoff";
import { createChronicleClient } from "../clients/chronicle-client";
import { createDnaClient } from "../clients/dna-client";
import type { CallOptions } from "../http/call-service";
import { forwardChronicleEvent, forwardDnaRecord, type ForwardOutcome } from "./forward-record";

/** Rows one pass forwards at most; each is one call within the timeout, so a pass stays well inside a queue run. */
export const DRAIN_BATCH = 50;

export interface DrainResult {
  sent: number;
  failed: number;
  /** Due rows left for later: their record names a provisional id, or an earlier record of its chain is unsent. */
  held: number;
  /** Undelivered rows after this pass, and when the earliest of them is due (null when none is). */
  remaining: number;
  nextDueAt: number | null;
}

/**
 * Forwards the due outbox rows, oldest first, each under its record id as Idempotency-Key, and records each
 * outcome: delivered (with the remote id), or its error and a backoff. DNA records go in chain order, never past
 * an unsent one; records naming a provisional ChittyID wait for reconciliation, so the ecosystem only ever sees
 * authoritative ids. A service whose circuit opens ends its share of the pass. Safe to run concurrently: a record
 * sent twice carries the same key.
 */
export async function drainOutbox(env: Env, db: Database, options: CallOptions = {}): Promise<DrainResult> {
  const now = (options.now ?? Date.now)();
  const due = await db
    .select()
    .from(ecosystemOutbox)
    .where(and(isNull(ecosystemOutbox.deliveredAt), lte(ecosystemOutbox.nextAttemptAt, now)))
    .orderBy(asc(ecosystemOutbox.createdAt), asc(ecosystemOutbox.recordId))
    .limit(DRAIN_BATCH);
  const result: DrainResult = { sent: 0, failed: 0, held: 0, remaining: 0, nextDueAt: null };
  if (due.length > 0) {
    const dnaIds = due.filter((r) => r.kind === "dna").map((r) => r.recordId);
    const eventIds = due.filter((r) => r.kind === "chronicle").map((r) => r.recordId);
    const dna = dnaIds.length ? await db.select().from(dnaRecords).where(inArray(dnaRecords.id, dnaIds)) : [];
    const events = eventIds.length ? await db.select().from(chronicleEvents).where(inArray(chronicleEvents.id, eventIds)) : [];
    const provisional = await unreconciled(db, [...dna, ...events].flatMap((r) => [r.subjectId, r.actorId ?? ""]));
    const firstUnsent = await firstUnsentSequences(db, [...new Set(dna.map((r) => r.subjectId))]);
    const dnaById = new Map(dna.map((r) => [r.id, r]));
    const eventById = new Map(events.map((r) => [r.id, r]));
    const dnaClient = dnaIds.length ? await createDnaClient(env, options) : null;
    const chronicleClient = eventIds.length ? await createChronicleClient(env, options) : null;
    const stopped = new Set<OutboxRow["kind"]>();

    for (const row of due) {
      if (stopped.has(row.kind)) continue;
      const record = row.kind === "dna" ? dnaById.get(row.recordId) : eventById.get(row.recordId);
      if (!record) {
        // Its record is gone (it was never committed with it, or was purged): nothing is left to forward.
        await settle(db, row, { sent: false, reason: "its record no longer exists" }, now, true);
        continue;
      }
      const chainBlocked = "sequence" in record && (firstUnsent.get(record.subjectId) ?? record.sequence) < record.sequence;
      if (provisional.has(record.subjectId) || (record.actorId && provisional.has(record.actorId)) || chainBlocked) {
        result.held += 1;
        if ("sequence" in record) firstUnsent.set(record.subjectId, Math.min(firstUnsent.get(record.subjectId) ?? record.sequence, record.sequence));
        continue;
      }
      try {
        const outcome =
          "sequence" in record ? await forwardDnaRecord(dnaClient!, record) : await forwardChronicleEvent(chronicleClient!, record);
        await settle(db, row, outcome, now);
        if (outcome.sent) {
          result.sent += 1;
          if ("sequence" in record) firstUnsent.set(record.subjectId, record.sequence + 1);
        } else {
          result.failed += 1;
          stopped.add(row.kind);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.failed += 1;
        await settle(db, row, { sent: false, reason: error.message }, now);
        if (error instanceof ServiceUnreachableError && error.reason === "circuit-open") stopped.add(row.kind);
      }
    }
  }
  const [left] = await db
    .select({ count: sql<number>`count(*)`, nextDueAt: sql<number | null>`min(${ecosystemOutbox.nextAttemptAt})` })
    .from(ecosystemOutbox)
    .where(isNull(ecosystemOutbox.deliveredAt));
  return { ...result, remaining: left?.count ?? 0, nextDueAt: left?.nextDueAt ?? null };
}

async function settle(db: Database, row: OutboxRow, outcome: ForwardOutcome, now: number, drop = false): Promise<void> {
  const where = eq(ecosystemOutbox.recordId, row.recordId);
  if (drop) await db.delete(ecosystemOutbox).where(where);
  else if (outcome.sent) {
    await db.update(ecosystemOutbox).set({ deliveredAt: now, remoteId: outcome.remoteId, lastError: null, attempts: row.attempts + 1 }).where(where);
  } else {
    const attempts = row.attempts + 1;
    await db.update(ecosystemOutbox).set({ attempts, lastError: outcome.reason.slice(0, 500), nextAttemptAt: now + retryAfterMs(attempts) }).where(where);
  }
}

/** The ids among `ids` that are provisional and not yet replaced by the authority's. */
async function unreconciled(db: Database, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 90) {
    const rows = await db
      .select({ id: chittyIds.id })
      .from(chittyIds)
      .where(and(inArray(chittyIds.id, unique.slice(i, i + 90)), eq(chittyIds.source, "provisional"), isNull(chittyIds.replacedBy)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** For each subject, the lowest sequence among its DNA records still in the outbox: nothing after it may go first. */
async function firstUnsentSequences(db: Database, subjects: string[]): Promise<Map<string, number>> {
  const first = new Map<string, number>();
  for (let i = 0; i < subjects.length; i += 90) {
    const rows = await db
      .select({ subjectId: dnaRecords.subjectId, sequence: sql<number>`min(${dnaRecords.sequence})` })
      .from(ecosystemOutbox)
      .innerJoin(dnaRecords, eq(dnaRecords.id, ecosystemOutbox.recordId))
      .where(and(isNull(ecosystemOutbox.deliveredAt), eq(ecosystemOutbox.kind, "dna"), inArray(dnaRecords.subjectId, subjects.slice(i, i + 90))))
      .groupBy(dnaRecords.subjectId);
    for (const row of rows) first.set(row.subjectId, row.sequence);
  }
  return first;
}
