import { stemmer } from "stemmer";
import { STOP_WORDS } from "./stop-words";

const NOISE = [
  /<!--[\s\S]*?(?:-->|$)/g, // template instructions
  /!\[[^\]]*\]\([^)]*\)/g, // images
  /\bhttps?:\/\/\S+/g, // URLs
  /<\/?[a-z][^>]*>/gi, // HTML tags
  /\b[0-9a-f]{7,40}\b/gi, // commit hashes and ids
];

// Stemming dominates the cost of indexing 500 issues, and issues share most of their words: remember stems.
// Bounded, and cleared when full, so a long-lived isolate cannot grow it without limit.
const STEMS = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

function stem(word: string): string {
  let cached = STEMS.get(word);
  if (cached === undefined) {
    if (STEMS.size >= MAX_CACHED_STEMS) STEMS.clear();
    cached = stemmer(word);
    STEMS.set(word, cached);
  }
  return cached;
}

/**
 * Search terms of a text: noise (URLs, images, HTML, hashes) removed, identifiers split at camelCase and
 * snake_case, lower-cased, stop words and numbers dropped, Porter-stemmed ("webhooks" → "webhook").
 */
export function tokenize(text: string): string[] {
  let clean = text;
  for (const pattern of NOISE) clean = clean.replace(pattern, " ");
  clean = clean.replace(/([a-z0-9])([A-Z])/g, "$1 $2");
  const terms: string[] = [];
  for (const word of clean.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length < 2 || word.length > 30 || /^\d/.test(word) || STOP_WORDS.has(word)) continue;
    const term = stem(word);
    if (!STOP_WORDS.has(term)) terms.push(term);
  }
  return terms;
}
