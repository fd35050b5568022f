import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { ConnectionRow } from "../db/schema";
import { getConnection, listConnections } from "../resolvers/connection";
import { checkConnectionHealth } from "../resolvers/connection-health";
import { connectionFilter, connectionId, connectionService, connectionStatus, createConnectionInput } from "../inputs/connection-input";
import { pageSize } from "../inputs/context-input";
import { createConnection } from "../resolvers/create-connection";
import { disconnectConnection } from "../resolvers/disconnect-connection";
import type { AppEnv } from "../app-env";
import { badRequest, commonErrors, conflict, notFound } from "./error-schema";
import { jsonBody, jsonResponse } from "./openapi-parts";
import { validationHook } from "./validation-hook";

const connectionJson = z.object({
  id: z.string(),
  contextId: z.string(),
  service: connectionService,
  status: connectionStatus,
  config: z.record(z.string(), z.unknown()),
  ownerId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastCheckedAt: z.string().nullable(),
  disconnectedAt: z.string().nullable(),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The REST representation: timestamps as ISO 8601. */
function toConnectionJson(row: ConnectionRow): z.infer<typeof connectionJson> {
  return {
    ...row,
    service: connectionService.parse(row.service),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    lastCheckedAt: iso(row.lastCheckedAt),
    disconnectedAt: iso(row.disconnectedAt),
  };
}

const healthJson = z.object({
  connection: connectionJson,
  healthy: z.boolean(),
  mode: z.enum(["embedded", "remote", "github_app"]),
  reason: z.string(),
  checkedAt: z.string(),
});

const one = (description: string) => jsonResponse(connectionJson, description);
const idParams = z.object({ id: connectionId });
const tags = ["connections"];

const create = createRoute({
  method: "post",
  path: "/connections",
  tags,
  request: { body: jsonBody(createConnectionInput) },
  responses: { 201: one("The created connection"), ...badRequest, ...notFound, ...conflict, ...commonErrors },
});

const list = createRoute({
  method: "get",
  path: "/connections/list",
  tags,
  request: {
    query: connectionFilter.extend({ first: z.coerce.number().pipe(pageSize).optional(), after: z.string().max(200).optional() }),
  },
  responses: {
    200: {
      description: "One page of connections, newest first; only active and degraded ones unless `status` is given",
      content: { "application/json": { schema: z.object({ items: z.array(connectionJson), nextCursor: z.string().nullable() }) } },
    },
    ...badRequest,
    ...notFound,
    ...commonErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/connections/{id}",
  tags,
  request: { params: idParams },
  responses: { 200: one("The connection"), ...notFound, ...commonErrors },
});

const remove = createRoute({
  method: "delete",
  path: "/connections/{id}",
  tags,
  request: { params: idParams },
  responses: { 200: one("The connection as disconnected"), ...notFound, ...conflict, ...commonErrors },
});

const status = createRoute({
  method: "get",
  path: "/connections/{id}/status",
  tags,
  request: { params: idParams },
  responses: {
    200: jsonResponse(healthJson, "Checks the service now; the connection moves between active and degraded when the answer changed"),
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

/** REST /v1 shims for connections: parse, call the resolver GraphQL also calls, serialize. */
export const connectionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(create, async (c) => c.json(toConnectionJson(await createConnection(c.var.ctx, c.req.valid("json"))), 201))
  .openapi(list, async (c) => {
    const { first, after, ...filter } = c.req.valid("query");
    const page = await listConnections(c.var.ctx, { first, after, filter });
    return c.json({ items: page.items.map(toConnectionJson), nextCursor: page.hasNextPage ? page.endCursor : null }, 200);
  })
  .openapi(get, async (c) => c.json(toConnectionJson(await getConnection(c.var.ctx, c.req.valid("param").id)), 200))
  .openapi(remove, async (c) => c.json(toConnectionJson(await disconnectConnection(c.var.ctx, c.req.valid("param").id)), 200))
  .openapi(status, async (c) => {
    const health = await checkConnectionHealth(c.var.ctx, c.req.valid("param").id);
    return c.json({ ...health, connection: toConnectionJson(health.connection), checkedAt: iso(health.checkedAt)! }, 200);
  });
