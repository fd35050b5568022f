import { z } from "zod";
import { githubInstallation, githubRepository } from "../../github/installation";
import { disconnectInstallation, installationWrites } from "../../resolvers/connect-installation";
import { parsePayload, type DeliveryHandler } from "./handler";
import { senderShape } from "./github-shapes";
import { installationContextJobs } from "../triage/queue-jobs";
import { sendTriageJobs } from "../triage/triage-message";

/** The actions the installation handler records. */
export const INSTALLATION_ACTIONS = ["created", "deleted", "suspend", "unsuspend", "new_permissions_accepted"] as const;

const installationPayload = z.object({
  action: z.enum(INSTALLATION_ACTIONS),
  installation: githubInstallation,
  // Sent with created (and deleted); the list GitHub gives is the installation's whole selection.
  // node_id names the repository's context; GitHub sends it, though REST listings are read without it.
  repositories: z.array(githubRepository.extend({ node_id: z.string().min(1).optional() })).optional(),
  sender: senderShape,
});

/**
 * installation: creates or updates the installation row (and its repositories on created), evolves its
 * DNA and writes `github.installation.{action}`. A deleted installation keeps its row and history, marked
 * uninstalled, and its cached token is dropped from TOKEN_KV at once, since GitHub has revoked it. A new
 * installation's repositories (the first 100) get their ChittyConnect Context built on TRIAGE_Q.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#installation
 */
export const handleInstallation: DeliveryHandler = async (ctx, raw) => {
  const { action, installation, repositories, sender } = parsePayload(installationPayload, ctx, raw);
  if (action === "deleted") await disconnectInstallation(ctx.env, installation.id);
  if (action === "created") await sendTriageJobs(ctx.env, installationContextJobs(installation.id, repositories ?? [], ctx.deliveryId));
  const type = `github.installation.${action}`;
  const { statements } = await installationWrites(ctx.env, ctx.db, installation, {
    repositories: action === "created" ? (repositories ?? []) : null,
    types: { created: type, existing: type },
    data: { deliveryId: ctx.deliveryId, sender: sender?.login ?? null },
    uninstalled: action === "deleted",
    now: ctx.now,
  });
  return statements;
};
