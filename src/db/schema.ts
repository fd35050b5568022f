import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch; every timestamp column uses it so ordering is numeric. */
const timestamp = (name: string) => integer(name, { mode: "number" });

/** Every ChittyID this gateway has used, and whether it was minted here or by the ChittyID authority. */
export const chittyIds = sqliteTable("chitty_ids", {
  id: text("id").primaryKey(),
  entityType: text("entity_type").notNull(),
  source: text("source", { enum: ["local", "remote"] }).notNull(),
  mintedAt: timestamp("minted_at").notNull(),
});

export const actors = sqliteTable(
  "actors",
  {
    id: text("id").primaryKey(),
    type: text("type", { enum: ["human", "ai", "service", "system"] }).notNull(),
    displayName: text("display_name").notNull(),
    capabilities: text("capabilities", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["active", "suspended", "revoked"] }).notNull().default("active"),
    /** Who registered this actor; a non-admin registrant manages the actors it registered. */
    createdBy: text("created_by"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at"),
    lastSeenAt: timestamp("last_seen_at"),
    sessionCount: integer("session_count").notNull().default(0),
    /**
     * The actor whose request budget (and subscription cap) this actor draws on; null means its own. Actors
     * registered by a non-administrator share their registrar's budget, so registering children cannot multiply it.
     */
    budgetOwnerId: text("budget_owner_id"),
  },
  (t) => [index("actors_created_by").on(t.createdBy)],
);

/** API keys: only a SHA-256 of each key is stored. API_KEYS KV caches the hash lookup; this table is the truth. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    actorId: text("actor_id").notNull().references(() => actors.id),
    keyHash: text("key_hash").notNull().unique(),
    /** The first characters of the key, so people can tell their keys apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at").notNull(),
    lastUsedAt: timestamp("last_used_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("api_keys_actor").on(t.actorId)],
);

/** Delegated tokens: the record of truth for revocation, checked on every use. */
export const delegations = sqliteTable(
  "delegations",
  {
    id: text("id").primaryKey(),
    delegatorId: text("delegator_id").notNull().references(() => actors.id),
    targetService: text("target_service").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
    issuedAt: timestamp("issued_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedBy: text("revoked_by"),
    /** The delegation this one was issued with, when a delegation token issued it: revoking a parent ends its whole chain. */
    parentId: text("parent_id"),
  },
  (t) => [
    index("delegations_delegator").on(t.delegatorId),
    index("delegations_expires").on(t.expiresAt),
    index("delegations_parent").on(t.parentId),
  ],
);

export const contexts = sqliteTable(
  "contexts",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["active", "archived", "deleted"] }).notNull().default("active"),
    ownerId: text("owner_id").notNull(),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    deletedAt: timestamp("deleted_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // Names are unique per owner among live contexts; a deleted name may be reused.
    uniqueIndex("contexts_owner_name_live").on(t.ownerId, t.name).where(sql`deleted_at IS NULL`),
    index("contexts_created").on(t.createdAt, t.id),
  ],
);

export const connections = sqliteTable(
  "connections",
  {
    id: text("id").primaryKey(),
    contextId: text("context_id").notNull().references(() => contexts.id),
    service: text("service").notNull(),
    status: text("status", { enum: ["active", "degraded", "disconnected"] }).notNull().default("active"),
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    ownerId: text("owner_id").notNull(),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    lastCheckedAt: timestamp("last_checked_at"),
    disconnectedAt: timestamp("disconnected_at"),
  },
  (t) => [
    index("connections_context").on(t.contextId),
    index("connections_created").on(t.createdAt, t.id),
    // One live (active or degraded) connection per context and service; a disconnected one may be made again.
    uniqueIndex("connections_context_service_live").on(t.contextId, t.service).where(sql`status <> 'disconnected'`),
  ],
);

