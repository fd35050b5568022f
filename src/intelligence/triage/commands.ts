/** The slash commands ChittyConnect answers in issue and pull request comments. */
export const COMMANDS = ["review", "triage", "help"] as const;
export type CommandName = (typeof COMMANDS)[number];

export type ParsedCommand = { name: CommandName; args: string[] } | { name: "unknown"; word: string };

const PREFIX = "/chittyconnect";
/** GitHub's author_association values that may run commands: people with write access to the repository. */
const TRUSTED = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/**
 * The first command in a comment: the first line that starts with `/chittyconnect`, ignoring quoted lines
 * (`> …`, someone quoting an earlier command) and fenced code blocks (someone showing how to use one).
 * Null when the comment has no command.
 */
export function parseCommand(body: string | null | undefined): ParsedCommand | null {
  let fence: string | null = null;
  for (const raw of (body ?? "").split(/\r?\n/)) {
    const line = raw.trim();
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null || line.startsWith(">") || !line.toLowerCase().startsWith(PREFIX)) continue;
    const rest = line.slice(PREFIX.length);
    if (rest !== "" && !/^\s/.test(rest)) continue;
    const [word = "help", ...args] = rest.trim().split(/\s+/).filter(Boolean);
    const name = word.toLowerCase();
    return (COMMANDS as readonly string[]).includes(name) ? { name: name as CommandName, args } : { name: "unknown", word };
  }
  return null;
}

/** Whether a comment author (by GitHub's author_association) may run commands. */
export function mayRunCommands(authorAssociation: string | null | undefined): boolean {
  return TRUSTED.has((authorAssociation ?? "").toUpperCase());
}

/** The reply to `/chittyconnect help` and to an unknown command. */
export function helpText(): string {
  return [
    "**ChittyConnect commands** (repository owners, members and collaborators):",
    "",
    "- `/chittyconnect review` — review this pull request again",
    "- `/chittyconnect triage` — triage this issue again and update the triage comment",
    "- `/chittyconnect help` — show this list",
  ].join("\n");
}

/** The short reply when someone without write access runs a command. */
export function refusalText(login: string): string {
  return `@${login} ChittyConnect commands can be run by repository owners, members and collaborators only.`;
}
