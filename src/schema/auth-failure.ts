import { listAuthFailures } from "../resolvers/auth-failures";
import { LIMITS } from "../limits";
import { builder } from "./builder";

type Row = Awaited<ReturnType<typeof listAuthFailures>>[number];

const AuthFailureSample = builder.objectRef<Row["samples"][number]>("AuthFailureSample").implement({
  fields: (t) => ({
    method: t.exposeString("method"),
    path: t.exposeString("path", { description: "The requested path, truncated to 200 characters." }),
    actorId: t.exposeString("actorId", { nullable: true, description: "Whose credential it was, when that could be told." }),
  }),
});

const AuthFailureCount = builder.objectRef<Row>("AuthFailureCount").implement({
  description: "Refused unauthenticated requests of one minute and reason: counted, with a few samples, never stored one by one.",
  fields: (t) => ({
    minute: t.field({ type: "DateTime", resolve: (r) => new Date(r.minute) }),
    reason: t.exposeString("reason", { description: "Why authentication failed, e.g. api-key-invalid, delegation-revoked, missing." }),
    count: t.exposeInt("count"),
    samples: t.field({ type: [AuthFailureSample], resolve: (r) => r.samples }),
  }),
});

builder.queryField("authFailures", (t) =>
  t.field({
    type: [AuthFailureCount],
    description: "Refused unauthenticated requests per minute and reason, newest first (default: the last 24 hours); administrators only.",
    args: {
      since: t.arg({ type: "DateTime", required: false }),
      first: t.arg.int({ required: false, validate: { min: 1, max: LIMITS.pageSize } }),
    },
    resolve: (_root, args, ctx) => listAuthFailures(ctx, args),
  }),
);
