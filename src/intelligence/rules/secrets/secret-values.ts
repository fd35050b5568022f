import type { SourceLine } from "../../analysis/source-lines";
import { looksRandom } from "./entropy";
import { isPlaceholder } from "./placeholder";

/** Names that say their value is a credential. Whole-word `pass`/`pw` only: "bypass" and "pwa" are not. */
const SECRET_NAME =
  /passw(?:or)?d|passphrase|\bpass\b|pwd|(?:^|[^a-z])pw(?:[^a-z]|$)|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth[_-]?key|signing[_-]?key|encryption[_-]?key|credential|(?:^|[^a-z])creds?(?:[^a-z]|$)|bearer/i;
const OPERATOR_BEFORE = /([\w$."'[\]-]+(?:\s+[\w$]+)?)\s*(?::=|===?|!==?|=>|:|=)\s*$/;
const OPERATOR_AFTER = /^\s*(?:===?|!==?)\s*([\w$.]+)/;

/** The credential itself: auth scheme words ("Bearer ", "token ") are not part of it. */
function credentialOf(value: string): string {
  return value.replace(/^(?:Bearer|Basic|Token|token)[:\s]+/, "");
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A literal value that is random-looking and not a placeholder: what a real credential looks like. */
export function isCredentialValue(value: string): boolean {
  const credential = credentialOf(value);
  // Stripe test keys reach only a sandbox and publishable keys are public by design (see token-kinds.ts).
  if (/^(?:[sr]k_test_|pk_(?:test|live)_)/.test(credential)) return false;
  return looksRandom(credential) && !isPlaceholder(credential);
}

/**
 * String literals of a lexed code line that are assigned to, passed as, keyed by or compared with a
 * secret-like name: `password = "…"`, `"apiKey": "…"`, `Password: "…"`, `if pw == "…"`.
 */
export function secretLiterals(line: SourceLine): string[] {
  const found: string[] = [];
  for (const token of line.strings) {
    if (token.interpolated) continue;
    const before = line.raw.slice(0, token.start);
    const end = token.start + token.prefix.length + token.quote.length * 2 + token.text.length;
    const name = OPERATOR_BEFORE.exec(before)?.[1] ?? OPERATOR_AFTER.exec(line.raw.slice(end))?.[1];
    if (name && isSecretName(name) && isCredentialValue(token.text)) found.push(credentialOf(token.text));
  }
  return found;
}

/** `KEY=value`, `key: value` and `"key": "value"` lines of env, YAML, INI and JSON files. */
export function configSecret(raw: string): string | null {
  const match = /^\s*(?:export\s+)?["']?([\w.-]+)["']?\s*[:=]\s*["']?([^\s"'#,]+)["']?\s*,?\s*(?:#.*)?$/.exec(raw);
  if (!match || !isSecretName(match[1]!)) return null;
  return isCredentialValue(match[2]!) ? match[2]! : null;
}

/** The password of `scheme://user:password@host` when it looks like a real one. */
export function urlPassword(raw: string): string | null {
  const match = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]+:([^\s@/"'`]+)@[\w.-]+/i.exec(raw);
  return match && isCredentialValue(match[1]!) ? match[1]! : null;
}
