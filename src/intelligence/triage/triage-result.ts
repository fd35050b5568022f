import type { Priority } from "./assess-priority";
import type { TypeScore } from "./classify-issue";
import type { LabelDecisions } from "./decide-labels";
import type { RelatedIssue } from "./related-issues";
import type { AssigneeSuggestions } from "./suggest-assignees";

/** What triage decided; a part is null when its switch was off. */
export interface TriageResult {
  /** All six types with confidence and evidence, most confident first. */
  classification: TypeScore[];
  /** Labels to add (never to remove) and labels only suggested. */
  labels: LabelDecisions | null;
  /** With the repository's label for that level, or null when it has none. */
  priority: (Priority & { label: string | null }) | null;
  related: RelatedIssue[] | null;
  assignees: AssigneeSuggestions | null;
  /** Markdown for the sticky comment, starting with TRIAGE_COMMENT_MARKER. */
  comment: string | null;
}
