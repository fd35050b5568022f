import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { GraphQLError } from "graphql";
import { createYoga, maskError } from "graphql-yoga";
import type { RequestContext } from "./context";
import { AppError, RateLimitedError } from "./errors";
import { schema } from "./schema/index";

/** Errors a client can act on keep their message and carry `extensions.code`; the rest are masked. */
function exposeAppErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (error instanceof GraphQLError && original instanceof AppError) {
    // Annotated in place: Yoga logs every error that its mask replaces, and these are the client's, not ours.
    const extensions = error.extensions as Record<string, unknown>;
    extensions.code = original.code;
    if (original.details !== undefined) extensions.details = original.details;
    if (original instanceof RateLimitedError) extensions.retryAfter = original.retryAfterSeconds;
    return error;
  }
  return maskError(error, message, isDev);
}

const isProduction = (context: Partial<RequestContext>) => context.env?.ENVIRONMENT === "production";

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
    useDisableIntrospection({
      isDisabled: (_request, context) => isProduction(context as Partial<RequestContext>),
    }),
  ],
});
