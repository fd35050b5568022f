import { connectionId } from "../inputs/connection-input";
import { openConnectionStatusStream, type ConnectionStatusUpdate } from "../resolvers/connection-status-stream";
import { builder } from "./builder";
import { ChronicleEvent } from "./chronicle-event";
import { ConnectionStatus } from "./service-connection";

const ConnectionStatusUpdateType = builder.objectRef<ConnectionStatusUpdate>("ConnectionStatusUpdate").implement({
  description: "A change of a connection's health: degraded, recovered (active again) or disconnected.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", { description: "Pass as `after` (or send as Last-Event-ID) to resume; timeline cursors work too." }),
    connectionId: t.exposeID("connectionId"),
    status: t.expose("status", { type: ConnectionStatus, description: "The connection's status after the change." }),
    reason: t.exposeString("reason", { nullable: true, description: "What the health check or the disconnect said." }),
    event: t.field({ type: ChronicleEvent, description: "The Chronicle event that recorded the change.", resolve: (u) => u.event }),
  }),
});

builder.subscriptionField("connectionStatus", (t) =>
  t.field({
    type: ConnectionStatusUpdateType,
    description: "A connection's health changes as they are recorded, over SSE; authorized as Query.connection.",
    args: {
      id: t.arg.id({ required: true, validate: { schema: connectionId } }),
      after: t.arg.string({ required: false, validate: { maxLength: 200 } }),
    },
    subscribe: (_root, args, ctx) => openConnectionStatusStream(ctx, { id: String(args.id), after: args.after }),
    resolve: (update) => update,
  }),
);
