import type { ActorRow } from "../resolvers/actor";
import { builder } from "./builder";

export const ActorType = builder.enumType("ActorType", { values: ["human", "ai", "service", "system"] as const });

export const Actor = builder.objectRef<ActorRow>("Actor").implement({
  description: "A human, AI, service or system identity that calls the gateway.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The actor's ChittyID." }),
    type: t.expose("type", { type: ActorType }),
    displayName: t.exposeString("displayName"),
    status: t.exposeString("status"),
    createdAt: t.field({ type: "DateTime", resolve: (a) => new Date(a.createdAt) }),
  }),
});
