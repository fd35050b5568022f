import type { ConnectionRow } from "../resolvers/connection";
import { builder } from "./builder";

export const ServiceConnection = builder.objectRef<ConnectionRow>("ServiceConnection").implement({
  description: "A link from a context to a ChittyOS or third-party service.",
  fields: (t) => ({
    id: t.exposeID("id"),
    contextId: t.exposeString("contextId"),
    service: t.exposeString("service"),
    status: t.exposeString("status"),
    createdAt: t.field({ type: "DateTime", resolve: (c) => new Date(c.createdAt) }),
  }),
});
