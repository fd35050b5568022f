import { and, eq } from "drizzle-orm";
import { hasCapability, requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { installationGrants, installations, type InstallationRow } from "../db/schema";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordEvent } from "../ecosystem/record-change";
import { NotFoundError } from "../errors";
import { findActor } from "./actor";
import { atomicBatch } from "../db/batch";
import { getInstallation } from "./installation";

/** How an installation the caller may not use is described: the same words whether or not it exists. */
export const UNKNOWN_INSTALLATION = "is not an installation you may use: it is unknown to this gateway, or an operator has not granted it to you";

/**
 * The installation, when the caller may use it: `github:admin`, or an operator granted it to the caller. Anything
 * else is null, exactly as for an installation that does not exist, so that ordinary actors cannot probe which
 * installations exist or whether they are suspended.
 */
export async function installationVisibleTo(ctx: RequestContext, installationId: number): Promise<InstallationRow | null> {
  if (hasCapability(ctx.actor, "github:admin")) {
    const [row] = await ctx.db.select().from(installations).where(eq(installations.id, installationId)).limit(1);
    return row ?? null;
  }
  const [row] = await ctx.db
    .select({ installation: installations })
    .from(installations)
    .innerJoin(installationGrants, and(eq(installationGrants.installationId, installations.id), eq(installationGrants.actorId, ctx.actor.id)))
    .where(eq(installations.id, installationId))
    .limit(1);
  return row?.installation ?? null;
}

/** Lets an actor use an installation (name it in its github connections); operators only. Granting twice changes nothing. */
export async function grantInstallation(ctx: RequestContext, installationId: string, actorId: string): Promise<InstallationRow> {
  requireCapability(ctx.actor, "github:admin");
  const installation = await getInstallation(ctx, installationId);
  const grantee = await findActor(ctx, actorId);
  if (!grantee) throw new NotFoundError("Actor", actorId);
  const now = Date.now();
  const event = { type: "github.installation.granted", subjectId: installation.chittyId, actorId: ctx.actor.id, data: { installationId: installation.id, grantee: grantee.id }, now };
  await atomicBatch(ctx.db, [
    ctx.db.insert(installationGrants).values({ installationId: installation.id, actorId: grantee.id, grantedBy: ctx.actor.id, grantedAt: now }).onConflictDoNothing(),
    ...recordEvent(ctx.db, event, outboxTargets(ctx.env)),
  ]);
  return installation;
}

/** Withdraws a grant; connections already made keep their row, and their health then reports the installation unknown. */
export async function revokeInstallationGrant(ctx: RequestContext, installationId: string, actorId: string): Promise<InstallationRow> {
  requireCapability(ctx.actor, "github:admin");
  const installation = await getInstallation(ctx, installationId);
  const now = Date.now();
  await atomicBatch(ctx.db, [
    ctx.db.delete(installationGrants).where(and(eq(installationGrants.installationId, installation.id), eq(installationGrants.actorId, actorId))),
    ...recordEvent(
      ctx.db,
      { type: "github.installation.grant_revoked", subjectId: installation.chittyId, actorId: ctx.actor.id, data: { installationId: installation.id, grantee: actorId }, now },
      outboxTargets(ctx.env),
    ),
  ]);
  return installation;
}

/** Who was granted the installation; operators only. */
export async function listInstallationGrants(ctx: RequestContext, installationId: number) {
  requireCapability(ctx.actor, "github:admin");
  return ctx.db.select().from(installationGrants).where(eq(installationGrants.installationId, installationId)).orderBy(installationGrants.grantedAt);
}
