import { type EvidenceRule, markerRule, proseRule, titleRule } from "./rule";

export const VULNERABILITY = /\b(?:CVE-\d{4}-\d{4,}|GHSA(?:-[\w]{4}){3}|xss|cross[- ]site (?:scripting|request forgery)|csrf|sql injection|(?:command|code|script|template|header|ldap) injection|path traversal|directory traversal|open redirect|remote code execution|rce|arbitrary (?:file|code)|privilege escalation|vulnerab(?:le|ility|ilities)|exploit(?:able|ed)?|security (?:issue|flaw|hole|risk|problem|vulnerability)|cvss)\b/i;

// Weights are calibrated low on purpose: in the labelled issues most vulnerability reports were filed under
// "bug", so vulnerability wording alone is not enough to apply a security label; only an explicit marker is.
export const SECURITY_RULES: readonly EvidenceRule[] = [
  markerRule("security", 0.8, /^\s*\[?security\]?:|\[security\]/i, "security marker"),
  titleRule("security", 0.45, /\bsecurity\b/i, "security wording"),
  titleRule("security", 0.4, VULNERABILITY, "vulnerability wording"),
  // Session cookies without their protective flags are reported in words the vulnerability list does not use.
  titleRule("security", 0.4, /\b(?:insecure|httponly|samesite|secure (?:flag|attribute)|session (?:fixation|hijacking)|unauthori[sz]ed access)\b/i, "security wording"),
  proseRule("security", 0.3, VULNERABILITY, "vulnerability wording"),
  proseRule("security", 0.2, /\b(?:attacker|malicious|httponly|samesite|secure flag|session hijacking|leak(?:s|ed|ing)? (?:the )?(?:token|secret|password|credential|api key)|(?:token|secret|password|credential|api key)s? (?:in|are|is) (?:plain ?text|logged|exposed|leaked)|sanitiz|unescaped|not (?:properly )?escaped|npm audit)\b/i, "attack wording"),
];
