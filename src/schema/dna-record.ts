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
  }),
});
