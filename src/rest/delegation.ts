import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { DelegationRow } from "../db/schema";
import { delegate, revokeDelegation, validateDelegation } from "../resolvers/delegation";
import { delegateInput, delegationId, validateDelegationInput } from "../inputs/delegation-input";
import type { AppEnv } from "../app-env";
import { badRequest, commonErrors, errorBody, notFound } from "./error-schema";
import { jsonBody, jsonResponse } from "./openapi-parts";
import { validationHook } from "./validation-hook";

const delegationJson = z.object({
  tokenId: z.string(),
  delegatorId: z.string(),
  targetService: z.string(),
  scopes: z.array(z.string()),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});

function toDelegationJson(row: DelegationRow): z.infer<typeof delegationJson> {
  return {
    tokenId: row.id,
    delegatorId: row.delegatorId,
    targetService: row.targetService,
    scopes: row.scopes,
    issuedAt: new Date(row.issuedAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
  };
}

const tags = ["delegation"];

const issue = createRoute({
  method: "post",
  path: "/delegate",
  tags,
  request: { body: jsonBody(delegateInput) },
  responses: { 201: jsonResponse(delegationJson.extend({ token: z.string() }), "The signed token and its record"), ...badRequest, ...commonErrors },
});
const validate = createRoute({
  method: "post",
  path: "/delegate/validate",
  tags,
  request: { body: jsonBody(validateDelegationInput) },
  responses: {
    200: jsonResponse(z.object({ valid: z.literal(true), claims: z.record(z.string(), z.unknown()) }), "The token is good for this service"),
    ...badRequest,
    ...commonErrors,
    401: jsonResponse(errorBody, "Missing credential, or the token is invalid, expired, forged or revoked (DELEGATION_INVALID)"),
    403: jsonResponse(errorBody, "The token was issued for another service (DELEGATION_WRONG_AUDIENCE)"),
  },
});
const revoke = createRoute({
  method: "delete",
  path: "/delegate/{tokenId}",
  tags,
  request: { params: z.object({ tokenId: delegationId }) },
  responses: { 200: jsonResponse(delegationJson, "The revoked delegation"), ...notFound, ...commonErrors },
});

/** REST /v1 shims for service delegation. */
export const delegationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(issue, async (c) => {
    const { token, delegation } = await delegate(c.var.ctx, c.req.valid("json"));
    return c.json({ token, ...toDelegationJson(delegation) }, 201);
  })
  .openapi(validate, async (c) => {
    const result = await validateDelegation(c.var.ctx, c.req.valid("json"));
    return c.json({ valid: result.valid, claims: { ...result.claims } }, 200);
  })
  .openapi(revoke, async (c) => c.json(toDelegationJson(await revokeDelegation(c.var.ctx, c.req.valid("param").tokenId)), 200));
