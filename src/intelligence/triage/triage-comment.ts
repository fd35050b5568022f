import type { TriageResult } from "./triage-result";

/** Hidden first line of the one sticky triage comment, so the handler finds and edits it instead of posting again. */
export const TRIAGE_COMMENT_MARKER = "<!-- chittyconnect:triage -->";

/** Whether a comment body is the sticky triage comment. */
export function isTriageComment(body: string | null | undefined): boolean {
  return (body ?? "").trimStart().startsWith(TRIAGE_COMMENT_MARKER);
}

const percent = (n: number) => `${Math.round(n * 100)}%`;
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** Markdown for the sticky triage comment: short, with the evidence folded away in `<details>`. */
export function renderTriageComment(result: TriageResult): string {
  const lines = [TRIAGE_COMMENT_MARKER, "**Triage** (automatic; maintainers decide)", ""];
  const labels = result.labels;
  if (labels !== null) {
    const applied = labels.applied.map((d) => `${code(d.label)} (${percent(d.confidence)})`);
    const suggested = labels.suggested.map((d) => `${code(d.label)} (${percent(d.confidence)})`);
    lines.push(`- Labels applied: ${applied.length > 0 ? applied.join(", ") : "none"}`);
    if (suggested.length > 0) lines.push(`- Suggested, not applied: ${suggested.join(", ")}`);
  }
  if (result.priority !== null) {
    const { level, label, reasons } = result.priority;
    const why = reasons.length > 0 ? ` — ${reasons.join(", ")}` : "";
    lines.push(`- Priority: **${level}**${label !== null ? ` (${code(label)})` : ""}${why}`);
  }
  if (result.related !== null && result.related.length > 0) {
    lines.push(`- Related: ${result.related.map((r) => `#${r.number} (${r.state}, ${r.score.toFixed(2)})`).join(", ")}`);
  }
  if (result.assignees !== null) {
    const people = result.assignees.logins.map((a) => `@${a.login}`);
    const teams = result.assignees.teams.map((t) => `@${t.login} (team)`);
    if (people.length + teams.length > 0) lines.push(`- Could take this: ${[...people, ...teams].join(", ")}`);
  }
  const details = evidenceDetails(result);
  if (details.length > 0) lines.push("", "<details><summary>Why</summary>", "", ...details, "", "</details>");
  return lines.join("\n");
}

function evidenceDetails(result: TriageResult): string[] {
  const out: string[] = [];
  for (const d of [...(result.labels?.applied ?? []), ...(result.labels?.suggested ?? [])]) {
    out.push(`- ${code(d.label)} ${percent(d.confidence)}: ${d.evidence.slice(0, 4).join("; ")}`);
  }
  for (const r of result.related ?? []) out.push(`- #${r.number} ${r.title.slice(0, 80)}`);
  for (const a of [...(result.assignees?.logins ?? []), ...(result.assignees?.teams ?? [])]) {
    out.push(`- @${a.login}: ${a.reasons.slice(0, 3).join("; ")}`);
  }
  return out;
}
