import type { Severity } from "../../analysis/finding";

/** A credential format a provider documents, found anywhere in a line (code, comments, config, prose). */
export interface TokenKind {
  kind: string;
  label: string;
  pattern: RegExp;
  severity: Severity;
}

/**
 * Provider formats. Stripe test keys (`sk_test_`, `rk_test_`) are deliberately absent: they reach only a
 * sandbox, test suites are full of them, and a review bot that flags them trains people to ignore it.
 */
export const TOKEN_KINDS: TokenKind[] = [
  { kind: "aws-access-key", label: "AWS access key id", pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g, severity: "critical" },
  { kind: "github-token", label: "GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g, severity: "critical" },
  { kind: "github-token", label: "GitHub fine-grained token", pattern: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g, severity: "critical" },
  { kind: "private-key", label: "private key", pattern: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----/g, severity: "critical" },
  { kind: "slack-token", label: "Slack token", pattern: /\bxox[abposr]-(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{10,}/g, severity: "critical" },
  { kind: "slack-webhook", label: "Slack webhook", pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/g, severity: "high" },
  { kind: "stripe-key", label: "Stripe live key", pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}\b/g, severity: "critical" },
  { kind: "google-api-key", label: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, severity: "high" },
  { kind: "npm-token", label: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, severity: "critical" },
  { kind: "gitlab-token", label: "GitLab token", pattern: /\bglpat-[0-9A-Za-z_-]{20,}/g, severity: "critical" },
  { kind: "sendgrid-key", label: "SendGrid API key", pattern: /\bSG\.[\w-]{22}\.[\w-]{43}\b/g, severity: "critical" },
];

/** One cheap test that every token kind needs to pass first; most lines fail it and skip the eleven patterns. */
export const TOKEN_HINT = /AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|gh[pousr]_|github_pat_|PRIVATE KEY|xox[abposr]-|hooks\.slack|k_live_|AIza|npm_|glpat-|SG\./;