export const installations = sqliteTable("installations", {
  id: integer("id").primaryKey(),
  chittyId: text("chitty_id").notNull().unique(),
  accountLogin: text("account_login").notNull(),
  accountType: text("account_type").notNull(),
  repositorySelection: text("repository_selection").notNull(),
  permissions: text("permissions", { mode: "json" }).$type<Record<string, string>>().notNull(),
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  installedAt: timestamp("installed_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
  suspendedAt: timestamp("suspended_at"),
  uninstalledAt: timestamp("uninstalled_at"),
});

/**
 * Which actors (besides github:admin) may use an installation, e.g. name it in a github connection. Granted by
 * an operator; an installation nobody granted is invisible to ordinary actors, as if it did not exist.
 */
export const installationGrants = sqliteTable(
  "installation_grants",
  {
    installationId: integer("installation_id").notNull().references(() => installations.id),
    actorId: text("actor_id").notNull().references(() => actors.id),
    grantedBy: text("granted_by").notNull(),
    grantedAt: timestamp("granted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.installationId, t.actorId] }), index("installation_grants_actor").on(t.actorId)],
);

/** Repositories an installation can reach, as far as GitHub has told us (callback, installation_repositories events). */
export const installationRepositories = sqliteTable(
  "installation_repositories",
  {
    installationId: integer("installation_id").notNull().references(() => installations.id),
    repositoryId: integer("repository_id").notNull(),
    fullName: text("full_name").notNull(),
    private: integer("private", { mode: "boolean" }).notNull(),
    addedAt: timestamp("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.installationId, t.repositoryId] })],
);

/**
 * queued: replayed by an operator and back in the queue; ignored: an action no handler records; received: the consumer took it up;
 * processed: its handler's writes committed; failed: the last attempt failed and the queue will retry it;
 * dead: it reached the dead-letter queue and waits for an operator's replay.
 */
export const DELIVERY_STATUSES = ["queued", "ignored", "received", "processed", "failed", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The next change number of webhook_deliveries, evaluated inside the writing statement under D1's single-writer
 * lock; the index makes max() one lookup. Upserts set it explicitly: $onUpdateFn covers update(), not DO UPDATE.
 */
export const NEXT_DELIVERY_CHANGE = sql`(SELECT coalesce(max("change_seq"), 0) + 1 FROM "webhook_deliveries")`;

/**
 * One row per GitHub delivery, created by the queue consumer when it first takes the delivery (the webhook's ack
 * touches no D1). The consumer claims it by an upsert that also takes a short processing lease, so copies of one
 * delivery (GitHub's redeliveries, duplicate queue messages) are processed one at a time and, once processed, never again.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    deliveryId: text("delivery_id").primaryKey(),
    event: text("event").notNull(),
    action: text("action"),
    installationId: integer("installation_id"),
    repository: text("repository"),
    receivedAt: timestamp("received_at").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    processedAt: timestamp("processed_at"),
    /** KV key of the raw body: too large to travel inline, or kept after a failure so that replay can resend it. */
    payloadRef: text("payload_ref"),
    /** Wall time of the attempt that processed it, for the p95 in Query.deliveryMetrics. */
    processingMs: integer("processing_ms"),
    /** While a consumer processes it: until when; another copy of the delivery is acknowledged instead of running too. */
    leaseUntil: timestamp("lease_until"),
    /**
     * Commit order of the row's last change, for Subscription.deliveries' keyset cursor: every insert and update
     * through drizzle sets it to one more than the table's highest. D1 commits one writer at a time, so a later
     * commit always gets a larger number, which a timestamp taken before a slow batch commits would not.
     */
    changeSeq: integer("change_seq").$defaultFn(() => NEXT_DELIVERY_CHANGE).$onUpdateFn(() => NEXT_DELIVERY_CHANGE),
  },
  (t) => [
    index("deliveries_received").on(t.receivedAt, t.deliveryId),
    index("deliveries_status_received").on(t.status, t.receivedAt),
    index("deliveries_change_seq").on(t.changeSeq, t.deliveryId),
  ],
);

/**
 * The commit of a delivery's handler writes. Its primary key makes a second commit of the same delivery fail
 * the whole D1 batch, so a message the queue delivers twice (at-least-once) never writes twice.
 */
export const processedDeliveries = sqliteTable("processed_deliveries", {
  deliveryId: text("delivery_id").primaryKey(),
  processedAt: timestamp("processed_at").notNull(),
});

/**
 * GitHub objects and their ChittyIDs. `github_key` is the GraphQL node id where GitHub gives one
 * (repositories, pull requests, issues) and `Commit:{repository node id}:{sha}` for commits, which push
 * payloads list without node ids. The UNIQUE key is what keeps a re-sent event from minting a second ID.
 */
export const githubEntities = sqliteTable(
  "github_entities",
  {
    githubKey: text("github_key").primaryKey(),
    chittyId: text("chitty_id").notNull().unique(),
    kind: text("kind", { enum: ["repository", "commit", "pull_request", "issue"] }).notNull(),
    /** `owner/name`, plus `#number` or `@sha`: what an operator recognises. */
    label: text("label").notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("github_entities_kind").on(t.kind, t.createdAt)],
);

/** ChittyDNA lineage: one genesis row per subject, then one evolution row per change. */
export const dnaRecords = sqliteTable(
  "dna_records",
  {
    id: text("id").primaryKey(),
    subjectId: text("subject_id").notNull(),
    subjectType: text("subject_type").notNull(),
    kind: text("kind", { enum: ["genesis", "evolution"] }).notNull(),
    // The (subject, sequence) uniqueness is what makes concurrent writers of one subject fail atomically.
    sequence: integer("sequence").notNull(),
    stateHash: text("state_hash").notNull(),
    previousId: text("previous_id"),
    actorId: text("actor_id"),
    event: text("event").notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("dna_subject_sequence").on(t.subjectId, t.sequence)],
);

/** ChittyChronicle timeline. `seq` is the monotonic cursor that subscriptions poll. */
export const chronicleEvents = sqliteTable(
  "chronicle_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    type: text("type").notNull(),
    subjectId: text("subject_id").notNull(),
    actorId: text("actor_id"),
    occurredAt: timestamp("occurred_at").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("chronicle_subject_seq").on(t.subjectId, t.seq), index("chronicle_type_seq").on(t.type, t.seq)],
);

/**
 * The `jti` of every setup/install `state` that has been used, until it would have expired anyway: the primary key
 * makes a second use of the same state fail, so a state works once.
 */
export const usedFlowStates = sqliteTable("used_flow_states", {
  jti: text("jti").primaryKey(),
  expiresAt: timestamp("expires_at").notNull(),
});

/**
 * Refused unauthenticated requests, counted per minute and reason instead of one row each, with a few truncated
 * samples: a flood of bad requests changes counters, it does not grow the database.
 */
export const authFailureMinutes = sqliteTable(
  "auth_failure_minutes",
  {
    minute: timestamp("minute").notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull(),
    samples: text("samples", { mode: "json" }).$type<{ method: string; path: string; actorId: string | null }[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.reason] })],
);

/**
 * Open subscriptions, as leases renewed while a stream lives. Counting live leases caps each budget's concurrent
 * streams across isolates; a lease left behind by a vanished isolate lapses on its own.
 */
export const subscriptionLeases = sqliteTable(
  "subscription_leases",
  {
    id: text("id").primaryKey(),
    budgetOwnerId: text("budget_owner_id").notNull(),
    actorId: text("actor_id").notNull(),
    openedAt: timestamp("opened_at").notNull(),
    leaseUntil: timestamp("lease_until").notNull(),
  },
  (t) => [index("subscription_leases_budget").on(t.budgetOwnerId, t.leaseUntil)],
);

/** pending: a job holds the issue; triaged: its result is stored; skipped: switched off or not applicable; failed: see last_error. */
export const TRIAGE_STATUSES = ["pending", "triaged", "skipped", "failed"] as const;

/**
 * One row per issue the App triaged or tried to: the last result, every label the App ever added to the issue (a
 * label in this list that the issue no longer carries was removed by a person, since the App never removes one),
 * the sticky comment, and a lease that lets one triage job at a time work on the issue.
 */
export const issueTriages = sqliteTable(
  "issue_triages",
  {
    repositoryNodeId: text("repository_node_id").notNull(),
    number: integer("number").notNull(),
    /** `owner/name` as last seen, and its lower-case form for lookups (GitHub names are case-insensitive). */
    repository: text("repository").notNull(),
    repositoryKey: text("repository_key").notNull(),
    installationId: integer("installation_id").notNull(),
    issueNodeId: text("issue_node_id").notNull(),
    /** The issue's ChittyID, once a triage committed. */
    issueId: text("issue_id"),
    status: text("status", { enum: TRIAGE_STATUSES }).notNull(),
    /** Why it was skipped, or why it failed. */
    reason: text("reason"),
    /** What the last completed triage decided (src/resolvers/issue-triage.ts reads it with its zod schema). */
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    appliedLabels: text("applied_labels", { mode: "json" }).$type<string[]>().notNull(),
    commentId: integer("comment_id"),
    commentUrl: text("comment_url"),
    triagedAt: timestamp("triaged_at"),
    /** The last job that finished (a copy of it is acknowledged), and the job holding the lease until lease_until. */
    lastJob: text("last_job"),
    leaseJob: text("lease_job"),
    leaseUntil: timestamp("lease_until"),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.repositoryNodeId, t.number] }), index("issue_triages_repository").on(t.repositoryKey, t.number)],
);

