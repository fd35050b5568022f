import { eq } from "drizzle-orm";
import { installations } from "../../db/schema";
import type { DeliveryContext } from "./handler";

/** A step a handler left out, and why; recorded in the Chronicle event as `data.skipped`. */
export interface SkippedStep {
  step: string;
  reason: string;
}

/** The installation to call GitHub as, or why there is none to call as. */
export type InstallationAccess = { installationId: number } | { unavailable: string };

/** Why a delivery from a repository or organization webhook is not read through the API. */
export const NO_INSTALLATION = "no installation in the payload (repository or organization webhook)";

/**
 * Whether a handler can call GitHub as the installation a delivery names. Deliveries from repository
 * and organization webhooks name none; an installation this gateway knows to be uninstalled or suspended
 * would only earn refused tokens, so the call is not tried (one D1 read, no GitHub call).
 * @see https://docs.github.com/en/apps/maintaining-github-apps/suspending-a-github-app-installation
 */
export async function installationAccess(ctx: DeliveryContext, installation: { id: number } | undefined): Promise<InstallationAccess> {
  if (!installation) return { unavailable: NO_INSTALLATION };
  const [known] = await ctx.db
    .select({ suspendedAt: installations.suspendedAt, uninstalledAt: installations.uninstalledAt })
    .from(installations)
    .where(eq(installations.id, installation.id))
    .limit(1);
  if (known?.uninstalledAt != null) return { unavailable: `installation ${installation.id} was uninstalled, so GitHub has revoked its access` };
  if (known?.suspendedAt != null) return { unavailable: `installation ${installation.id} is suspended, so GitHub refuses its tokens` };
  return { installationId: installation.id };
}
