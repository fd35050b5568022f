import { sql } from "drizzle-orm";
import type { RequestContext } from "../context";
import { isNotNullViolation, isUniqueViolation } from "../db/client";
import { connections, contexts, type ConnectionRow } from "../db/schema";
import { recordChittyId } from "../ecosystem/chitty-id";
import { ecosystemCallOptions } from "../ecosystem/context-ops";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import { AppError, ConflictError } from "../errors";
import { atomicBatch } from "../db/batch";
import { CONNECTION_SUBJECT, observableConnectionState } from "./connection";
import { refreshConnectionCache } from "../cache/connection-cache";
import type { CreateConnectionInput } from "../inputs/connection-input";
import { loadContextForChange } from "./context";
import { installationVisibleTo, UNKNOWN_INSTALLATION } from "./installation-grant";

const LIVE_INDEX = "connections.context_id, connections.service";

/**
 * Connects a live context to a service. The connection belongs to the context's owner, so the owner sees it
 * even when an administrator made it; its ChittyID, row, DNA genesis and Chronicle event commit together.
 */
export async function createConnection(ctx: RequestContext, input: CreateConnectionInput): Promise<ConnectionRow> {
  const context = await loadContextForChange(ctx, input.contextId, "connections:write");
  if (input.service === "github") await requireUsableInstallation(ctx, input.config?.installationId as number);
  const minted = await mintEntityId(ctx.env, "CONN", "connection", { ...ecosystemCallOptions(ctx.env, ctx), waitUntil: ctx.waitUntil });
  const now = Date.now();
  const row: ConnectionRow = {
    id: minted.id,
    contextId: context.id,
    service: input.service,
    status: "active",
    config: input.config ?? {},
    ownerId: context.ownerId,
    createdAt: now,
    updatedAt: now,
    lastCheckedAt: null,
    disconnectedAt: null,
  };
  await atomicBatch(ctx.db,
    [
      recordChittyId(ctx.db, minted, "CONN", now),
      // The context was live when read; if a delete commits before this batch, the subquery yields NULL and the
      // NOT NULL context_id fails the whole batch, so no connection outlives its context's deletion that way.
      ctx.db.insert(connections).values({ ...row, contextId: liveContextId(row.contextId) }),
      ...(await recordChange(ctx.db, {
        subjectId: row.id,
        subjectType: CONNECTION_SUBJECT,
        state: observableConnectionState(row),
        event: "created",
        type: "connection.created",
        data: { contextId: row.contextId, service: row.service },
        actorId: ctx.actor.id,
        now,
        previous: null,
      }, outboxTargets(ctx.env))),
    ],
    (error) => explainConflict(error, row),
  );
  await refreshConnectionCache(ctx, row);
  return row;
}

/** A github connection may name only an installation the caller may use; others read as missing. */
async function requireUsableInstallation(ctx: RequestContext, installationId: number): Promise<void> {
  if (!(await installationVisibleTo(ctx, installationId))) {
    throw new AppError(404, "NOT_FOUND", `GitHub App installation ${installationId} ${UNKNOWN_INSTALLATION}`);
  }
}

function liveContextId(id: string) {
  return sql<string>`(SELECT ${contexts.id} FROM ${contexts} WHERE ${contexts.id} = ${id} AND ${contexts.deletedAt} IS NULL)`;
}

function explainConflict(error: unknown, row: ConnectionRow): Error | undefined {
  if (isUniqueViolation(error, LIVE_INDEX)) {
    return new ConflictError(
      `Context ${row.contextId} is already connected to ${row.service}; disconnect that connection first`,
      "DUPLICATE_CONNECTION",
    );
  }
  if (isNotNullViolation(error, "connections.context_id")) {
    return new ConflictError(`Context ${row.contextId} was deleted; create a new context instead`, "CONTEXT_DELETED");
  }
  return undefined;
}
