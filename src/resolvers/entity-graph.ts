import { desc, eq, or } from "drizzle-orm";
import type { RequestContext } from "../context";
import { actors, chronicleEvents, connections, contexts, delegations, installationGrants } from "../db/schema";
import { AppError } from "../errors";
import { nodeId, resolveNode, type NodeValue } from "./node";

/** How far entityGraph walks at most, and how much it returns. */
export const GRAPH_LIMITS = { depth: 3, nodes: 100, perRelation: 25 } as const;

export interface GraphEdge {
  from: string;
  to: string;
  /** What links them: owns, registered, connects, delegated, derived_from, granted, acted_on. */
  relation: string;
}

/** The ids linked to a node by the relation tables and by Chronicle events (actor acted on subject). */
async function neighbours(ctx: RequestContext, node: NodeValue): Promise<GraphEdge[]> {
  const id = nodeId(node);
  const edges: GraphEdge[] = [];
  const add = (from: string | null, to: string | null, relation: string) => {
    if (from && to && from !== to) edges.push({ from, to, relation });
  };
  const n = GRAPH_LIMITS.perRelation;
  switch (node.kind) {
    case "context":
      add(node.row.ownerId, id, "owns");
      for (const c of await ctx.db.select({ id: connections.id }).from(connections).where(eq(connections.contextId, id)).limit(n)) add(c.id, id, "connects");
      break;
    case "connection":
      add(node.row.ownerId, id, "owns");
      add(id, node.row.contextId, "connects");
      break;
    case "delegation":
      add(node.row.delegatorId, id, "delegated");
      add(node.row.parentId, id, "derived_from");
      break;
    case "actor": {
      add(node.row.createdBy, id, "registered");
      for (const c of await ctx.db.select({ id: contexts.id }).from(contexts).where(eq(contexts.ownerId, id)).limit(n)) add(id, c.id, "owns");
      for (const d of await ctx.db.select({ id: delegations.id }).from(delegations).where(eq(delegations.delegatorId, id)).limit(n)) add(id, d.id, "delegated");
      for (const a of await ctx.db.select({ id: actors.id }).from(actors).where(eq(actors.createdBy, id)).limit(n)) add(id, a.id, "registered");
      break;
    }
    case "installation": {
      const grants = await ctx.db.select({ actorId: installationGrants.actorId }).from(installationGrants).where(eq(installationGrants.installationId, node.row.id)).limit(n);
      for (const g of grants) add(id, g.actorId, "granted");
      break;
    }
    case "chronicle":
      add(node.row.actorId, node.row.subjectId, "acted_on");
      break;
    case "dna":
      add(node.row.actorId, node.row.subjectId, "acted_on");
      break;
    case "github":
      break;
  }
  if (node.kind !== "chronicle" && node.kind !== "dna") {
    // Who acted on it, and what it acted on, as the Chronicle recorded (newest first).
    const events = await ctx.db
      .selectDistinct({ subjectId: chronicleEvents.subjectId, actorId: chronicleEvents.actorId })
      .from(chronicleEvents)
      .where(or(eq(chronicleEvents.subjectId, id), eq(chronicleEvents.actorId, id)))
      .orderBy(desc(chronicleEvents.subjectId))
      .limit(n);
    for (const e of events) add(e.actorId, e.subjectId, "acted_on");
  }
  return edges;
}

/**
 * The nodes around `id`, up to `depth` (≤ 3) links away, and the edges between them. The root answers as
 * `node(id)` does (refused or not found the same way); every other node is included only when the caller could
 * read it with its own query, so the graph never shows what the caller may not see, nor edges to it.
 */
export async function entityGraph(ctx: RequestContext, id: string, depth: number): Promise<{ nodes: NodeValue[]; edges: GraphEdge[] }> {
  const root = await resolveNode(ctx, id);
  const nodes = new Map<string, NodeValue>([[nodeId(root), root]]);
  const refused = new Set<string>();
  const edges = new Map<string, GraphEdge>();
  let frontier = [root];
  for (let level = 0; level < depth && frontier.length > 0 && nodes.size < GRAPH_LIMITS.nodes; level++) {
    const next: NodeValue[] = [];
    for (const node of frontier) {
      for (const edge of await neighbours(ctx, node)) {
        const other = edge.from === nodeId(node) ? edge.to : edge.from;
        if (!nodes.has(other) && !refused.has(other) && nodes.size < GRAPH_LIMITS.nodes) {
          try {
            const found = await resolveNode(ctx, other);
            nodes.set(other, found);
            next.push(found);
          } catch (error) {
            // Not the caller's to see (403), or gone (404): left out, with its edges.
            if (!(error instanceof AppError)) throw error;
            refused.add(other);
          }
        }
        if (nodes.has(edge.from) && nodes.has(edge.to)) edges.set(`${edge.from}|${edge.relation}|${edge.to}`, edge);
      }
    }
    frontier = next;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
