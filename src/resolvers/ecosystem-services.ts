import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { serviceStatuses, type ServiceStatus } from "../ecosystem/service-status";
import type { EcosystemService } from "../ecosystem/services";

/**
 * Each ChittyOS service as this isolate sees it (mode, URL, health, circuit, last success and error), for
 * operators (`actors:admin`): URLs and upstream errors describe the deployment, not the caller's data.
 * Reads only what real calls taught the breakers; it calls no service.
 */
export async function listEcosystemServices(ctx: RequestContext): Promise<(ServiceStatus & { name: EcosystemService })[]> {
  requireCapability(ctx.actor, "actors:admin");
  const statuses = await serviceStatuses(ctx.env);
  return Object.entries(statuses).map(([name, status]) => ({ name: name as EcosystemService, ...status }));
}
