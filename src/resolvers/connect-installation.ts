import { eq } from "drizzle-orm";
import { insertChunks, type BatchItem } from "../db/batch";
import { createDatabase, isUniqueViolation, type Database } from "../db/client";
import { installationRepositories, installations, type InstallationRow } from "../db/schema";
import { recordChittyId } from "../ecosystem/chitty-id";
import { backgroundCallOptions } from "../ecosystem/context-ops";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import { fetchInstallation, fetchInstallationRepositories, type GitHubInstallation, type GitHubRepository } from "../github/installation";
import { forgetInstallationToken, getInstallationToken } from "../github/installation-token";

export const INSTALLATION_SUBJECT_TYPE = "github_installation";
// D1 binds at most 100 parameters per statement; a repository row has 5.
const REPOSITORIES_PER_INSERT = 20;


/** What DNA hashes: the installation as GitHub describes it. */
function observableState(row: InstallationRow) {
  const { id, chittyId, accountLogin, accountType, repositorySelection, permissions, events, suspendedAt, uninstalledAt } = row;
  return { id, chittyId, accountLogin, accountType, repositorySelection, permissions, events, suspendedAt, uninstalledAt };
}

export interface InstallationChange {
  /** The repositories it can now reach, replacing the stored list; null keeps the stored list. */
  repositories: GitHubRepository[] | null;
  /** Chronicle type for a new and for a known installation. */
  types: { created: string; existing: string };
  data?: Record<string, unknown>;
  uninstalled?: boolean;
  now: number;
}

/**
 * The writes that record an installation as GitHub describes it: the row, its repositories, its DNA record
 * and its Chronicle event, for one D1 batch. A new installation gets a ChittyID and a DNA genesis; a known
 * one keeps its ChittyID and evolves. The actor is null because GitHub, not a gateway caller, vouches for it.
 */
export async function installationWrites(env: Env, db: Database, gh: GitHubInstallation, change: InstallationChange) {
  const { now, repositories } = change;
  const [existing] = await db.select().from(installations).where(eq(installations.id, gh.id)).limit(1);
  // The scope document files GitHub installations under the CONTEXT entity type of ChittyID.
  const options = backgroundCallOptions(env);
  const minted = existing ? null : await mintEntityId(env, "CONTEXT", "github installation", options);
  await options.settle();
  const row: InstallationRow = {
    id: gh.id,
    chittyId: existing?.chittyId ?? minted!.id,
    accountLogin: gh.account?.login ?? "unknown",
    accountType: gh.account?.type ?? "Unknown",
    repositorySelection: gh.repository_selection,
    permissions: gh.permissions,
    events: gh.events,
    installedAt: existing?.installedAt ?? gh.created_at,
    updatedAt: now,
    suspendedAt: gh.suspended_at ?? null,
    uninstalledAt: change.uninstalled ? (existing?.uninstalledAt ?? now) : null,
  };
  const type = existing ? change.types.existing : change.types.created;
  // DNA names the change by its last word (installed, updated, suspend), Chronicle by its full dotted type.
  const event = type.slice(type.lastIndexOf(".") + 1);
  const statements: BatchItem[] = [
    ...(minted ? [recordChittyId(db, minted, "CONTEXT", now), db.insert(installations).values(row)] : []),
    ...(existing ? [db.update(installations).set(row).where(eq(installations.id, row.id))] : []),
    ...(repositories ? [db.delete(installationRepositories).where(eq(installationRepositories.installationId, row.id))] : []),
    ...insertChunks(
      db,
      installationRepositories,
      (repositories ?? []).map((r) => ({ installationId: row.id, repositoryId: r.id, fullName: r.full_name, private: r.private, addedAt: now })),
      REPOSITORIES_PER_INSERT,
    ),
    ...(await recordChange(db, {
      subjectId: row.chittyId,
      subjectType: INSTALLATION_SUBJECT_TYPE,
      state: observableState(row),
      event,
      actorId: null,
      now,
      ...(existing ? {} : { previous: null }),
      type,
      data: {
        installationId: row.id,
        account: row.accountLogin,
        accountType: row.accountType,
        repositorySelection: row.repositorySelection,
        ...(repositories ? { repositories: repositories.length } : {}),
        ...change.data,
      },
    }, outboxTargets(env))),
  ];
  return { installation: row, created: !existing, statements };
}

/** Records an installation from the install callback, in one D1 batch (see installationWrites). */
export async function saveInstallation(
  env: Env,
  db: Database,
  gh: GitHubInstallation,
  repositories: GitHubRepository[],
  now = Date.now(),
): Promise<{ installation: InstallationRow; created: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const { installation, created, statements } = await installationWrites(env, db, gh, {
      repositories,
      types: { created: "github.app.installed", existing: "github.app.updated" },
      now,
    });
    try {
      await db.batch(statements as [BatchItem, ...BatchItem[]]);
      return { installation, created };
    } catch (error) {
      // A concurrent callback for the same installation won; the second attempt sees its row and evolves it.
      if (attempt >= 2 || !(isUniqueViolation(error, "installations.id") || isUniqueViolation(error, "dna_records"))) throw error;
    }
  }
}


/**
 * The installation callback's work: read the installation from GitHub as the App, create (and cache)
 * an installation token, list the repositories with it, and record everything.
 */
export async function connectInstallation(env: Env, installationId: number) {
  const gh = await fetchInstallation(env, installationId);
  const token = await getInstallationToken(env, installationId);
  const repositories = await fetchInstallationRepositories(env, token);
  return saveInstallation(env, createDatabase(env.DB), gh, repositories);
}

/**
 * An uninstalled installation's cached token would only earn 401s: GitHub revokes it at once. The
 * installation's row and history stay (installationWrites marks it uninstalled).
 */
export async function disconnectInstallation(env: Env, installationId: number): Promise<void> {
  await forgetInstallationToken(env, installationId);
}
