import type { Language } from "../../analysis/language";
import type { SourceLine } from "../../analysis/source-lines";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

/** Settings that turn certificate or host-name verification off, matched on code (not comments or prose). */
const DISABLERS: Record<Language, RegExp[]> = {
  javascript: [
    /\brejectUnauthorized\s*[:=]\s*false\b/,
    /\bstrictSSL\s*:\s*false\b/,
    /\bcheckServerIdentity\s*:\s*\(\)\s*=>\s*(?:undefined|null)\b/,
  ],
  typescript: [],
  python: [
    /\bverify\s*=\s*False\b/,
    /\b_create_unverified_context\b/,
    /\bCERT_NONE\b/,
    /\bcheck_hostname\s*=\s*False\b/,
  ],
  go: [/\bInsecureSkipVerify\s*[:=]\s*true\b/],
  java: [
    /\b(?:ALLOW_ALL_HOSTNAME_VERIFIER|NoopHostnameVerifier|TrustAllStrategy|InsecureTrustManagerFactory)\b/,
    /\bsetHostnameVerifier\s*\(\s*\([^)]*\)\s*->\s*true\b/,
  ],
  ruby: [/\bVERIFY_NONE\b/, /\bverify_ssl\s*(?::|=>)\s*false\b/, /\bssl_verify_mode\s*(?::|=>)\s*:none\b/],
  php: [
    /\bCURLOPT_SSL_VERIFY(?:PEER|HOST)\s*,\s*(?:false|0)\b/i,
    /['"](?:verify_peer|verify_peer_name|verify)['"]\s*=>\s*false\b/i,
  ],
};
DISABLERS.typescript = DISABLERS.javascript;

/** A Java trust manager's check method whose body is empty: every certificate is accepted. */
function emptyTrustCheck(lines: SourceLine[], index: number): boolean {
  if (!/\bvoid\s+check(?:Server|Client)Trusted\s*\(/.test(lines[index]!.code)) return false;
  const body = lines.slice(index, index + 6).map((line) => line.code).join("\n");
  const open = body.indexOf("{");
  if (open < 0) return false;
  const close = body.indexOf("}", open);
  return close > open && body.slice(open + 1, close).trim() === "";
}

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"`: the value is a string, so the raw line tells 0 from 1. */
function nodeTlsEnvOff(line: SourceLine): boolean {
  return (
    /NODE_TLS_REJECT_UNAUTHORIZED/.test(line.raw.replace(line.comment, "")) &&
    /[=:]\s*$|=(?!=)/.test(line.code) &&
    /NODE_TLS_REJECT_UNAUTHORIZED["'`]?\]?\s*[=:]\s*["'`]?0["'`]?(?!\d)/.test(line.raw)
  );
}

/** Keywords every match contains; lines without them are skipped cheaply. */
const HINT = /rejectUnauthorized|NODE_TLS|strictSSL|checkServerIdentity|verify|CERT_NONE|unverified|check_hostname|InsecureSkipVerify|HOSTNAME_VERIFIER|HostnameVerifier|TrustAll|InsecureTrustManager|VERIFY_NONE|ssl_verify|CURLOPT_SSL|Trusted/;

function check(context: HunkContext): RuleHit[] {
  const { language } = context.language!;
  return perAddedLine(context, (line, index) => {
    // PHP keys are strings, which the lexer masks; the raw line is read there, code lines elsewhere.
    const text = language === "php" ? (line.comment ? line.raw.replace(line.comment, "") : line.raw) : line.code;
    const disabled =
      DISABLERS[language].some((pattern) => pattern.test(text)) ||
      ((language === "javascript" || language === "typescript") && nodeTlsEnvOff(line)) ||
      (language === "java" && emptyTrustCheck(context.lines, index));
    if (!disabled) return null;
    return {
      ruleId: "security/tls-verification-disabled",
      severity: "high",
      message: "TLS certificate verification is turned off: anyone on the network path can read and change this traffic.",
      suggestion:
        "Keep verification on; for a private CA pass its certificate (ca / verify='/path/ca.pem' / RootCAs / a trust store) instead of disabling checks.",
    };
  }, HINT);
}

export const tlsVerificationRule: Rule = {
  id: "security/tls-verification-disabled",
  languages: ["javascript", "typescript", "python", "go", "java", "ruby", "php"],
  check,
};
