/** Every documented size and count limit (README, "Limits"), in one place. */
export const LIMITS = {
  contextName: 120,
  contextDescription: 2_000,
  /** Bytes of a context's `data` once serialized as JSON. */
  contextDataBytes: 64 * 1024,
  /** Bytes of a connection's `config` once serialized as JSON: settings, not payloads. */
  connectionConfigBytes: 16 * 1024,
  /**
   * Levels of nested objects and arrays in a JSON input (context `data`, connection `config`); `{}` is 1.
   * Checked without recursion before anything recursive (JSON.stringify, literal parsing) touches the value.
   */
  jsonDepth: 32,
  searchQuery: 200,
  pageSize: 100,
  defaultPageSize: 20,
  /** Bytes of any REST or GraphQL request body. */
  requestBodyBytes: 256 * 1024,
  /** Concurrent subscriptions per actor budget (an actor and the actors it registered share one). */
  subscriptionsPerBudget: 10,
  /**
   * Open findings (and as many resolved ones) stored per pull request review; the comment shows at most 200
   * (`review.max_findings`) and the check run's annotations carry every one. A review that found more is
   * marked incomplete, and the next review of the pull request is full rather than incremental.
   */
  storedFindingsPerReview: 200,
} as const;

/** GraphQL document limits; each refusal is a GraphQL validation error (graphql/limit-plugins.ts). */
export const GRAPHQL_LIMITS = { depth: 10, aliases: 15, tokens: 2_000, cost: 5_000 } as const;
