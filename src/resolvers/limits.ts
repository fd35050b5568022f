/** Documented input limits (README, "Limits"). */
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
} as const;
