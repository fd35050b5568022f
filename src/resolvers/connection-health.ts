import { and, eq } from "drizzle-orm";
import type { RequestContext } from "../context";
import { isUniqueViolation } from "../db/client";
import { connections, type ConnectionRow } from "../db/schema";
import { ecosystemCallOptions } from "../ecosystem/context-ops";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import { serviceStatuses } from "../ecosystem/service-status";
import type { EcosystemService } from "../ecosystem/services";
import { ConflictError } from "../errors";
import { atomicBatch } from "../db/batch";
import { CONNECTION_SUBJECT, loadConnectionForChange, observableConnectionState } from "./connection";
import { refreshConnectionCache } from "../cache/connection-cache";
import { installationVisibleTo, UNKNOWN_INSTALLATION } from "./installation-grant";

/** How the service is reached: an embedded ChittyOS default, a remote ChittyOS service, or a GitHub App installation. */
export type ServiceMode = "embedded" | "remote" | "github_app";

export interface ConnectionHealth {
  connection: ConnectionRow;
  healthy: boolean;
  mode: ServiceMode;
  /** What the check found, for the operator. */
  reason: string;
  checkedAt: number;
}

type Probe = Pick<ConnectionHealth, "healthy" | "mode" | "reason">;

/**
 * Checks a connection's service, records when it did, and moves the connection between active and degraded
 * when the answer changed; only such a change writes DNA and a Chronicle event, so polling adds no history.
 */
export async function checkConnectionHealth(ctx: RequestContext, id: string): Promise<ConnectionHealth> {
  const current = await loadConnectionForChange(ctx, id, "connections:read");
  const now = Date.now();
  if (current.status === "disconnected") {
    const mode = current.service === "github" ? "github_app" : (await statusOf(ctx, current.service as EcosystemService, false)).mode;
    return { connection: current, healthy: false, mode, reason: "the connection was disconnected", checkedAt: now };
  }
  const probe = await probeService(ctx, current);
  const status = probe.healthy ? "active" : "degraded";
  const next: ConnectionRow = { ...current, status, lastCheckedAt: now, updatedAt: status === current.status ? current.updatedAt : now };
  // Guarded on the status read above, so a disconnect that commits first is never undone.
  const unchanged = and(eq(connections.id, id), eq(connections.status, current.status));
  if (status === current.status) {
    await ctx.db.update(connections).set({ lastCheckedAt: now }).where(unchanged);
  } else {
    const event = probe.healthy ? "recovered" : "degraded";
    await atomicBatch(ctx.db,
      [
        ctx.db.update(connections).set({ status, lastCheckedAt: now, updatedAt: now }).where(unchanged),
        ...(await recordChange(ctx.db, {
          subjectId: id,
          subjectType: CONNECTION_SUBJECT,
          state: observableConnectionState(next),
          event,
          type: `connection.${event}`,
          data: { service: current.service, reason: probe.reason },
          actorId: ctx.actor.id,
          now,
        }, outboxTargets(ctx.env))),
      ],
      (error) =>
        isUniqueViolation(error, "dna_records")
          ? new ConflictError(`Connection ${id} changed during its health check; check it again`, "CONNECTION_CHANGED")
          : undefined,
    );
  }
  await refreshConnectionCache(ctx, next);
  return { connection: next, ...probe, checkedAt: now };
}

/** The service's status, probing it (GET /health, within the timeout) when nothing recent is known of it. */
async function statusOf(ctx: RequestContext, service: EcosystemService, probe: boolean) {
  const statuses = await serviceStatuses(ctx.env, { ...ecosystemCallOptions(ctx.env, ctx), probe, services: [service] });
  return statuses[service];
}

async function probeService(ctx: RequestContext, connection: ConnectionRow): Promise<Probe> {
  if (connection.service !== "github") {
    const service = connection.service as EcosystemService;
    const status = await statusOf(ctx, service, true);
    // The embedded defaults run inside this Worker on its own D1 and KV: if this request runs, they do.
    if (status.mode === "embedded") return { healthy: true, mode: "embedded", reason: `${service} is served by its embedded default` };
    if (status.healthy === false) {
      const why = status.configError ?? status.lastError?.message ?? `its circuit is ${status.circuit}`;
      return { healthy: false, mode: "remote", reason: `${service} at ${status.url} is failing: ${why}` };
    }
    return { healthy: true, mode: "remote", reason: `${service} at ${status.url} answers` };
  }
  const installationId = connection.config.installationId;
  if (typeof installationId !== "number") {
    return { healthy: false, mode: "github_app", reason: "config names no installationId" };
  }
  // What the caller may not see reads exactly as what does not exist.
  const installation = await installationVisibleTo(ctx, installationId);
  const problem = !installation
    ? UNKNOWN_INSTALLATION
    : installation.uninstalledAt !== null
      ? "was uninstalled"
      : installation.suspendedAt !== null
        ? "is suspended"
        : null;
  return problem
    ? { healthy: false, mode: "github_app", reason: `GitHub App installation ${installationId} ${problem}` }
    : { healthy: true, mode: "github_app", reason: `GitHub App installation ${installationId} is active` };
}
