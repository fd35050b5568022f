import type { ChangedFile } from "../analysis/changed-file";
import type { Finding, Severity } from "../analysis/finding";
import { pathKind } from "../analysis/path-kind";

export interface RiskReason {
  points: number;
  reason: string;
}

export interface RiskScore {
  /** 0 (trivial) to 100 (handle with care). */
  score: number;
  level: "low" | "medium" | "high";
  reasons: RiskReason[];
}

const SENSITIVE = /(?:^|\/)(?:auth|authn|authz|security|crypto|secrets?|permissions?|acl|session|oauth|jwt|login|password|payments?|billing|migrations?)(?:\/|[._-]|$)|^\.github\/workflows\/|(?:^|\/)Dockerfile$|(?:^|\/)wrangler\.toml$/i;
const FINDING_POINTS: Record<Severity, number> = { critical: 25, high: 12, medium: 5, low: 1, info: 0 };

/**
 * A deterministic 0-100 score with its reasons: size, sensitive paths, dependency and CI changes,
 * findings by severity and untested source changes. Each part is capped so no single one dominates.
 */
export function riskScore(files: ChangedFile[], findings: Finding[]): RiskScore {
  const reasons: RiskReason[] = [];
  const add = (points: number, reason: string) => {
    if (points > 0) reasons.push({ points: Math.round(points), reason });
  };
  const lines = files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
  add(Math.min(25, Math.log2(1 + lines / 25) * 5), `${lines} lines changed in ${files.length} file(s)`);
  const sensitive = files.filter((file) => SENSITIVE.test(file.filename)).map((file) => file.filename);
  add(Math.min(20, sensitive.length * 8), `sensitive paths: ${sensitive.slice(0, 3).join(", ")}${sensitive.length > 3 ? ", …" : ""}`);
  const dependencies = files.filter((file) => pathKind(file.filename) === "dependencies").length;
  add(Math.min(10, dependencies * 5), `${dependencies} dependency manifest(s) or lockfile(s) changed`);
  const ci = files.filter((file) => pathKind(file.filename) === "ci").length;
  add(Math.min(10, ci * 5), `${ci} CI workflow file(s) changed`);
  const bySeverity = new Map<Severity, number>();
  for (const finding of findings) bySeverity.set(finding.severity, (bySeverity.get(finding.severity) ?? 0) + 1);
  const findingPoints = [...bySeverity].reduce((sum, [severity, count]) => sum + FINDING_POINTS[severity] * count, 0);
  const described = [...bySeverity].filter(([severity]) => FINDING_POINTS[severity] > 0).map(([severity, count]) => `${count} ${severity}`);
  add(Math.min(40, findingPoints), `findings: ${described.join(", ")}`);
  const source = files.some((file) => pathKind(file.filename) === "source");
  if (source && !files.some((file) => pathKind(file.filename) === "tests")) add(10, "source changed without any test change");
  reasons.sort((a, b) => b.points - a.points);
  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { score, level: score >= 60 ? "high" : score >= 30 ? "medium" : "low", reasons };
}
