import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { ActorRow } from "../db/schema";
import { getActor, getCapabilities, getMe, registerActor, updateActor } from "../resolvers/actor";
import { actorId, registerActorInput, updateActorInput } from "../inputs/actor-input";
import type { AppEnv } from "../app-env";
import { badRequest, commonErrors, notFound } from "./error-schema";
import { jsonBody, jsonResponse } from "./openapi-parts";
import { validationHook } from "./validation-hook";

const actorJson = z.object({
  id: z.string(),
  type: z.enum(["human", "ai", "service", "system"]),
  displayName: z.string(),
  capabilities: z.array(z.string()),
  status: z.enum(["active", "suspended", "revoked"]),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  sessionCount: z.number().int(),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toActorJson(row: ActorRow): z.infer<typeof actorJson> {
  const { id, type, displayName, capabilities, status, createdBy, sessionCount } = row;
  return { id, type, displayName, capabilities, status, createdBy, createdAt: iso(row.createdAt)!, lastSeenAt: iso(row.lastSeenAt), sessionCount };
}

const params = z.object({ chittyId: actorId });
const tags = ["actors"];

const register = createRoute({
  method: "post",
  path: "/actors/register",
  tags,
  request: { body: jsonBody(registerActorInput) },
  responses: {
    201: jsonResponse(z.object({ actor: actorJson, apiKey: z.string(), keyId: z.string() }), "The actor and its API key, shown only this once"),
    ...badRequest,
    ...commonErrors,
  },
});
const me = createRoute({ method: "get", path: "/actors/me", tags, responses: { 200: jsonResponse(actorJson, "The calling actor"), ...commonErrors } });
const get = createRoute({
  method: "get",
  path: "/actors/{chittyId}",
  tags,
  request: { params },
  responses: { 200: jsonResponse(actorJson, "The actor"), ...notFound, ...commonErrors },
});
const update = createRoute({
  method: "patch",
  path: "/actors/{chittyId}",
  tags,
  request: { params, body: jsonBody(updateActorInput) },
  responses: { 200: jsonResponse(actorJson, "The updated actor"), ...badRequest, ...notFound, ...commonErrors },
});
const capabilities = createRoute({
  method: "get",
  path: "/actors/{chittyId}/capabilities",
  tags,
  request: { params },
  responses: {
    200: jsonResponse(
      z.object({ actorId: z.string(), capabilities: z.array(z.string()), effective: z.array(z.string()), credential: z.string().nullable() }),
      "Stored capabilities, and what the caller's own credential grants",
    ),
    ...notFound,
    ...commonErrors,
  },
});

/** REST /v1 shims for actors. `/actors/me` is declared before `/actors/{chittyId}` so it is not read as an id. */
export const actorRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(register, async (c) => {
    const result = await registerActor(c.var.ctx, c.req.valid("json"));
    return c.json({ actor: toActorJson(result.actor), apiKey: result.apiKey, keyId: result.keyId }, 201);
  })
  .openapi(me, async (c) => c.json(toActorJson(await getMe(c.var.ctx)), 200))
  .openapi(get, async (c) => c.json(toActorJson(await getActor(c.var.ctx, c.req.valid("param").chittyId)), 200))
  .openapi(update, async (c) =>
    c.json(toActorJson(await updateActor(c.var.ctx, c.req.valid("param").chittyId, c.req.valid("json"))), 200),
  )
  .openapi(capabilities, async (c) => c.json(await getCapabilities(c.var.ctx, c.req.valid("param").chittyId), 200));
