import type { DnaRecordRow } from "../db/schema";
import { builder } from "./builder";
import { Node } from "./node";

export const DnaRecord = builder.objectRef<DnaRecordRow>("DnaRecord").implement({
  interfaces: [Node],
  description: "One link of a ChittyDNA lineage: genesis, then one evolution per change.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.exposeString("kind", { description: "`genesis` or `evolution`." }),
    sequence: t.exposeInt("sequence", { description: "1 for genesis, then one more per change." }),
    event: t.exposeString("event", { description: "What changed the subject: created, updated, deleted, ..." }),
    stateHash: t.exposeString("stateHash", { description: "SHA-256 of the subject's canonical JSON state after the change." }),
    previousId: t.exposeString("previousId", { nullable: true }),
    actorId: t.exposeString("actorId", { nullable: true }),
    createdAt: t.field({ type: "DateTime", resolve: (r) => new Date(r.createdAt) }),
    recordHash: t.exposeString("recordHash", { nullable: true, description: "SHA-256 over the record and the previous record's hash; null on records older than the column." }),
  }),
});

export const DnaVerification = builder
  .objectRef<{ valid: boolean; source: string; reason: string | null; degraded: string | null; length: number; tamperEvident: boolean; headHash: string | null }>(
    "DnaVerification",
  )
  .implement({
    description: "A DNA chain's verification: links, sequence and record hashes recomputed (ChittyVerify's verdict too when configured).",
    fields: (t) => ({
      valid: t.exposeBoolean("valid"),
      source: t.exposeString("source", { description: "`remote` (ChittyVerify) or `embedded`." }),
      reason: t.exposeString("reason", { nullable: true, description: "What is wrong, record by record." }),
      degraded: t.exposeString("degraded", { nullable: true, description: "Why ChittyVerify could not answer, when the embedded check did instead." }),
      length: t.exposeInt("length"),
      tamperEvident: t.exposeBoolean("tamperEvident", { description: "Every record carries a record hash, so a change to any of them shows." }),
      headHash: t.exposeString("headHash", { nullable: true, description: "The last record's hash, to anchor elsewhere." }),
    }),
  });
