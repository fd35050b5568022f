import { eq } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import {
  actors,
  chronicleEvents,
  connections,
  contexts,
  delegations,
  dnaRecords,
  githubEntities,
  installations,
  type ActorRow,
  type ChronicleEventRow,
  type ConnectionRow,
  type ContextRow,
  type DelegationRow,
  type DnaRecordRow,
  type GitHubEntityRow,
  type InstallationRow,
} from "../db/schema";
import { resolveAlias } from "../ecosystem/reconcile/resolve-alias";
import { NotFoundError } from "../errors";
import { getActor } from "./actor";
import { getConnection } from "./connection";
import { getContext } from "./context";
import { getInstallation } from "./installation";
import { requireSubjectVisible } from "./timeline";

/** Any object a ChittyID names, tagged with what it is. */
export type NodeValue =
  | { kind: "context"; row: ContextRow }
  | { kind: "actor"; row: ActorRow }
  | { kind: "connection"; row: ConnectionRow }
  | { kind: "delegation"; row: DelegationRow }
  | { kind: "installation"; row: InstallationRow }
  | { kind: "github"; row: GitHubEntityRow }
  | { kind: "chronicle"; row: ChronicleEventRow }
  | { kind: "dna"; row: DnaRecordRow };
export type NodeKind = NodeValue["kind"];

/** Which table holds an id: one D1 batch (one round trip) over every table whose key is a ChittyID. */
async function kindOf(ctx: RequestContext, id: string): Promise<NodeKind | null> {
  const { db } = ctx;
  const results = await db.batch([
    db.select({ id: contexts.id }).from(contexts).where(eq(contexts.id, id)).limit(1),
    db.select({ id: actors.id }).from(actors).where(eq(actors.id, id)).limit(1),
    db.select({ id: connections.id }).from(connections).where(eq(connections.id, id)).limit(1),
    db.select({ id: delegations.id }).from(delegations).where(eq(delegations.id, id)).limit(1),
    db.select({ id: installations.chittyId }).from(installations).where(eq(installations.chittyId, id)).limit(1),
    db.select({ id: githubEntities.chittyId }).from(githubEntities).where(eq(githubEntities.chittyId, id)).limit(1),
    db.select({ id: chronicleEvents.id }).from(chronicleEvents).where(eq(chronicleEvents.id, id)).limit(1),
    db.select({ id: dnaRecords.id }).from(dnaRecords).where(eq(dnaRecords.id, id)).limit(1),
  ]);
  const kinds: NodeKind[] = ["context", "actor", "connection", "delegation", "installation", "github", "chronicle", "dna"];
  const at = results.findIndex((rows) => rows.length > 0);
  return at === -1 ? null : kinds[at]!;
}

/**
 * The object any ChittyID names (a reconciled provisional id resolves to its authoritative one), with the same
 * authorization as that object's own query: getContext, getActor, getConnection, getInstallation; a delegation,
 * a Chronicle event or a DNA record as its subject's history (requireSubjectVisible); GitHub objects for
 * `github:admin`, like the installations they come from.
 */
export async function resolveNode(ctx: RequestContext, requested: string): Promise<NodeValue> {
  const id = await resolveAlias(ctx.db, requested);
  const kind = await kindOf(ctx, id);
  const one = <T>(rows: T[]) => {
    if (!rows[0]) throw new NotFoundError("Node", requested);
    return rows[0];
  };
  switch (kind) {
    case "context":
      return { kind, row: await getContext(ctx, id) };
    case "actor":
      return { kind, row: await getActor(ctx, id) };
    case "connection":
      return { kind, row: await getConnection(ctx, id) };
    case "installation":
      return { kind, row: await getInstallation(ctx, id) };
    case "delegation":
      requireCapability(ctx.actor, "delegate");
      await requireSubjectVisible(ctx, id);
      return { kind, row: one(await ctx.db.select().from(delegations).where(eq(delegations.id, id)).limit(1)) };
    case "github":
      requireCapability(ctx.actor, "github:admin");
      return { kind, row: one(await ctx.db.select().from(githubEntities).where(eq(githubEntities.chittyId, id)).limit(1)) };
    case "chronicle": {
      const row = one(await ctx.db.select().from(chronicleEvents).where(eq(chronicleEvents.id, id)).limit(1));
      await requireSubjectVisible(ctx, row.subjectId);
      return { kind, row };
    }
    case "dna": {
      const row = one(await ctx.db.select().from(dnaRecords).where(eq(dnaRecords.id, id)).limit(1));
      await requireSubjectVisible(ctx, row.subjectId);
      return { kind, row };
    }
    default:
      throw new NotFoundError("Node", requested);
  }
}

/** The ChittyID a node is addressed by (an installation's is its chittyId, not GitHub's number). */
export function nodeId(node: NodeValue): string {
  if (node.kind === "installation" || node.kind === "github") return node.row.chittyId;
  return node.row.id;
}
