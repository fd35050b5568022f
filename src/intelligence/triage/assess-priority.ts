import type { TypeScore } from "./classify-issue";
import { toIssueDocument } from "./issue-document";

export const PRIORITY_LEVELS = ["P0", "P1", "P2", "P3"] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export interface Priority {
  level: PriorityLevel;
  /** Why, most urgent first; empty when the issue is P3 by default. */
  reasons: string[];
}

interface Signal {
  level: PriorityLevel;
  reason: string;
  pattern: RegExp;
}

const SIGNALS: readonly Signal[] = [
  { level: "P0", reason: "data loss", pattern: /\b(?:data loss|lost (?:all |my |our )?data|data (?:is |was |gets )?(?:lost|corrupted|deleted|wiped)|corrupt(?:s|ed|ion)? (?:the )?(?:data|database|files?)|deletes? (?:all|every)\b)/i },
  { level: "P0", reason: "outage", pattern: /\b(?:outage|(?:production|prod|site|service|server|cluster) (?:is |went |goes )?down|down for (?:all|every)|all users (?:are )?(?:affected|unable|blocked))\b/i },
  { level: "P0", reason: "exploitable vulnerability", pattern: /\b(?:remote code execution|rce|actively exploited|privilege escalation|authentication bypass|arbitrary code)\b/i },
  { level: "P1", reason: "crash", pattern: /\b(?:crash(?:es|ed|ing)?|segfault|segmentation fault|sigsegv|panic(?:ked|s)?|core dumped|oom[- ]killed)\b/i },
  { level: "P1", reason: "regression", pattern: /\b(?:regression|regressed|no longer works?|stopped working|worked (?:fine |well )?(?:in|on|before|until|with) |since (?:upgrading|updating|the (?:latest )?update)|after (?:upgrading|updating|the (?:latest )?(?:update|upgrade)))\b/i },
  { level: "P1", reason: "affects production", pattern: /\b(?:in production|on production|production (?:environment|server|system|site)s?|prod environment|live servers?)\b/i },
  { level: "P1", reason: "blocking", pattern: /\b(?:block(?:s|ing|er)|showstopper|can(?:not|'t) (?:deploy|release|ship|upgrade|start|log ?in|use (?:it|the app)))\b/i },
];

const MANY_REACTIONS = 10;
const SOME_REACTIONS = 3;

/** Priority P0–P3 from what the issue says and how many people reacted; the most urgent signal wins. */
export function assessPriority(title: string, body: string | null | undefined, reactions: number, scores: readonly TypeScore[]): Priority {
  const doc = toIssueDocument(title, body);
  const text = `${doc.title}\n${doc.prose}`;
  const found: { level: PriorityLevel; reason: string }[] = SIGNALS.filter((s) => s.pattern.test(text)).map(({ level, reason }) => ({ level, reason }));
  const confidence = (type: TypeScore["type"]) => scores.find((s) => s.type === type)?.confidence ?? 0;
  if (confidence("security") >= 0.3) found.push({ level: "P1", reason: "security report" });
  if (reactions >= MANY_REACTIONS) found.push({ level: "P1", reason: `${reactions} reactions` });
  else if (reactions >= SOME_REACTIONS) found.push({ level: "P2", reason: `${reactions} reactions` });
  if (confidence("bug") >= 0.3) found.push({ level: "P2", reason: "bug report" });
  if (confidence("performance") >= 0.3) found.push({ level: "P2", reason: "performance problem" });
  found.sort((a, b) => PRIORITY_LEVELS.indexOf(a.level) - PRIORITY_LEVELS.indexOf(b.level));
  return { level: found[0]?.level ?? "P3", reasons: [...new Set(found.map((f) => f.reason))] };
}
