import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { ContextRow } from "../db/schema";
import {
  contextFilter,
  contextId,
  createContextInput,
  pageSize,
  searchQuery,
  updateContextInput,
} from "../inputs/context-input";
import { createContext, deleteContext, getContext, listContexts, updateContext } from "../resolvers/context";
import { searchContexts } from "../resolvers/context-search";
import type { AppEnv } from "../app-env";
import { badRequest, commonErrors, conflict, notFound } from "./error-schema";
import { jsonBody, jsonResponse } from "./openapi-parts";
import { validationHook } from "./validation-hook";

const contextJson = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  data: z.record(z.string(), z.unknown()),
  status: z.enum(["active", "archived", "deleted"]),
  ownerId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  idProvisional: z
    .boolean()
    .describe("True while the id is a provisional local one, minted when the ChittyID authority could not answer; reconciliation replaces it and the old id keeps resolving."),
});

/** The REST representation: timestamps as ISO 8601, no internal columns. */
export function toContextJson(row: ContextRow): z.infer<typeof contextJson> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    data: row.data,
    status: row.status,
    ownerId: row.ownerId,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    version: row.version,
    idProvisional: row.idProvisional,
  };
}

const one = (description: string) => jsonResponse(contextJson, description);
const idParams = z.object({ id: contextId });
const tags = ["contexts"];

const create = createRoute({
  method: "post",
  path: "/contexts/create",
  tags,
  request: { body: jsonBody(createContextInput) },
  responses: { 201: one("The created context"), ...badRequest, ...conflict, ...commonErrors },
});

const list = createRoute({
  method: "get",
  path: "/contexts/list",
  tags,
  request: {
    query: contextFilter.extend({ first: z.coerce.number().pipe(pageSize).optional(), after: z.string().max(200).optional() }),
  },
  responses: {
    200: {
      description: "One page of live contexts, newest first",
      content: { "application/json": { schema: z.object({ items: z.array(contextJson), nextCursor: z.string().nullable() }) } },
    },
    ...badRequest,
    ...commonErrors,
  },
});

const search = createRoute({
  method: "get",
  path: "/contexts/search",
  tags,
  request: { query: z.object({ q: searchQuery, first: z.coerce.number().pipe(pageSize).optional() }) },
  responses: {
    200: {
      description: "Matches, best first",
      content: { "application/json": { schema: z.object({ items: z.array(contextJson) }) } },
    },
    ...commonErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/contexts/{id}",
  tags,
  request: { params: idParams },
  responses: { 200: one("The context"), ...notFound, ...commonErrors },
});

const update = createRoute({
  method: "patch",
  path: "/contexts/{id}",
  tags,
  request: { params: idParams, body: jsonBody(updateContextInput) },
  responses: { 200: one("The updated context"), ...badRequest, ...notFound, ...conflict, ...commonErrors },
});

const remove = createRoute({
  method: "delete",
  path: "/contexts/{id}",
  tags,
  request: { params: idParams },
  responses: { 200: one("The context as deleted"), ...notFound, ...conflict, ...commonErrors },
});

/** REST /v1 shims for contexts: parse, call the resolver GraphQL also calls, serialize. */
export const contextRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(create, async (c) => c.json(toContextJson(await createContext(c.var.ctx, c.req.valid("json"))), 201))
  .openapi(list, async (c) => {
    const { first, after, ...filter } = c.req.valid("query");
    const page = await listContexts(c.var.ctx, { first, after, filter });
    return c.json({ items: page.items.map(toContextJson), nextCursor: page.hasNextPage ? page.endCursor : null }, 200);
  })
  .openapi(search, async (c) => {
    const { q, first } = c.req.valid("query");
    return c.json({ items: (await searchContexts(c.var.ctx, { query: q, first })).map(toContextJson) }, 200);
  })
  .openapi(get, async (c) => c.json(toContextJson(await getContext(c.var.ctx, c.req.valid("param").id)), 200))
  .openapi(update, async (c) =>
    c.json(toContextJson(await updateContext(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))), 200),
  )
  .openapi(remove, async (c) => c.json(toContextJson(await deleteContext(c.var.ctx, c.req.valid("param").id)), 200));
