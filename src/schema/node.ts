import type { GitHubEntityRow } from "../db/schema";
import { entityGraph, GRAPH_LIMITS } from "../resolvers/entity-graph";
import { resolveNode, type NodeKind, type NodeValue } from "../resolvers/node";
import { builder } from "./builder";

const NODE_KIND = Symbol("nodeKind");
const TYPE_OF: Record<NodeKind, string> = {
  context: "Context",
  actor: "Actor",
  connection: "ServiceConnection",
  delegation: "Delegation",
  installation: "Installation",
  github: "GitHubObject",
  chronicle: "ChronicleEvent",
  dna: "DnaRecord",
};

/** A resolved node as its object type's parent value, tagged so Node's resolveType knows which type it is. */
const tagged = (node: NodeValue) => ({ ...node.row, [NODE_KIND]: node.kind });

export const Node = builder.interfaceRef<object>("Node").implement({
  description:
    "Anything a ChittyID names: context, actor, connection, delegation, installation, GitHub object, Chronicle event or DNA record. `node(id)` resolves it, aliases of reconciled provisional ids included.",
  resolveType: (value) => TYPE_OF[(value as { [NODE_KIND]: NodeKind })[NODE_KIND]],
  fields: (t) => ({
    id: t.id({ description: "The object's id (an installation's is GitHub's number; its ChittyID is `chittyId`).", resolve: (v) => String((v as { id: unknown }).id) }),
  }),
});

export const GitHubObject = builder.objectRef<GitHubEntityRow>("GitHubObject").implement({
  description: "A GitHub repository, commit, pull request or issue the gateway recorded under a ChittyID (github:admin).",
  interfaces: [Node],
  fields: (t) => ({
    id: t.id({ description: "Its ChittyID.", resolve: (e) => e.chittyId }),
    kind: t.exposeString("kind", { description: "`repository`, `commit`, `pull_request` or `issue`." }),
    label: t.exposeString("label", { description: "`owner/name`, plus `#number` or `@sha`." }),
    githubKey: t.exposeString("githubKey", { description: "GitHub's node id (commits: repository node id and sha)." }),
    createdAt: t.field({ type: "DateTime", resolve: (e) => new Date(e.createdAt) }),
  }),
});

const GraphEdge = builder.objectRef<{ from: string; to: string; relation: string }>("GraphEdge").implement({
  description: "A link between two nodes of an entity graph.",
  fields: (t) => ({
    from: t.exposeString("from", { description: "The ChittyID the link starts from." }),
    to: t.exposeString("to"),
    relation: t.exposeString("relation", { description: "owns, registered, connects, delegated, derived_from, granted or acted_on." }),
  }),
});

const EntityGraph = builder.objectRef<{ nodes: NodeValue[]; edges: { from: string; to: string; relation: string }[] }>("EntityGraph").implement({
  fields: (t) => ({
    nodes: t.field({ type: [Node], description: "The root first, then what is linked to it.", resolve: (g) => g.nodes.map(tagged) }),
    edges: t.field({ type: [GraphEdge], resolve: (g) => g.edges }),
  }),
});

const idArg = { validate: { minLength: 1, maxLength: 200 } } as const;

builder.queryFields((t) => ({
  node: t.field({
    type: Node,
    description: "The object a ChittyID names, with the same authorization as the object's own query.",
    args: { id: t.arg.id({ required: true, ...idArg }) },
    resolve: async (_root, args, ctx) => tagged(await resolveNode(ctx, String(args.id))),
  }),
  nodes: t.field({
    type: [Node],
    nullable: { list: false, items: true },
    description: "node(id) for each id, in order; an id the caller may not see is null with its error.",
    args: { ids: t.arg.idList({ required: true, validate: { maxLength: 100, items: { minLength: 1, maxLength: 200 } } }) },
    resolve: (_root, args, ctx) => args.ids.map(async (id) => tagged(await resolveNode(ctx, String(id)))),
  }),
  entityGraph: t.field({
    type: EntityGraph,
    description: `The nodes up to depth (at most ${GRAPH_LIMITS.depth}) links from id, from the relation tables and Chronicle events; only what the caller may read.`,
    args: {
      id: t.arg.id({ required: true, ...idArg }),
      depth: t.arg.int({ required: false, validate: { min: 0, max: GRAPH_LIMITS.depth } }),
    },
    resolve: (_root, args, ctx) => entityGraph(ctx, String(args.id), args.depth ?? 1),
  }),
}));
