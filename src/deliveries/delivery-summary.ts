import { z } from "zod";

// Each field is optional on its own: a payload without one (push has no action) still gets the others.
const summary = z.object({
  action: z.string().max(100).optional().catch(undefined),
  installation: z.object({ id: z.number().int().positive() }).optional().catch(undefined),
  repository: z.object({ full_name: z.string().max(200) }).optional().catch(undefined),
});

export type DeliverySummary = { action: string | null; installationId: number | null; repository: string | null };

/** What a verified payload says about its delivery: the consumer dispatches by action, the record keeps all three. */
export function summarizeDelivery(payload: Record<string, unknown>): DeliverySummary {
  const { action, installation, repository } = summary.parse(payload);
  return { action: action ?? null, installationId: installation?.id ?? null, repository: repository?.full_name ?? null };
}
