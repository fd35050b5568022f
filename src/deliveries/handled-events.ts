/**
 * The events the App handles: the webhook enqueues these (and answers `ignored` to every other verified event),
 * and the dispatcher must have a handler for each — its map is typed by this list, so adding an event here
 * without a handler, or a handler without an event here, does not compile.
 */
export const HANDLED_EVENTS = ["push", "pull_request", "issues", "issue_comment", "installation", "installation_repositories"] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

export const isHandledEvent = (event: string): event is HandledEvent => (HANDLED_EVENTS as readonly string[]).includes(event);
