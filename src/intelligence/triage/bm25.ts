/**
 * Okapi BM25 over small in-memory corpora, written here (about forty lines) rather than taken from
 * wink-bm25-text-search: that library refuses to consolidate fewer than three documents, cannot take
 * documents after consolidating, and cannot score the query against itself, which is what turns raw
 * BM25 scores into the comparable 0–1 similarities the related-issues threshold needs.
 */
export interface Bm25Index {
  /** Raw BM25 score of every document for the query terms, in document order. */
  scores(query: readonly string[]): number[];
  /** The score a document made of exactly the query terms would get: the ceiling for normalising. */
  selfScore(query: readonly string[]): number;
}

const K1 = 1.2;
const B = 0.75;

export function createBm25Index(documents: readonly (readonly string[])[]): Bm25Index {
  const frequencies = documents.map((terms) => countTerms(terms));
  const lengths = documents.map((terms) => terms.length);
  const averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length) || 1;
  const documentFrequency = new Map<string, number>();
  for (const tf of frequencies) for (const term of tf.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const n = documents.length;
  const idf = (term: string) => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  const score = (queryCounts: Map<string, number>, tf: Map<string, number>, length: number) => {
    let total = 0;
    for (const [term, qf] of queryCounts) {
      const f = tf.get(term) ?? 0;
      if (f === 0) continue;
      total += qf * idf(term) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / averageLength)));
    }
    return total;
  };
  return {
    scores(query) {
      const q = countTerms(query);
      return frequencies.map((tf, i) => score(q, tf, lengths[i] ?? 0));
    },
    selfScore(query) {
      const q = countTerms(query);
      return score(q, q, query.length);
    },
  };
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
