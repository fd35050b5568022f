/** The six issue types the triage engine recognises; every list of types is derived from this one. */
export const ISSUE_TYPES = ["bug", "feature", "documentation", "question", "security", "performance"] as const;

export type IssueType = (typeof ISSUE_TYPES)[number];
