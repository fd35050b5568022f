import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { installationRepositories } from "../../db/schema";
import { githubInstallation, githubRepository } from "../../github/installation";
import type { BatchItem } from "../../db/batch";
import { installationWrites } from "../../resolvers/connect-installation";
import { parsePayload, type DeliveryHandler } from "./handler";
import { senderShape } from "./github-shapes";
import { installationContextJobs } from "../triage/queue-jobs";
import { sendTriageJobs } from "../triage/triage-message";

export const INSTALLATION_REPOSITORIES_ACTIONS = ["added", "removed"] as const;

const payload = z.object({
  action: z.enum(INSTALLATION_REPOSITORIES_ACTIONS),
  installation: githubInstallation,
  repository_selection: z.enum(["all", "selected"]),
  repositories_added: z.array(githubRepository.extend({ node_id: z.string().min(1).optional() })),
  // Removal needs only the id; GitHub's schema leaves every field of these entries optional on added.
  repositories_removed: z.array(z.object({ id: z.number().int().positive(), full_name: z.string().optional() })),
  sender: senderShape,
});

// D1 binds at most 100 parameters per statement; a repository row has 5.
const ROWS_PER_INSERT = 20;

/**
 * installation_repositories: adds and removes the installation's repositories, evolves its DNA and writes
 * `github.installation_repositories.{action}`. The installation row is written first in the same batch,
 * so an event for an installation this gateway has not seen yet still lands. Added repositories (the first 100)
 * get their ChittyConnect Context built on TRIAGE_Q.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#installation_repositories
 */
export const handleInstallationRepositories: DeliveryHandler = async (ctx, raw) => {
  const p = parsePayload(payload, ctx, raw);
  const id = p.installation.id;
  if (p.action === "added") await sendTriageJobs(ctx.env, installationContextJobs(id, p.repositories_added, ctx.deliveryId));
  const type = `github.installation_repositories.${p.action}`;
  const { statements } = await installationWrites(ctx.env, ctx.db, { ...p.installation, repository_selection: p.repository_selection }, {
    repositories: null,
    types: { created: type, existing: type },
    data: {
      deliveryId: ctx.deliveryId,
      added: p.repositories_added.map((r) => r.full_name),
      removed: p.repositories_removed.map((r) => r.full_name ?? `repository ${r.id}`),
      sender: p.sender?.login ?? null,
    },
    now: ctx.now,
  });
  const changes: BatchItem[] = [];
  const removedIds = p.repositories_removed.map((r) => r.id);
  for (let i = 0; i < removedIds.length; i += 90) {
    const ids = removedIds.slice(i, i + 90);
    changes.push(ctx.db.delete(installationRepositories).where(and(eq(installationRepositories.installationId, id), inArray(installationRepositories.repositoryId, ids))));
  }
  for (let i = 0; i < p.repositories_added.length; i += ROWS_PER_INSERT) {
    const rows = p.repositories_added.slice(i, i + ROWS_PER_INSERT).map((r) => ({ installationId: id, repositoryId: r.id, fullName: r.full_name, private: r.private, addedAt: ctx.now }));
    // Idempotent: a repository added twice (a replayed delivery) keeps its first row.
    changes.push(ctx.db.insert(installationRepositories).values(rows).onConflictDoNothing());
  }
  // After the installation's own writes, so that a new installation's row exists before its repositories reference it.
  return [...statements, ...changes];
};
