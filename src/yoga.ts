import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { GraphQLError, type GraphQLErrorExtensions } from "graphql";
import { createYoga, isAsyncIterable, maskError, type Plugin } from "graphql-yoga";
import type { RequestContext } from "./context";
import { recordAuthFailure } from "./auth/audit";
import { outboxTargets } from "./ecosystem/outbox/outbox-targets";
import { AppError, ForbiddenError, RateLimitedError } from "./errors";
import { chargeMutationFields } from "./graphql/charge-mutation-fields";
import { renderGraphiqlPage } from "./graphiql/render-graphiql-page";
import { graphqlLimitPlugins } from "./graphql/limit-plugins";
import { schema } from "./schema/index";
import { useResumableSse } from "./subscriptions/resumable-sse";

/** What each masked error hid, for development answers only (revealInDevelopment). */
const maskedOriginals = new WeakMap<GraphQLError, unknown>();

/** Errors a client can act on keep their message and carry `extensions.code`; the rest are masked. */
function exposeAppErrors(error: unknown, message: string): Error {
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
  // Never Yoga's development mode: it follows NODE_ENV, which wrangler sets for `wrangler dev` whatever
  // ENVIRONMENT says. The answer's ENVIRONMENT decides instead, in errorsForEnvironment.
  const masked = maskError(error, message, false);
  if (masked !== error && masked instanceof GraphQLError) maskedOriginals.set(masked, original ?? error);
  return masked;
}

/** Every 403 a resolver raised goes to the audit trail, as REST's do in the router. */
function auditDenials(): Plugin<RequestContext> {
  const audit = (ctx: RequestContext, result: unknown) => {
    const errors = (result as { errors?: readonly GraphQLError[] }).errors;
    if (!errors || !ctx.actor) return;
    for (const error of errors) {
      if (error.originalError instanceof ForbiddenError) {
        const path = `/graphql#${error.path?.join(".") ?? ""}`;
        ctx.waitUntil(recordAuthFailure(ctx.db, { type: "auth.denied", actorId: ctx.actor.id, reason: error.originalError.message, method: "POST", path }, outboxTargets(ctx.env)));
      }
    }
  };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: ({ result }) => audit(args.contextValue, result) }),
    // A refused subscription answers with one result instead of a stream.
    onSubscribe: ({ args }) => ({ onSubscribeResult: ({ result }) => audit(args.contextValue, result) }),
  };
}

type Environment = { env?: Partial<Env> } | undefined;
const environmentOf = (context: unknown) => (context as Environment)?.env?.ENVIRONMENT;
const isProduction = (context: unknown) => environmentOf(context) === "production";

const copyError = (error: GraphQLError, message: string, extensions: GraphQLErrorExtensions) =>
  new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions });

// graphql-js phrases every hint this way: `Did you mean "x"?`, `… "x", "y", or "z"?`, `Did you mean the enum
// value "x"?`, `Did you mean to use an inline fragment on "T"?`. Names cannot contain "?".
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** "Did you mean …?" hints would spell out the schema that production hides by refusing introspection. */
function hideSuggestions(error: GraphQLError) {
  const hidden = error.message.replace(SUGGESTION, "");
  return hidden === error.message ? error : copyError(error, hidden.trim(), error.extensions);
}

/** In development a masked error shows what it hid, as Yoga's own development mode would. */
function revealMasked(error: GraphQLError) {
  const original = maskedOriginals.get(error);
  if (original === undefined) return error;
  const { message, stack } = original instanceof Error ? original : { message: String(original), stack: undefined };
  return copyError(error, error.message, { ...error.extensions, originalError: { message, stack } });
}

/**
 * Every answer's errors, shaped for the ENVIRONMENT serving it: development reveals masked errors; production
 * hides suggestions, whether validation (field, type, enum value) or variable coercion (enum value) raised them.
 * graphql-armor's block-field-suggestions misses both of the latter, and has no per-request switch.
 */
function errorsForEnvironment(): Plugin<RequestContext> {
  return {
    onResultProcess: ({ result, setResult, serverContext }) => {
      const environment = environmentOf(serverContext);
      const rewrite = environment === "development" ? revealMasked : environment === "production" ? hideSuggestions : undefined;
      // A stream's events carry no validation errors: those end a subscription before it starts.
      if (!rewrite || isAsyncIterable(result)) return;
      const rewriteResult = <T extends { errors?: readonly GraphQLError[] }>(r: T): T =>
        r.errors?.length ? { ...r, errors: r.errors.map(rewrite) } : r;
      setResult(Array.isArray(result) ? result.map(rewriteResult) : rewriteResult(result));
    },
  };
}

/** Built once per isolate: Yoga compiles and caches documents, so per-request creation would waste it. */
export const yoga = createYoga<RequestContext>({
  schema,
  graphqlEndpoint: "/graphql",
  landingPage: false,
  maskedErrors: { maskError: exposeAppErrors, isDev: false },
  // The router's CORS policy (CORS_ALLOWED_ORIGINS) covers /graphql too; Yoga's default would reflect any Origin.
  cors: false,
  graphiql: (_request, context) =>
    environmentOf(context) === "development"
      ? {
          title: "ChittyConnect",
          headers: JSON.stringify({ Authorization: "Bearer <CHITTYCONNECT_ADMIN_KEY>" }, null, 2),
          shouldPersistHeaders: false,
        }
      : false,
  renderGraphiQL: (options) =>
    renderGraphiqlPage({
      ...options,
      note: "Every query needs a credential: open Headers below the editor and replace <CHITTYCONNECT_ADMIN_KEY> with your admin key (from .dev.vars) or an API key. Headers are not stored by this page.",
    }),
  plugins: [
    ...graphqlLimitPlugins(),
    // GET and form posts are the requests a browser sends cross-site without a preflight; demand a custom header.
    useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
    auditDenials(),
    chargeMutationFields(),
    errorsForEnvironment(),
    useDisableIntrospection({ isDisabled: (_request, context) => isProduction(context) }),
    // Last: its SSE writer (ids, Last-Event-ID, keep-alive) replaces Yoga's for streams.
    useResumableSse(),
  ],
});
