import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { WebhookDeliveryRow } from "../db/schema";
import { DELIVERY_STATUSES } from "../db/schema";
import { deliveryId } from "../deliveries/message";
import { deliveryMetrics } from "../resolvers/delivery-metrics";
import { replayDelivery } from "../resolvers/delivery-replay";
import type { AppEnv } from "../app-env";
import { commonErrors, conflict, notFound } from "./error-schema";
import { validationHook } from "./validation-hook";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const deliveryJson = z.object({
  id: z.string(),
  event: z.string(),
  action: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});

function toDeliveryJson(row: WebhookDeliveryRow): z.infer<typeof deliveryJson> {
  const { deliveryId: id, event, action, status, attempts, lastError } = row;
  return { id, event, action, status, attempts, lastError, receivedAt: iso(row.receivedAt)!, processedAt: iso(row.processedAt) };
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const tags = ["deliveries"];

const replay = createRoute({
  method: "post",
  path: "/deliveries/{id}/replay",
  tags,
  description: "Re-enqueues a dead or failed GitHub delivery from its stored payload (github:admin). Send `{}` as the JSON body.",
  request: { params: z.object({ id: deliveryId }) },
  responses: { 202: json(deliveryJson, "Queued again"), ...notFound, ...conflict, ...commonErrors },
});

const metrics = createRoute({
  method: "get",
  path: "/deliveries/metrics",
  tags,
  description: "Processed, failed and dead counts and the p95 processing time (github:admin).",
  responses: {
    200: json(
      z.object({ counts: z.record(z.string(), z.number().int()), retries: z.number().int(), p95ProcessingMs: z.number().int().nullable() }),
      "Event-processing metrics",
    ),
    ...commonErrors,
  },
});

/** REST /v1 shims for operators of the event pipeline. */
export const deliveryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(replay, async (c) => c.json(toDeliveryJson(await replayDelivery(c.var.ctx, c.req.valid("param").id)), 202))
  .openapi(metrics, async (c) => {
    const { counts, retries, p95ProcessingMs } = await deliveryMetrics(c.var.ctx, {});
    return c.json({ counts, retries, p95ProcessingMs }, 200);
  });
