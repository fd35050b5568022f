import { connectionId } from "../inputs/connection-input";
import { checkConnectionHealth, type ConnectionHealth as Health } from "../resolvers/connection-health";
import { builder } from "./builder";
import { ServiceConnection } from "./service-connection";

const ServiceMode = builder.enumType("ServiceMode", {
  values: {
    embedded: { description: "A ChittyOS service served by its default inside this gateway." },
    remote: { description: "A ChittyOS service reached over the network." },
    github_app: { description: "GitHub, through a GitHub App installation." },
  },
});

const ConnectionHealth = builder.objectRef<Health>("ConnectionHealth").implement({
  description: "The result of checking a connection's service.",
  fields: (t) => ({
    connection: t.field({ type: ServiceConnection, description: "The connection after the check.", resolve: (h) => h.connection }),
    healthy: t.exposeBoolean("healthy"),
    mode: t.expose("mode", { type: ServiceMode }),
    reason: t.exposeString("reason", { description: "What the check found." }),
    checkedAt: t.field({ type: "DateTime", resolve: (h) => new Date(h.checkedAt) }),
  }),
});

builder.queryFields((t) => ({
  connectionHealth: t.field({
    type: ConnectionHealth,
    description:
      "Checks the connection's service now, records the time, and moves it between active and degraded when the answer changed.",
    args: { id: t.arg.id({ required: true, validate: { schema: connectionId } }) },
    resolve: (_root, args, ctx) => checkConnectionHealth(ctx, String(args.id)),
  }),
}));
