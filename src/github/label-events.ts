import { z } from "zod";
import { actingUser, authorshipOf, isThisDeploymentsApp, performingApp, type IsOurs } from "./authorship";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { readPages } from "./rest-pages";

/** Pages of 100 events read at most; GitHub lists an issue's events oldest first. */
export const MAX_EVENT_PAGES = 10;

// The events list mixes some twenty event types; only labels matter here, the rest pass through unread.
const event = z
  .object({
    event: z.string(),
    label: z.object({ name: z.string() }).nullish(),
    actor: actingUser,
    performed_via_github_app: performingApp,
    created_at: z.string(),
  })
  .transform(({ actor, performed_via_github_app, ...rest }) => ({ ...rest, author: authorshipOf(actor, performed_via_github_app) }));

/** A label added to or removed from an issue, by whom and when. */
export interface LabelEvent {
  event: "labeled" | "unlabeled";
  label: string;
  author: { login: string | null; appId: number | null };
  created_at: string;
}

/**
 * The labeled and unlabeled events of an issue or pull request, oldest first.
 * @see https://docs.github.com/en/rest/issues/events#list-issue-events
 */
export async function listLabelEvents(env: Env, ref: RepositoryRef, number: number): Promise<{ events: LabelEvent[]; complete: boolean }> {
  const { items, complete } = await readPages(env, ref, {
    route: "GET /repos/{owner}/{repo}/issues/{issue_number}/events",
    params: { owner: ref.owner, repo: ref.name, issue_number: number },
    item: event,
    maxPages: MAX_EVENT_PAGES,
    doing: `listing the events of ${repositoryName(ref)}#${number}`,
  });
  const events = items.flatMap((e): LabelEvent[] =>
    (e.event === "labeled" || e.event === "unlabeled") && e.label ? [{ event: e.event, label: e.label.name, author: e.author, created_at: e.created_at }] : [],
  );
  return { events, complete };
}

/** The labels that someone other than this App removed, by name, in the order first removed. */
export function labelsRemovedByOthers(events: LabelEvent[], isOurs: IsOurs): string[] {
  const removed = events.filter((e) => e.event === "unlabeled" && !isOurs(e.author)).map((e) => e.label);
  return [...new Set(removed)];
}

/**
 * The labels a person (anyone but this App) removed from an issue or pull request, read from its events.
 * @param options.isOurs how to tell this App's own events; by default, `performed_via_github_app` is GITHUB_APP_ID.
 */
export async function fetchLabelsRemovedByOthers(
  env: Env,
  ref: RepositoryRef,
  number: number,
  options: { isOurs?: IsOurs } = {},
): Promise<{ labels: string[]; complete: boolean }> {
  const { events, complete } = await listLabelEvents(env, ref, number);
  return { labels: labelsRemovedByOthers(events, options.isOurs ?? isThisDeploymentsApp(env)), complete };
}
