import { hasCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { installationVisibleTo } from "./installation-grant";

/**
 * Whether the caller may see what the App knows about a repository of an installation: `github:admin`, or an actor
 * an operator granted the installation. Callers answer "not found" otherwise, exactly as for a repository the App
 * never saw, so that nobody can probe which repositories are installed.
 */
export async function repositoryVisibleTo(ctx: RequestContext, installationId: number): Promise<boolean> {
  if (hasCapability(ctx.actor, "github:admin")) return true;
  return (await installationVisibleTo(ctx, installationId)) !== null;
}
