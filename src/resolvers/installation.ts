import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { installationRepositories, installations, type InstallationRow } from "../db/schema";
import { NotFoundError } from "../errors";
import { timelinePage, type TimelineArgs } from "./timeline";
import { isGitHubId } from "../inputs/installation-input";
import { decodeCursor, pageLimit, toPage, type Page } from "../db/pagination";

/** One installation by GitHub id or ChittyID; operators only. */
export async function getInstallation(ctx: RequestContext, id: string): Promise<InstallationRow> {
  requireCapability(ctx.actor, "github:admin");
  const where = isGitHubId(id) ? eq(installations.id, Number(id)) : eq(installations.chittyId, id);
  const [row] = await ctx.db.select().from(installations).where(where).limit(1);
  if (!row) throw new NotFoundError("Installation", id);
  return row;
}

const isInstallationKey = (key: unknown[]): key is [number, number] =>
  key.length === 2 && Number.isSafeInteger(key[0]) && Number.isSafeInteger(key[1]);

/** Installations newest first, uninstalled ones included (they keep their history). */
export async function listInstallations(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null },
): Promise<Page<InstallationRow>> {
  requireCapability(ctx.actor, "github:admin");
  const limit = pageLimit(args.first);
  const t = installations;
  const after = args.after ? decodeCursor(args.after, isInstallationKey) : null;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(after ? or(lt(t.installedAt, after[0]), and(eq(t.installedAt, after[0]), lt(t.id, after[1]))) : undefined)
    .orderBy(desc(t.installedAt), desc(t.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.installedAt, row.id]);
}

/** The repositories GitHub says the installation can reach, by name. */
export async function listInstallationRepositories(ctx: RequestContext, installationId: number) {
  requireCapability(ctx.actor, "github:admin");
  return ctx.db
    .select()
    .from(installationRepositories)
    .where(eq(installationRepositories.installationId, installationId))
    .orderBy(asc(installationRepositories.fullName));
}

/** The installation's Chronicle timeline; an operator's view like the installation itself. */
export async function installationTimeline(ctx: RequestContext, installation: InstallationRow, args: TimelineArgs) {
  requireCapability(ctx.actor, "github:admin");
  return timelinePage(ctx.db, { ...args, subjectId: installation.chittyId });
}
