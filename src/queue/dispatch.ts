import type { HandledEvent } from "../deliveries/handled-events";
import { handleInstallation, INSTALLATION_ACTIONS } from "./handlers/installation";
import { handleInstallationRepositories, INSTALLATION_REPOSITORIES_ACTIONS } from "./handlers/installation-repositories";
import { handleIssueComment, ISSUE_COMMENT_ACTIONS } from "./handlers/issue-comment";
import { handleIssues, ISSUE_ACTIONS } from "./handlers/issues";
import { handlePullRequest, PULL_REQUEST_ACTIONS } from "./handlers/pull-request";
import { handlePush } from "./handlers/push";
import type { DeliveryHandler } from "./handlers/handler";

/**
 * Each handled event, its handler and the actions it records (none listed: every delivery, as push has no action).
 * Typed by HANDLED_EVENTS, the list the webhook enqueues by: an event missing here, or one not in that list, is
 * a compile error rather than a delivery silently recorded as ignored.
 */
const HANDLERS: { [E in HandledEvent]: { handler: DeliveryHandler; actions?: readonly string[] } } = {
  push: { handler: handlePush },
  pull_request: { handler: handlePullRequest, actions: PULL_REQUEST_ACTIONS },
  issues: { handler: handleIssues, actions: ISSUE_ACTIONS },
  issue_comment: { handler: handleIssueComment, actions: ISSUE_COMMENT_ACTIONS },
  installation: { handler: handleInstallation, actions: INSTALLATION_ACTIONS },
  installation_repositories: { handler: handleInstallationRepositories, actions: INSTALLATION_REPOSITORIES_ACTIONS },
};

/** The handler for an event and action, or undefined when nothing records it (the delivery is then ignored). */
export function handlerFor(event: string, action: string | undefined): DeliveryHandler | undefined {
  const entry = (HANDLERS as Record<string, { handler: DeliveryHandler; actions?: readonly string[] }>)[event];
  if (!entry) return undefined;
  if (entry.actions && !(action !== undefined && entry.actions.includes(action))) return undefined;
  return entry.handler;
}
