import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { GraphQLError } from "graphql";
import { createYoga, maskError, type Plugin, type YogaInitialContext } from "graphql-yoga";
import type { RequestContext } from "./context";
import { recordAuthFailure } from "./auth/audit";
import { AppError, ForbiddenError, RateLimitedError } from "./errors";
import { chargeMutationFields } from "./graphql/charge-mutation-fields";
import { graphqlLimitPlugins } from "./graphql-limits";
import { schema } from "./schema/index";

/** Errors a client can act on keep their message and carry `extensions.code`; the rest are masked. */
function exposeAppErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (error instanceof GraphQLError && original instanceof AppError) {
    // Annotated in place: Yoga logs every error that its mask replaces, and these are the client's, not ours.
    const extensions = error.extensions as Record<string, unknown>;
    extensions.code = original.code;
    // GraphQL-over-HTTP: plain application/json answers stay 200 (`spec`); SSE and
    // application/graphql-response+json may carry the error's status. Yoga strips this before sending.
    extensions.http = { status: original.status, spec: true };
    if (original.details !== undefined) extensions.details = original.details;
    if (original instanceof RateLimitedError) extensions.retryAfter = original.retryAfterSeconds;
    return error;
  }
  return maskError(error, message, isDev);
}

/** Every 403 a resolver raised goes to the audit trail, as REST's do in the router. */
function auditDenials(): Plugin<RequestContext> {
  const audit = (ctx: RequestContext, result: unknown) => {
    const errors = (result as { errors?: readonly GraphQLError[] }).errors;
    if (!errors || !ctx.actor) return;
    for (const error of errors) {
      if (error.originalError instanceof ForbiddenError) {
        const path = `/graphql#${error.path?.join(".") ?? ""}`;
        ctx.waitUntil(recordAuthFailure(ctx.db, { type: "auth.denied", actorId: ctx.actor.id, reason: error.originalError.message, method: "POST", path }));
      }
    }
  };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: ({ result }) => audit(args.contextValue, result) }),
    // A refused subscription answers with one result instead of a stream.
    onSubscribe: ({ args }) => ({ onSubscribeResult: ({ result }) => audit(args.contextValue, result) }),
  };
}

const isProduction = (context: Partial<RequestContext>) => context.env?.ENVIRONMENT === "production";

/**
 * "Did you mean …?" hints would spell out the schema that production hides by refusing introspection.
 * graphql-armor's plugin has no per-request switch, so its validation hook runs only in production.
 */
function hideFieldSuggestionsInProduction(): Plugin<RequestContext> {
  const block = blockFieldSuggestionsPlugin<YogaInitialContext & RequestContext>();
  return {
    onValidate: (payload) => (isProduction(payload.context as Partial<RequestContext>) ? block.onValidate?.(payload) : undefined),
  };
}

/** Built once per isolate: Yoga compiles and caches documents, so per-request creation would waste it. */
export const yoga = createYoga<RequestContext>({
  schema,
  graphqlEndpoint: "/graphql",
  landingPage: false,
  maskedErrors: { maskError: exposeAppErrors },
  graphiql: (_request, context) =>
    context.env?.ENVIRONMENT === "development"
      ? { title: "ChittyConnect", headers: JSON.stringify({ Authorization: "Bearer <CHITTYCONNECT_ADMIN_KEY>" }) }
      : false,
  plugins: [
    ...graphqlLimitPlugins(),
    // GET and form posts are the requests a browser sends cross-site without a preflight; demand a custom header.
    useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
    auditDenials(),
    chargeMutationFields(),
    hideFieldSuggestionsInProduction(),
    useDisableIntrospection({
      isDisabled: (_request, context) => isProduction(context as Partial<RequestContext>),
    }),
  ],
});
