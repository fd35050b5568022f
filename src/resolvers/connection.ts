import { desc, eq } from "drizzle-orm";
import { requireCapability, requireOwnership } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { connections } from "../db/schema";

export type ConnectionRow = typeof connections.$inferSelect;

/** Context-to-service connections an actor owns, newest first. */
export async function listConnectionsOwnedBy(ctx: RequestContext, ownerId: string): Promise<ConnectionRow[]> {
  requireCapability(ctx.actor, "connections:read");
  requireOwnership(ctx.actor, ownerId, "These connections");
  return ctx.db.select().from(connections).where(eq(connections.ownerId, ownerId)).orderBy(desc(connections.createdAt)).limit(100);
}
