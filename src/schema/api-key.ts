import type { ApiKeyRow } from "../db/schema";
import { builder } from "./builder";

export const ApiKey = builder.objectRef<ApiKeyRow>("ApiKey").implement({
  description: "An API key's metadata. The key itself is shown only once, when it is issued.",
  fields: (t) => ({
    id: t.exposeID("id"),
    prefix: t.exposeString("prefix", { description: "The key's first characters, to tell keys apart." }),
    createdAt: t.field({ type: "DateTime", resolve: (k) => new Date(k.createdAt) }),
    revokedAt: t.field({ type: "DateTime", nullable: true, resolve: (k) => (k.revokedAt ? new Date(k.revokedAt) : null) }),
  }),
});

export const IssuedApiKey = builder
  .objectRef<{ apiKey: string; keyId: string }>("IssuedApiKey")
  .implement({
    description: "A newly issued key. Store `apiKey` now: it cannot be shown again.",
    fields: (t) => ({
      apiKey: t.exposeString("apiKey"),
      keyId: t.exposeID("keyId"),
    }),
  });
