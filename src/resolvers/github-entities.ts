import { inArray } from "drizzle-orm";
import pLimit from "p-limit";
import type { Database } from "../db/client";
import { chittyIds, githubEntities, type GitHubEntityRow } from "../db/schema";
import type { ChittyIdType } from "../ecosystem/chitty-id";
import { backgroundCallOptions } from "../ecosystem/context-ops";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { insertChunks, type BatchItem } from "../db/batch";

export type GitHubEntityKind = GitHubEntityRow["kind"];
export interface GitHubEntityRef {
  githubKey: string;
  kind: GitHubEntityKind;
  label: string;
}

const ID_TYPE: Record<GitHubEntityKind, ChittyIdType> = { repository: "REPO", commit: "COMMIT", pull_request: "PR", issue: "ISSUE" };
// D1 binds at most 100 parameters per statement.
const KEYS_PER_SELECT = 90;
// A push may name hundreds of commits; a few mints at a time keep the authority's load and the wait bounded
// (once its breaker opens, the rest are provisional at once).
const MINTS_AT_ONCE = 4;

/** Commits have no node id in push payloads; this key is unique per repository and sha. */
export const commitKey = (repositoryNodeId: string, sha: string) => `Commit:${repositoryNodeId}:${sha}`;

/**
 * The ChittyIDs of GitHub objects: known ones from `github_entities`, new ones minted (by the authority when one
 * is configured), with the rows that record them for the caller's batch. Two writers minting for one object
 * collide on the primary key, so only one batch commits and the other re-reads the winner's ID.
 */
export async function resolveEntities(env: Env, db: Database, refs: GitHubEntityRef[], now: number) {
  const unique = [...new Map(refs.map((r) => [r.githubKey, r])).values()];
  const ids = new Map<string, string>();
  for (let i = 0; i < unique.length; i += KEYS_PER_SELECT) {
    const keys = unique.slice(i, i + KEYS_PER_SELECT).map((r) => r.githubKey);
    const rows = await db.select().from(githubEntities).where(inArray(githubEntities.githubKey, keys));
    for (const row of rows) ids.set(row.githubKey, row.chittyId);
  }
  const options = backgroundCallOptions(env);
  const limit = pLimit(MINTS_AT_ONCE);
  const fresh = await Promise.all(
    unique
      .filter((r) => !ids.has(r.githubKey))
      .map((r) => limit(async () => ({ ...r, minted: await mintEntityId(env, ID_TYPE[r.kind], `github ${r.kind}`, options) }))),
  );
  await options.settle();
  for (const f of fresh) ids.set(f.githubKey, f.minted.id);
  const statements: BatchItem[] = [
    ...insertChunks(db, chittyIds, fresh.map((f) => ({ id: f.minted.id, entityType: ID_TYPE[f.kind], source: f.minted.source, mintedAt: now })), 20),
    ...insertChunks(db, githubEntities, fresh.map((f) => ({ githubKey: f.githubKey, chittyId: f.minted.id, kind: f.kind, label: f.label, createdAt: now })), 15),
  ];
  return { idOf: (key: string) => ids.get(key)!, minted: new Set(fresh.map((f) => f.minted.id)), statements };
}
