import { desc, eq } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { contexts, repositoryContexts, type ContextRow, type RepositoryContextRow } from "../db/schema";
import { defaultRepositoryConfig, type RepositoryConfig } from "../intelligence/config/repository-config";
import { repositoryContextDataSchema, type RepositoryContextData } from "../intelligence/repository/repository-context-data";
import { repositoryVisibleTo } from "./repository-visibility";

/** A repository's ChittyConnect Context as the API shows it, with the refresh record around it. */
export interface RepositoryContextView {
  row: RepositoryContextRow;
  /** Null until the first refresh committed, or when someone deleted the context. */
  context: ContextRow | null;
  data: RepositoryContextData | null;
}

/** The triage and command settings that apply to a repository, and where they come from. */
export interface TriageSettingsView {
  triage: RepositoryConfig["triage"];
  commands: RepositoryConfig["commands"];
  problems: string[];
  /** `repository`: read from `.github/chittyconnect.yml` at the last context refresh; `default`: none read yet. */
  source: "repository" | "default";
}

async function visibleRow(ctx: RequestContext, repository: string): Promise<RepositoryContextRow | null> {
  requireCapability(ctx.actor, "contexts:read");
  const [row] = await ctx.db
    .select()
    .from(repositoryContexts)
    .where(eq(repositoryContexts.repositoryKey, repository.toLowerCase()))
    .orderBy(desc(repositoryContexts.claimedAt))
    .limit(1);
  return row && (await repositoryVisibleTo(ctx, row.installationId)) ? row : null;
}

/**
 * A repository's context by `owner/name` (any case): null when the App has none, and exactly the same for a
 * repository of an installation the caller may not see. Needs `contexts:read`.
 */
export async function loadRepositoryContext(ctx: RequestContext, repository: string): Promise<RepositoryContextView | null> {
  const row = await visibleRow(ctx, repository);
  if (!row) return null;
  return contextView(ctx, row);
}

/** The context row and its parsed data for a refresh record (D1, not the KV cache: the record says which version is current). */
export async function contextView(ctx: RequestContext, row: RepositoryContextRow): Promise<RepositoryContextView> {
  const [context] = row.contextId ? await ctx.db.select().from(contexts).where(eq(contexts.id, row.contextId)).limit(1) : [];
  if (!context || context.deletedAt !== null) return { row, context: null, data: null };
  const parsed = repositoryContextDataSchema.safeParse(context.data);
  if (!parsed.success) console.error("repository context data does not parse; it is not shown", { contextId: context.id, issue: parsed.error.issues[0]?.message });
  return { row, context, data: parsed.success ? parsed.data : null };
}

/** The settings of a repository's context, or the defaults when it has none yet. */
export function settingsOf(view: Pick<RepositoryContextView, "data"> | null): TriageSettingsView {
  if (view?.data) return { ...view.data.settings, source: "repository" };
  const defaults = defaultRepositoryConfig();
  return { triage: defaults.triage, commands: defaults.commands, problems: [], source: "default" };
}

/**
 * The triage settings of a repository as last read from its default branch: null for a repository the App does
 * not know or the caller may not see, the defaults for a known repository whose settings were not read yet.
 */
export async function triageSettingsFor(ctx: RequestContext, repository: string): Promise<TriageSettingsView | null> {
  const view = await loadRepositoryContext(ctx, repository);
  return view ? settingsOf(view) : null;
}
