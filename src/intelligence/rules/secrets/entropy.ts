/** Shannon entropy in bits per character: random keys score about 4 and more, words about 3 and less. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Looks random enough to be a credential: long, varied, mixing character classes, not words or a path. */
export function looksRandom(value: string): boolean {
  if (value.length < 10 || /\s/.test(value)) return false;
  if (/^[a-z]+(?:[_.-][a-z]+)*$/i.test(value)) return false;
  if (/^(?:https?:)?\/\/|^\.{0,2}\/|\.(?:json|ya?ml|txt|png|js|ts|py|html)$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  if (classes < 2) return false;
  return shannonEntropy(value) >= (value.length >= 20 ? 3.3 : 3.0);
}
