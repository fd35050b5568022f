import type { Severity } from "../analysis/finding";

const BADGES: Record<Severity, string> = { critical: "🔴 critical", high: "🟠 high", medium: "🟡 medium", low: "🔵 low", info: "⚪ info" };

export function severityBadge(severity: Severity): string {
  return BADGES[severity];
}

/** A code span that survives backticks inside the text (GFM: use a longer fence than any run inside). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text safe inside Markdown and table cells: no raw HTML, no accidental emphasis or mentions. */
export function plain(text: string): string {
  return text
    .replace(/[\\*_[\]<>|]/g, (char) => `\\${char}`)
    .replace(/@(?=\w)/g, "@\u200b")
    .replace(/\r?\n/g, " ");
}

export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function where(path: string, line: number): string {
  return line > 0 ? codeSpan(`${path}:${line}`) : "the whole change";
}
