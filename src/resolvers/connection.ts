import { and, desc, eq, ne } from "drizzle-orm";
import { authorize, isAdmin, requireCapability, type Capability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { connections, contexts, type ConnectionRow } from "../db/schema";
import { NotFoundError } from "../errors";
import { cachedConnection, fillConnectionCache } from "../cache/connection-cache";
import type { ConnectionFilter } from "../inputs/connection-input";
import { afterTimeIdCursor, newestFirst, pageLimit, toPage, type Page } from "../db/pagination";

export type { ConnectionRow };

export const CONNECTION_SUBJECT = "connection";

/** The state that DNA hashes: what a client can observe of a connection, minus the check time, which changes on every check. */
export function observableConnectionState(row: ConnectionRow) {
  const { id, contextId, service, status, config, ownerId, disconnectedAt } = row;
  return { id, contextId, service, status, config, ownerId, disconnectedAt };
}

/** A connection straight from D1 (never the cache), the caller's, for writers and health checks. */
export async function loadConnectionForChange(ctx: RequestContext, id: string, capability: Capability): Promise<ConnectionRow> {
  requireCapability(ctx.actor, capability);
  const [row] = await ctx.db.select().from(connections).where(eq(connections.id, id)).limit(1);
  if (!row) throw new NotFoundError("Connection", id);
  authorize(ctx.actor, capability, { id: row.ownerId, what: `Connection ${id}` });
  return row;
}

/** One connection, disconnected ones included: they keep their history. */
export async function getConnection(ctx: RequestContext, id: string): Promise<ConnectionRow> {
  requireCapability(ctx.actor, "connections:read");
  let row = await cachedConnection(ctx, id);
  if (!row) {
    row = (await ctx.db.select().from(connections).where(eq(connections.id, id)).limit(1))[0] ?? null;
    if (row) fillConnectionCache(ctx, row);
  }
  if (!row) throw new NotFoundError("Connection", id);
  authorize(ctx.actor, "connections:read", { id: row.ownerId, what: `Connection ${id}` });
  return row;
}

/** Newest first, keyset-paginated on (created_at, id); live connections only unless a status is asked for. */
export async function listConnections(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null; filter?: ConnectionFilter | null },
): Promise<Page<ConnectionRow>> {
  requireCapability(ctx.actor, "connections:read");
  const filter = args.filter ?? {};
  const limit = pageLimit(args.first);
  const conditions = [filter.status ? eq(connections.status, filter.status) : ne(connections.status, "disconnected")];
  if (filter.contextId) {
    await requireContextVisible(ctx, filter.contextId);
    conditions.push(eq(connections.contextId, filter.contextId));
  }
  if (!isAdmin(ctx.actor)) conditions.push(eq(connections.ownerId, ctx.actor.id));
  if (filter.service) conditions.push(eq(connections.service, filter.service));
  if (args.after) conditions.push(afterTimeIdCursor(connections.createdAt, connections.id, args.after));
  const rows = await ctx.db
    .select()
    .from(connections)
    .where(and(...conditions))
    .orderBy(...newestFirst(connections.createdAt, connections.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.createdAt, row.id]);
}

// Deleted contexts still list their (disconnected) connections, so only existence and ownership count here.
async function requireContextVisible(ctx: RequestContext, contextId: string): Promise<void> {
  const [context] = await ctx.db.select({ ownerId: contexts.ownerId }).from(contexts).where(eq(contexts.id, contextId)).limit(1);
  if (!context) throw new NotFoundError("Context", contextId);
  authorize(ctx.actor, "connections:read", { id: context.ownerId, what: `Context ${contextId}` });
}

/** Context-to-service connections an actor owns, newest first. */
export async function listConnectionsOwnedBy(ctx: RequestContext, ownerId: string): Promise<ConnectionRow[]> {
  authorize(ctx.actor, "connections:read", { id: ownerId, what: "These connections" });
  return ctx.db.select().from(connections).where(eq(connections.ownerId, ownerId)).orderBy(desc(connections.createdAt)).limit(100);
}
