/** Keeps a short prefix of a secret so people can find it, and nothing that would let anyone use it. */
export function redactSecret(secret: string): string {
  const keep = Math.min(8, Math.max(2, Math.floor(secret.length / 5)));
  return `${secret.slice(0, keep)}…`;
}

/** The line with every listed secret replaced by its redacted prefix, trimmed and cut for display. */
export function redactLine(line: string, secrets: string[], max = 160): string {
  let text = line;
  for (const secret of secrets) text = text.split(secret).join(redactSecret(secret));
  text = text.trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
