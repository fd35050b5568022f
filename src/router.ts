import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import type { MiddlewareHandler } from "hono";
import { recordAuthFailure } from "./auth/audit";
import { authenticateRequest } from "./auth/authenticate-request";
import { chargeCallerAddress } from "./auth/ip-rate-limit";
import { corsPolicy } from "./cors-policy";
import { serveDashboard } from "./dashboard/serve-dashboard";
import { AppError, ForbiddenError, InvalidInputError, toResponse } from "./errors";
import { checkHealth } from "./health";
import { outboxTargets } from "./ecosystem/outbox/outbox-targets";
import { initializeOnRequest } from "./initialize-on-request";
import type { AppEnv } from "./app-env";
import { actorRoutes } from "./rest/actors";
import { connectionRoutes } from "./rest/connections";
import { contextRoutes } from "./rest/contexts";
import { delegationRoutes } from "./rest/delegation";
import { deliveryRoutes } from "./rest/deliveries";
import { LIMITS } from "./limits";
import { validationHook } from "./rest/validation-hook";
import { appRoutes } from "./github-app/app-routes";
import { serveGraphiqlPage } from "./graphiql/graphiql-page";
import { webhookRoute } from "./webhooks/webhook-route";
import { yoga } from "./yoga";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** REST bodies are JSON only; anything else is refused before parsing. */
const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (BODY_METHODS.has(c.req.method)) {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json");
    }
  }
  return next();
};

const limitBody = bodyLimit({
  maxSize: LIMITS.requestBodyBytes,
  onError: () => {
    throw new AppError(413, "PAYLOAD_TOO_LARGE", `Request bodies are limited to ${LIMITS.requestBodyBytes} bytes`);
  },
});

/**
 * Which path goes where: /health, /graphql, /v1, /integrations/github and the OpenAPI document. `localTools` are
 * public middlewares of the development entry (GraphiQL's files).
 */
export function createRouter(options: { localTools?: MiddlewareHandler<AppEnv>[] } = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.onError((error, c) => {
    const ctx = c.get("ctx");
    if (error instanceof ForbiddenError && ctx) {
      const denied = { type: "auth.denied" as const, actorId: ctx.actor.id, reason: error.message, method: c.req.method, path: c.req.path };
      ctx.waitUntil(recordAuthFailure(ctx.db, denied, outboxTargets(ctx.env)));
    }
    if (error instanceof HTTPException && !(error instanceof AppError)) {
      // Hono's own validators throw these, e.g. for a body that is not valid JSON.
      const code = error.status === 400 ? "INVALID_JSON" : "BAD_REQUEST";
      return toResponse(new InvalidInputError(error.message || "The request is malformed", undefined, code, error.status));
    }
    return toResponse(error);
  });
  app.notFound((c) => toResponse(new AppError(404, "ROUTE_NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`)));

  // The webhook first: its ack verifies and enqueues without D1 (GitHub allows 10 s and never retries a failure
  // by itself), so neither a migration nor an unreachable database may stand in its way. The consumer migrates.
  // Ahead of CORS too: GitHub calls it server to server, no browser has a reason to read its answer, and Hono's
  // cors middleware sets Vary before the handler runs, which makes every answer build its Response twice.
  app.route("/integrations/github", webhookRoute);
  // Before authentication: preflights carry no credential, and refusals must still be readable by listed origins.
  app.use("*", corsPolicy);
  // Before everything else that reads D1 (health included): the first request of an isolate migrates it, and
  // starts the service context's initialization after the response.
  app.use("*", initializeOnRequest);

  // Public: mounted before authentication, so mount order alone says what answers without a credential. Each
  // is charged to the caller's address (IP_RATE_LIMITER), since no actor budget covers it.
  for (const tool of options.localTools ?? []) app.use("*", tool);
  app.use("/dashboard/*", serveDashboard);
  app.get("/health", chargeCallerAddress, async (c) => {
    const health = await checkHealth(c.env);
    return c.json(health, health.status === "ok" ? 200 : 503);
  });
  app.route("/integrations/github", appRoutes);
  app.get("/graphql", serveGraphiqlPage);

  // Everything below needs a credential.
  app.use("*", authenticateRequest);
  app.use("*", limitBody);

  app.on(["GET", "POST"], "/graphql", (c) => yoga.fetch(c.req.raw, c.var.ctx));

  app.use("/v1/*", requireJsonBody);
  app.route("/v1", contextRoutes);
  app.route("/v1", connectionRoutes);
  app.route("/v1", actorRoutes);
  app.route("/v1", delegationRoutes);
  app.route("/v1", deliveryRoutes);

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "ChittyConnect REST /v1", version: "1" },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

  return app;
}

