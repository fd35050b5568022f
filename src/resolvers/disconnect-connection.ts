import { and, eq, ne } from "drizzle-orm";
import type { RequestContext } from "../context";
import { isUniqueViolation } from "../db/client";
import { connections, type ConnectionRow } from "../db/schema";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import { ConflictError } from "../errors";
import { atomicBatch, type BatchItem } from "../db/batch";
import { CONNECTION_SUBJECT, loadConnectionForChange, observableConnectionState } from "./connection";
import { evictConnections } from "../cache/connection-cache";

export type DisconnectReason = "requested" | "context_deleted";

/**
 * Disconnects a live connection. A second disconnect is refused with 409 ALREADY_DISCONNECTED and writes
 * nothing, as a second delete of a context is: the history records each disconnect exactly once.
 */
export async function disconnectConnection(ctx: RequestContext, id: string): Promise<ConnectionRow> {
  const current = await loadConnectionForChange(ctx, id, "connections:write");
  if (current.status === "disconnected") {
    throw new ConflictError(`Connection ${id} is already disconnected; create a new connection instead`, "ALREADY_DISCONNECTED");
  }
  const { statements, disconnected } = await disconnectStatements(ctx, [current], Date.now(), "requested");
  await atomicBatch(ctx.db, statements, (error) =>
    isUniqueViolation(error, "dna_records")
      ? new ConflictError(`Connection ${id} changed while you were disconnecting it; re-read it and try again`, "CONNECTION_CHANGED")
      : undefined,
  );
  await evictConnections(ctx, [id]);
  return disconnected[0]!;
}

/**
 * The writes that disconnect live connections, for the caller's batch: the status change, a DNA record and a
 * Chronicle event for each. Context deletion uses them too, so a deleted context leaves no live connection.
 * Callers evict the connections from KV once the batch has committed.
 */
export async function disconnectStatements(
  ctx: RequestContext,
  live: readonly ConnectionRow[],
  now: number,
  reason: DisconnectReason,
): Promise<{ statements: BatchItem[]; disconnected: ConnectionRow[] }> {
  // A context has at most one live connection per service, so these reads are few; they run together.
  const changes = await Promise.all(
    live.map(async (current) => {
      const next: ConnectionRow = { ...current, status: "disconnected", disconnectedAt: now, updatedAt: now };
      const writes: BatchItem[] = [
        ctx.db
          .update(connections)
          .set({ status: next.status, disconnectedAt: now, updatedAt: now })
          .where(and(eq(connections.id, current.id), ne(connections.status, "disconnected"))),
        ...(await recordChange(ctx.db, {
          subjectId: current.id,
          subjectType: CONNECTION_SUBJECT,
          state: observableConnectionState(next),
          event: "disconnected",
          type: "connection.disconnected",
          data: { contextId: current.contextId, service: current.service, reason },
          actorId: ctx.actor.id,
          now,
        }, outboxTargets(ctx.env))),
      ];
      return { next, writes };
    }),
  );
  const statements = changes.flatMap((c) => c.writes);
  const disconnected = changes.map((c) => c.next);
  return { statements, disconnected };
}

/** A context's live connections, which its deletion disconnects. */
export function liveConnectionsOf(ctx: RequestContext, contextId: string) {
  return ctx.db
    .select()
    .from(connections)
    .where(and(eq(connections.contextId, contextId), ne(connections.status, "disconnected")));
}