/**
 * accepted: run by someone with write access; refused: the author was told (once per issue) that they may not;
 * ignored: commands are switched off in `.github/chittyconnect.yml`.
 */
export const COMMAND_OUTCOMES = ["accepted", "refused", "ignored"] as const;

/**
 * One row per `/chittyconnect` comment acted on (by comment id, so a copy of the job does nothing twice). The
 * partial UNIQUE index allows one refusal per issue and author, so nobody is told twice.
 */
export const issueCommands = sqliteTable(
  "issue_commands",
  {
    commentId: integer("comment_id").primaryKey(),
    repositoryNodeId: text("repository_node_id").notNull(),
    number: integer("number").notNull(),
    /** The comment's author, lower-case. */
    login: text("login").notNull(),
    command: text("command").notNull(),
    outcome: text("outcome", { enum: COMMAND_OUTCOMES }).notNull(),
    jobId: text("job_id").notNull(),
    /** The reply the App posted (help, refusal), if any. */
    replyUrl: text("reply_url"),
    /** Null until the command's GitHub writes are done; a retried job finishes what its first attempt began. */
    handledAt: timestamp("handled_at"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("issue_commands_one_refusal").on(t.repositoryNodeId, t.number, t.login).where(sql`outcome = 'refused'`)],
);

/**
 * The ChittyConnect Context that describes a repository, and the guard that refreshes it at most once per
 * 10 minutes: a job refreshes only after moving `claimed_at` forward in one conditional upsert, so of two
 * concurrent pushes exactly one does.
 */
export const repositoryContexts = sqliteTable(
  "repository_contexts",
  {
    repositoryNodeId: text("repository_node_id").primaryKey(),
    repository: text("repository").notNull(),
    repositoryKey: text("repository_key").notNull(),
    installationId: integer("installation_id").notNull(),
    /** The context (contexts.id), once the first refresh committed. */
    contextId: text("context_id"),
    claimedAt: timestamp("claimed_at").notNull(),
    /** The job that holds the latest claim: its own retries may go on inside the 10 minutes. */
    claimJob: text("claim_job").notNull(),
    refreshedAt: timestamp("refreshed_at"),
    refreshes: integer("refreshes").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("repository_contexts_repository").on(t.repositoryKey)],
);

export type ContextRow = typeof contexts.$inferSelect;
export type ConnectionRow = typeof connections.$inferSelect;
export type ActorRow = typeof actors.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type DelegationRow = typeof delegations.$inferSelect;
export type ChronicleEventRow = typeof chronicleEvents.$inferSelect;
export type DnaRecordRow = typeof dnaRecords.$inferSelect;
export type InstallationRow = typeof installations.$inferSelect;
export type InstallationGrantRow = typeof installationGrants.$inferSelect;
export type InstallationRepositoryRow = typeof installationRepositories.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type GitHubEntityRow = typeof githubEntities.$inferSelect;
export type IssueTriageRow = typeof issueTriages.$inferSelect;
export type IssueCommandRow = typeof issueCommands.$inferSelect;
export type RepositoryContextRow = typeof repositoryContexts.$inferSelect;
