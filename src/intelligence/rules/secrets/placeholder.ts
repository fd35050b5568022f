/** Words that mark a value as an example, a template or a dummy rather than a credential. */
const PLACEHOLDER_WORDS = /example|sample|placeholder|dummy|changeme|change_me|change-me|redacted|your[_-]|insert[_-]|replace[_-]?me|xxxx|\*\*\*\*|fake|notreal|not[_-]a[_-]real/i;

/** Documented example credentials (AWS docs) that scanners' test suites and tutorials are full of. */
const DOCUMENTED_EXAMPLES = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AKIAI44QH8DHBEXAMPLE",
  "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
]);

/** True for values that are obviously not real secrets: examples, templates, variables, repeated characters. */
export function isPlaceholder(value: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(value) || PLACEHOLDER_WORDS.test(value)) return true;
  // Templating and variable references: <token>, ${VAR}, {{ var }}, %s, $VAR, %(name)s.
  if (/^<[^>]*>$|\$\{[^}]*\}|\{\{[^}]*\}\}|%[sd]|%\(\w+\)s|^\$[A-Z_]+$/.test(value)) return true;
  const body = value.replace(/^[a-z]{2,4}[_-]/i, "");
  const counts = new Map<string, number>();
  for (const char of body) counts.set(char, (counts.get(char) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  // "0000-0000-0000", "XXXXXXXX", "aaaaaaaa": one character making up most of the value.
  return body.length > 0 && most / body.length >= 0.5;
}
