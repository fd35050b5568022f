import { and, eq, gte, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import {
  actors,
  apiKeys,
  authFailureMinutes,
  chronicleEvents,
  connections,
  contexts,
  delegations,
  githubEntities,
  initializationSteps,
  installationGrants,
  installations,
  subscriptionLeases,
} from "../../db/schema";

/**
 * Every column that holds an entity's ChittyID, as a reference or as the entity's own key. One list, so that a
 * table added with such a column is added here too; DNA records are rewritten separately (rewrite-dna-chains.ts),
 * since their hashes cover the ids.
 */
export const ID_COLUMNS: readonly [SQLiteTable, SQLiteColumn][] = [
  [actors, actors.id],
  [actors, actors.createdBy],
  [actors, actors.budgetOwnerId],
  [apiKeys, apiKeys.actorId],
  [delegations, delegations.id],
  [delegations, delegations.delegatorId],
  [delegations, delegations.revokedBy],
  [delegations, delegations.parentId],
  [contexts, contexts.id],
  [contexts, contexts.ownerId],
  [connections, connections.id],
  [connections, connections.contextId],
  [connections, connections.ownerId],
  [installations, installations.chittyId],
  [installationGrants, installationGrants.actorId],
  [installationGrants, installationGrants.grantedBy],
  [githubEntities, githubEntities.chittyId],
  [chronicleEvents, chronicleEvents.subjectId],
  [chronicleEvents, chronicleEvents.actorId],
  [subscriptionLeases, subscriptionLeases.actorId],
  [subscriptionLeases, subscriptionLeases.budgetOwnerId],
];

/**
 * JSON columns the gateway writes ids into (event data, refusal samples, initialization details). Users' own
 * JSON (contexts.data, connections.config) is theirs and never rewritten.
 */
export const JSON_ID_COLUMNS: readonly [SQLiteTable, SQLiteColumn, SQLiteColumn | null][] = [
  // Only events recorded after the id was minted can mention it; the bound keeps the scan to those.
  [chronicleEvents, chronicleEvents.data, chronicleEvents.occurredAt],
  [authFailureMinutes, authFailureMinutes.samples, authFailureMinutes.minute],
  [initializationSteps, initializationSteps.detail, null],
];

/**
 * The statements that move every reference from `oldId` to `newId`, for one batch. Foreign keys are checked at
 * the end of the batch (`defer_foreign_keys`), since a key and its references change in the same transaction.
 * Each UPDATE runs when the batch commits, so rows written after the caller read anything are rewritten too.
 */
export function referenceRewrites(db: Database, oldId: string, newId: string, mintedAt: number): BatchItem[] {
  const statements: BatchItem[] = [db.run(sql`PRAGMA defer_foreign_keys = on`) as unknown as BatchItem];
  for (const [table, column] of ID_COLUMNS) {
    statements.push(db.update(table).set({ [keyOf(table, column)]: newId }).where(eq(column, oldId)) as unknown as BatchItem);
  }
  // A context's own flag says whether its id is still provisional.
  statements.push(db.update(contexts).set({ idProvisional: false }).where(eq(contexts.id, newId)));
  for (const [table, column, since] of JSON_ID_COLUMNS) {
    // Ids contain no JSON metacharacters (opaqueChittyId), so a textual replace rewrites exactly the id.
    const mentions: SQL = sql`instr(${column}, ${oldId}) > 0`;
    statements.push(
      db
        .update(table)
        .set({ [keyOf(table, column)]: sql`replace(${column}, ${oldId}, ${newId})` })
        .where(since ? and(mentions, gte(since, mintedAt - 60_000)) : mentions) as unknown as BatchItem,
    );
  }
  return statements;
}

/** The TypeScript key of a column in its table, which drizzle's `set` takes. */
function keyOf(table: SQLiteTable, column: SQLiteColumn): string {
  const entry = Object.entries(table).find(([, value]) => value === column);
  if (!entry) throw new Error(`column ${column.name} is not in its table`);
  return entry[0];
}
