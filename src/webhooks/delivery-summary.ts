import { z } from "zod";

/** Events the queue consumer handles; every other verified event is recorded as ignored. */
export const HANDLED_EVENTS: ReadonlySet<string> = new Set(["push", "pull_request", "issues", "installation", "installation_repositories"]);

// Each field is optional on its own: a payload without one (push has no action) still gets the others.
const summary = z.object({
  action: z.string().max(100).optional().catch(undefined),
  installation: z.object({ id: z.number().int().positive() }).optional().catch(undefined),
  repository: z.object({ full_name: z.string().max(200) }).optional().catch(undefined),
});

/** The columns of `webhook_deliveries` that come from a verified payload. */
export function summarizeDelivery(payload: Record<string, unknown>) {
  const { action, installation, repository } = summary.parse(payload);
  return { action: action ?? null, installationId: installation?.id ?? null, repository: repository?.full_name ?? null };
}
