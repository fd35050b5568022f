import type { Severity } from "../../analysis/finding";
import type { SourceLine } from "../../analysis/source-lines";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { isPlaceholder } from "./placeholder";
import { redactLine } from "./redact";
import { configSecret, isSecretName, secretLiterals, urlPassword } from "./secret-values";
import { TOKEN_HINT, TOKEN_KINDS } from "./token-kinds";

/** Every secret-like name contains one of these; most lines contain none and skip the name pattern. */
const NAME_HINT = /pass|pw|secret|token|key|cred|bearer/i;
const BASE64_BODY = /^\s*["'`]?[A-Za-z0-9+/=]{40,}/;

/** A BEGIN line counts only with key material after it, so scanners' own header constants stay quiet. */
function hasKeyBody(lines: SourceLine[], index: number): boolean {
  const line = lines[index]!.raw;
  if (/PRIVATE KEY(?: BLOCK)?-----(?:\\n|\s*["'`]?\s*\+?\s*["'`]?)\s*(?:\\n)?(?:MII|[A-Za-z0-9+/]{40,})/.test(line)) return true;
  const next = lines[index + 1];
  return next !== undefined && (BASE64_BODY.test(next.raw) || /^\s*["'`]?(?:Proc-Type|MII)/.test(next.raw));
}

function hit(line: SourceLine, kind: string, label: string, severity: Severity, secrets: string[]): RuleHit {
  return {
    ruleId: `security/hardcoded-secret/${kind}`,
    severity,
    line: line.newLine,
    message: `A ${label} is committed in the source; anyone who can read the repository (or its history) can use it.`,
    evidence: redactLine(line.raw, secrets),
    suggestion:
      "Revoke and rotate it now (it stays in git history), then load it at run time from a secret store or an environment variable.",
  };
}

function check(context: HunkContext): RuleHit[] {
  const hits: RuleHit[] = [];
  const isCode = context.language?.kind === "code";
  context.lines.forEach((line, index) => {
    if (!line.added) return;
    let matched = false;
    for (const token of TOKEN_HINT.test(line.raw) ? TOKEN_KINDS : []) {
      const values = [...line.raw.matchAll(token.pattern)].map((m) => m[0]).filter((value) => !isPlaceholder(value));
      if (values.length === 0) continue;
      if (token.kind === "private-key" && !hasKeyBody(context.lines, index)) continue;
      hits.push(hit(line, token.kind, token.label, token.severity, token.kind === "private-key" ? [] : values));
      matched = true;
    }
    if (matched) return;
    const url = line.raw.includes("://") ? urlPassword(line.raw) : null;
    if (url) {
      hits.push(hit(line, "url-credentials", "password in a URL", "high", [url]));
      return;
    }
    if (!NAME_HINT.test(line.raw) || !isSecretName(line.raw)) return;
    const generic = isCode ? secretLiterals(line) : [configSecret(line.raw)].filter((value): value is string => value !== null);
    if (generic.length > 0) hits.push(hit(line, "generic", "credential-like value", "high", generic));
  });
  return hits;
}

/** Runs on every file, code or not: tokens leak from .env files, YAML and docs as much as from code. */
export const hardcodedSecretRule: Rule = { id: "security/hardcoded-secret", templates: true, check };
