import type { Language } from "../../analysis/language";
import type { SourceLine } from "../../analysis/source-lines";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

/** MD5 and SHA-1 constructors per language, matched on the raw line (algorithm names sit in strings). */
const WEAK_HASHES: Record<Language, RegExp> = {
  javascript: /\bcreateHash\s*\(\s*["'`](?:md5|sha1)["'`]|\b(?:CryptoJS\.)?(?:MD5|SHA1)\s*\(|\b(?:md5|sha1)\s*\(/i,
  typescript: /\bcreateHash\s*\(\s*["'`](?:md5|sha1)["'`]|\b(?:CryptoJS\.)?(?:MD5|SHA1)\s*\(|\b(?:md5|sha1)\s*\(/i,
  python: /\bhashlib\.(?:md5|sha1)\s*\(|\bhashlib\.new\s*\(\s*(?:name\s*=\s*)?["'](?:md5|sha1)["']|(?<![\w.])(?:md5|sha1)\s*\(/i,
  go: /\b(?:md5|sha1)\.(?:New|Sum)\s*\(/,
  java: /MessageDigest\.getInstance\s*\(\s*"(?:MD5|SHA-?1)"|DigestUtils\.(?:md5|sha1|sha|getMd5Digest|getSha1Digest)\w*\s*\(/i,
  ruby: /\bDigest::(?:MD5|SHA1)\b|OpenSSL::Digest(?:::(?:MD5|SHA1)\b|\.new\s*\(\s*["'](?:md5|sha1)["'])/i,
  php: /(?<![\w>:$])(?:md5|sha1)\s*\(|\bhash\s*\(\s*["'](?:md5|sha1)["']/i,
};

/** Names that say the hashed value is a secret. `pw`/`pass` only as whole words or common compounds. */
const SECRET_CONTEXT = /passw(?:or)?d|\bpwd|\bpw(?:text|hash)?\b|\bpass\b|\$pass\b|passphrase|secret|token|credential|api_?key|signature|hmac|otp\b/i;
/** Non-security uses of a digest: these words on the hashing line win over a secret-sounding neighbour. */
const BENIGN_CONTEXT = /etag|checksum|cache|usedforsecurity\s*=\s*False|file|content[-_]?md5|fingerprint|dedup|shard|bucket/i;

function identifiersAround(lines: SourceLine[], index: number): string {
  return lines
    .slice(Math.max(0, index - 2), index + 3)
    .map((line) => line.code.replace(/·+/g, " ") + " " + line.strings.map((token) => token.text).join(" "))
    .join("\n");
}

/** Keywords every match contains; lines without them are skipped cheaply. */
const HINT = /md5|sha-?1/i;

function check(context: HunkContext): RuleHit[] {
  const pattern = WEAK_HASHES[context.language!.language];
  return perAddedLine(context, (line, index) => {
    if (!pattern.test(line.raw.replace(line.comment, "")) || BENIGN_CONTEXT.test(line.raw)) return null;
    if (!SECRET_CONTEXT.test(identifiersAround(context.lines, index))) return null;
    return {
      ruleId: "security/weak-hash",
      severity: "high",
      message: "MD5 or SHA-1 protects a password, token or signature here; both are fast and broken for this use.",
      suggestion:
        "Hash passwords with a slow KDF (argon2id, bcrypt, scrypt, PBKDF2) and sign or compare tokens with HMAC-SHA-256.",
    };
  }, HINT);
}

export const weakHashRule: Rule = {
  id: "security/weak-hash",
  languages: ["javascript", "typescript", "python", "go", "java", "ruby", "php"],
  check,
};
