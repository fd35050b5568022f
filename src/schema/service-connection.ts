import { CONNECTION_SERVICES, type ConnectionServiceName, connectionFilter, connectionId, createConnectionInput, type CreateConnectionInput as CreateInput } from "../inputs/connection-input";
import { getConnection, listConnections, type ConnectionRow } from "../resolvers/connection";
import { contextsVisibleTo } from "../resolvers/context";
import { createConnection } from "../resolvers/create-connection";
import { disconnectConnection } from "../resolvers/disconnect-connection";
import { LIMITS } from "../limits";
import { listDna, listTimeline } from "../resolvers/timeline";
import { builder } from "./builder";
import { Node } from "./node";
import { ChronicleEvent } from "./chronicle-event";
import { DnaRecord } from "./dna-record";
import { forwardPageArgs, toConnection, withoutNulls } from "./connection";
import { Context } from "./context";

export const ConnectionService = builder.enumType("ConnectionService", { values: CONNECTION_SERVICES });
export const ConnectionStatus = builder.enumType("ConnectionStatus", {
  values: {
    active: { description: "Connected, and healthy when last checked." },
    degraded: { description: "Connected, but the last health check failed." },
    disconnected: { description: "Ended by a disconnect or by deleting the context; kept for its history." },
  },
});

const optionalDate = (ms: number | null) => (ms === null ? null : new Date(ms));

export const ServiceConnection = builder.objectRef<ConnectionRow>("ServiceConnection").implement({
  interfaces: [Node],
  description: "A link from a context to a ChittyOS or third-party service; every change is tracked in DNA and Chronicle.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The connection's ChittyID (`CHITTY-CONN-{uuid}`)." }),
    contextId: t.exposeString("contextId"),
    context: t.loadable({
      type: Context,
      nullable: true,
      description: "The connected context while it is live and you may read it (contexts:read).",
      // One query for the contexts of a whole page, not one per connection.
      load: (ids: string[], ctx) => contextsVisibleTo(ctx, ids),
      sort: (context) => context.id,
      resolve: (c) => c.contextId,
    }),
    // Stored as text; createConnectionInput only ever writes one of CONNECTION_SERVICES.
    service: t.field({ type: ConnectionService, resolve: (c) => c.service as ConnectionServiceName }),
    status: t.expose("status", { type: ConnectionStatus }),
    config: t.expose("config", { type: "JSONObject", description: `Service settings; at most ${LIMITS.connectionConfigBytes} bytes.` }),
    ownerId: t.exposeString("ownerId", { description: "The context's owner." }),
    createdAt: t.field({ type: "DateTime", resolve: (c) => new Date(c.createdAt) }),
    updatedAt: t.field({ type: "DateTime", resolve: (c) => new Date(c.updatedAt) }),
    lastCheckedAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => optionalDate(c.lastCheckedAt) }),
    disconnectedAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => optionalDate(c.disconnectedAt) }),
    timeline: t.connection({
      type: ChronicleEvent,
      resolve: async (c, args, ctx) => toConnection(await listTimeline(ctx, { ...forwardPageArgs(args), subjectId: c.id })),
    }),
    dna: t.field({ type: [DnaRecord], description: "The DNA lineage, genesis first.", resolve: (c, _args, ctx) => listDna(ctx, c.id) }),
  }),
});

const ConnectionFilterInput = builder.inputType("ConnectionFilter", {
  fields: (t) => ({
    contextId: t.string({ required: false }),
    service: t.field({ type: ConnectionService, required: false }),
    status: t.field({ type: ConnectionStatus, required: false, description: "Without it, only active and degraded connections." }),
  }),
  validate: { schema: connectionFilter },
});

const CreateConnectionInput = builder.inputType("CreateConnectionInput", {
  fields: (t) => ({
    contextId: t.string({ required: true }),
    service: t.field({ type: ConnectionService, required: true }),
    config: t.field({ type: "JSONObject", required: false, description: "For github: `{ installationId }` of a GitHub App installation." }),
  }),
});

builder.objectField(Context, "connections", (t) =>
  t.connection({
    type: ServiceConnection,
    description: "The context's live service connections, newest first.",
    resolve: async (c, args, ctx) => toConnection(await listConnections(ctx, { ...forwardPageArgs(args), filter: { contextId: c.id } })),
  }),
);

// As for contexts, @pothos/plugin-zod validates with the schemas REST uses; explicit nulls are refused there.
builder.queryFields((t) => ({
  connection: t.field({
    type: ServiceConnection,
    args: { id: t.arg.id({ required: true, validate: { schema: connectionId } }) },
    resolve: (_root, args, ctx) => getConnection(ctx, String(args.id)),
  }),
  connections: t.connection({
    type: ServiceConnection,
    description: "Your connections (everyone's for administrators), newest first.",
    args: { filter: t.arg({ type: ConnectionFilterInput, required: false }) },
    resolve: async (_root, args, ctx) =>
      toConnection(await listConnections(ctx, { ...forwardPageArgs(args), filter: args.filter ? withoutNulls(args.filter) : null })),
  }),
}));

builder.mutationFields((t) => ({
  createConnection: t.field({
    type: ServiceConnection,
    description: "Connects a live context to a service; one active or degraded connection per context and service.",
    args: { input: t.arg({ type: CreateConnectionInput, required: true, validate: { schema: createConnectionInput } }) },
    resolve: (_root, { input }, ctx) => createConnection(ctx, input as CreateInput),
  }),
  disconnectConnection: t.field({
    type: ServiceConnection,
    description: "Ends the connection; disconnecting it again is refused with ALREADY_DISCONNECTED.",
    args: { id: t.arg.id({ required: true, validate: { schema: connectionId } }) },
    resolve: (_root, { id }, ctx) => disconnectConnection(ctx, String(id)),
  }),
}));
