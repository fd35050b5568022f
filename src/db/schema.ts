import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Severity } from "../intelligence/analysis/finding";
import type { ConfigProblem } from "../intelligence/config/config-problem";
import type { ChangeSummary } from "../intelligence/review/summarize-change";
import type { RiskScore } from "../intelligence/review/risk-score";
import type { PublishError, ReviewSkip } from "../intelligence/pull-request-review/outcome-types";

/** Milliseconds since the epoch; every timestamp column uses it so ordering is numeric. */
const timestamp = (name: string) => integer(name, { mode: "number" });

/**
 * Where a ChittyID came from. local: minted here because no authority is configured; remote: minted by the
 * ChittyID authority; provisional: minted here because the configured authority could not answer, to be
 * replaced by an authoritative id (reconciliation) and kept as an alias of it.
 */
export const CHITTY_ID_SOURCES = ["local", "remote", "provisional"] as const;

/** Every ChittyID this gateway has used, and whether it was minted here or by the ChittyID authority. */
export const chittyIds = sqliteTable(
  "chitty_ids",
  {
    id: text("id").primaryKey(),
    entityType: text("entity_type").notNull(),
    source: text("source", { enum: CHITTY_ID_SOURCES }).notNull(),
    mintedAt: timestamp("minted_at").notNull(),
    /** For a reconciled provisional id: the authority's id that replaced it. The row stays, so the old id still resolves. */
    replacedBy: text("replaced_by"),
    reconciledAt: timestamp("reconciled_at"),
  },
  (t) => [
    // Reconciliation looks for provisional ids nobody has replaced yet; the partial index keeps that one lookup.
    index("chitty_ids_unreconciled").on(t.mintedAt).where(sql`source = 'provisional' AND replaced_by IS NULL`),
    index("chitty_ids_replaced_by").on(t.replacedBy),
  ],
);

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
    /** True while the id is a provisional local one, minted when the ChittyID authority could not answer. */
    idProvisional: integer("id_provisional", { mode: "boolean" }).notNull().default(false),
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
    /**
     * SHA-256 over the record's fields and the previous record's hash (src/ecosystem/verify-dna-chain.ts), so a
     * changed record breaks the chain. Null on records written before the column existed.
     */
    recordHash: text("record_hash"),
  },
  (t) => [
    uniqueIndex("dna_subject_sequence").on(t.subjectId, t.sequence),
    index("dna_actor").on(t.actorId),
  ],
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
  (t) => [
    index("chronicle_subject_seq").on(t.subjectId, t.seq),
    index("chronicle_type_seq").on(t.type, t.seq),
    // Query.timeline's actor filter, the graph's actor-to-subject edges and reconciliation's rewrite read by actor.
    index("chronicle_actor_seq").on(t.actorId, t.seq),
  ],
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

/**
 * DNA records and Chronicle events still to be forwarded to a remote ChittyDNA / ChittyChronicle. Written in the
 * same batch as the record, so nothing recorded can miss its forward; the CONTEXT_OPS_QUEUE consumer sends each
 * under its record id as Idempotency-Key, and a delivered row keeps the remote id until it is purged.
 */
export const OUTBOX_KINDS = ["dna", "chronicle"] as const;
export const ecosystemOutbox = sqliteTable(
  "ecosystem_outbox",
  {
    /** The local record's id (dna_records.id or chronicle_events.id), which is also its Idempotency-Key. */
    recordId: text("record_id").primaryKey(),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    createdAt: timestamp("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Not before this time (backoff after a failure). */
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at"),
    remoteId: text("remote_id"),
  },
  (t) => [
    index("outbox_pending").on(t.nextAttemptAt, t.createdAt).where(sql`delivered_at IS NULL`),
    index("outbox_delivered").on(t.deliveredAt),
  ],
);

/** The steps that initialize the gateway's own service context, in order (src/ecosystem/initialization). */
export const INITIALIZATION_STEPS = ["find", "mint", "dna-genesis", "auth-token", "register", "verify", "certify", "store", "chronicle"] as const;
export type InitializationStepName = (typeof INITIALIZATION_STEPS)[number];
/** done: finished; skipped: its service is embedded and has nothing to do; failed: retried at next_attempt_at. */
export const STEP_STATUSES = ["pending", "done", "skipped", "failed"] as const;

/** Each initialization step's outcome; `detail` keeps what later steps need (never a token). */
export const initializationSteps = sqliteTable("initialization_steps", {
  name: text("name", { enum: INITIALIZATION_STEPS }).primaryKey(),
  status: text("status", { enum: STEP_STATUSES }).notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at"),
  error: text("error"),
  detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  updatedAt: timestamp("updated_at").notNull(),
});

/**
 * Who is running initialization, as a lease: taken by one conditional upsert, so of two concurrent first requests
 * (in one isolate or in two) exactly one runs the steps; a lease left by a vanished isolate lapses on its own.
 */
export const initializationLease = sqliteTable("initialization_lease", {
  id: text("id").primaryKey(),
  holder: text("holder").notNull(),
  leaseUntil: timestamp("lease_until").notNull(),
});

/** The gateway's ChittyCertify certificates, one per profile; renewed by the cron before they expire. */
export const serviceCertificates = sqliteTable("service_certificates", {
  profile: text("profile").primaryKey(),
  certified: integer("certified", { mode: "boolean" }).notNull(),
  certificateId: text("certificate_id"),
  securityLevel: text("security_level"),
  issuedAt: timestamp("issued_at"),
  validUntil: timestamp("valid_until"),
  /** Why it is not certified, in the embedded default's or ChittyCertify's words. */
  reason: text("reason"),
  checkedAt: timestamp("checked_at").notNull(),
});

/** The one key a repository is stored and looked up under: GitHub's names are case-insensitive. */
export const repositoryKeyOf = (fullName: string) => fullName.trim().toLowerCase();

/**
 * The App's review state of each pull request it was told about: the newest head an event named, and the
 * coalescing of its reviews. At most one review job runs per pull request (`running_by`, a lease that a
 * crashed job's retry takes back) and at most one waits (`review_requested_at`): every event in between
 * only moves the head, and the job reviews whatever head GitHub reports when it starts.
 */
export const pullRequests = sqliteTable(
  "pull_requests",
  {
    /** `owner/name` in lower case: GitHub's names are case-insensitive, so this is the one key. */
    repositoryKey: text("repository_key").notNull(),
    number: integer("number").notNull(),
    /** `owner/name` as GitHub last spelled it. */
    repository: text("repository").notNull(),
    nodeId: text("node_id").notNull(),
    installationId: integer("installation_id").notNull(),
    /** The newest head SHA an event named; the job reads the current one from GitHub. */
    headSha: text("head_sha").notNull(),
    /** Set while a review waits to run; the job that starts clears it. */
    reviewRequestedAt: timestamp("review_requested_at"),
    /** The queue message whose job is reviewing now, and until when its lease holds. */
    runningBy: text("running_by"),
    runningUntil: timestamp("running_until"),
    /** Set by an explicit request (`/chittyconnect review`): the next review is full and runs even for a reviewed head. */
    fullReviewRequested: integer("full_review_requested", { mode: "boolean" }).notNull().default(false),
    /** Why the last review job gave up (it reached the review dead-letter queue). */
    lastError: text("last_error"),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.repositoryKey, t.number] }),
    index("pull_requests_installation").on(t.installationId, t.updatedAt),
    index("pull_requests_requested").on(t.reviewRequestedAt),
  ],
);

export const REVIEW_STATUSES = ["completed", "skipped"] as const;
export const REVIEW_MODES = ["full", "incremental"] as const;
export const FINDING_STATUSES = ["open", "resolved"] as const;

/**
 * The analysis engine's severities (src/intelligence/analysis/finding.ts), least severe first, for the column and the
 * GraphQL enum: this layer may not import the engine's values, so the list is repeated here and the type below
 * fails to compile when the two differ.
 */
export const FINDING_SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const severitiesMatch: Same<(typeof FINDING_SEVERITIES)[number], Severity> = true;
void severitiesMatch;

/** What one review found, counted for Chronicle, GraphQL and the check run. */
export interface ReviewCounts {
  open: number;
  new: number;
  resolved: number;
  bySeverity: Record<Severity, number>;
  /** Files in the pull request, and how many of them this review analysed (fewer when incremental). */
  filesChanged: number;
  filesAnalyzed: number;
}

/**
 * One review per pull request head SHA: the UNIQUE index is what makes "never twice for one head SHA" hold
 * across redeliveries, re-runs and retries. A skipped review (a draft, a bot author) is replaced by the real
 * one when the same head is reviewed later (ready_for_review).
 */
export const pullRequestReviews = sqliteTable(
  "pull_request_reviews",
  {
    id: text("id").primaryKey(),
    repositoryKey: text("repository_key").notNull(),
    number: integer("number").notNull(),
    repository: text("repository").notNull(),
    installationId: integer("installation_id").notNull(),
    headSha: text("head_sha").notNull(),
    status: text("status", { enum: REVIEW_STATUSES }).notNull(),
    /** Full, or incremental from `base_sha` (the last reviewed head); null when skipped. */
    mode: text("mode", { enum: REVIEW_MODES }),
    baseSha: text("base_sha"),
    summary: text("summary", { mode: "json" }).$type<ChangeSummary>(),
    risk: text("risk", { mode: "json" }).$type<RiskScore>(),
    counts: text("counts", { mode: "json" }).$type<ReviewCounts>(),
    /** False when more findings were found than are stored (LIMITS.storedFindings); the next review is then full. */
    findingsComplete: integer("findings_complete", { mode: "boolean" }).notNull().default(true),
    skipped: text("skipped", { mode: "json" }).$type<ReviewSkip[]>().notNull(),
    configProblems: text("config_problems", { mode: "json" }).$type<ConfigProblem[]>().notNull(),
    aiSummary: text("ai_summary"),
    conclusion: text("conclusion"),
    commentId: integer("comment_id"),
    commentUrl: text("comment_url"),
    checkRunId: integer("check_run_id"),
    checkRunUrl: text("check_run_url"),
    publishErrors: text("publish_errors", { mode: "json" }).$type<PublishError[]>().notNull(),
    startedAt: timestamp("started_at").notNull(),
    reviewedAt: timestamp("reviewed_at").notNull(),
  },
  (t) => [
    uniqueIndex("pull_request_reviews_head").on(t.repositoryKey, t.number, t.headSha),
    index("pull_request_reviews_latest").on(t.repositoryKey, t.number, t.reviewedAt),
  ],
);

/** The findings of a review: open ones (still present) and the previous review's that are gone (resolved). */
export const pullRequestFindings = sqliteTable(
  "pull_request_findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reviewId: text("review_id").notNull(),
    ruleId: text("rule_id").notNull(),
    severity: text("severity", { enum: FINDING_SEVERITIES }).notNull(),
    path: text("path").notNull(),
    /** New-file line; 0 for a finding about the whole change. */
    line: integer("line").notNull(),
    message: text("message").notNull(),
    /** The evidence line, secrets already redacted to a short prefix. */
    evidence: text("evidence").notNull(),
    suggestion: text("suggestion").notNull(),
    fingerprint: text("fingerprint").notNull(),
    status: text("status", { enum: FINDING_STATUSES }).notNull(),
    /** Open and not in the previous review. */
    isNew: integer("is_new", { mode: "boolean" }).notNull(),
  },
  (t) => [index("pull_request_findings_review").on(t.reviewId, t.status)],
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
export type OutboxRow = typeof ecosystemOutbox.$inferSelect;
export type InitializationStepRow = typeof initializationSteps.$inferSelect;
export type ServiceCertificateRow = typeof serviceCertificates.$inferSelect;

export type PullRequestRow = typeof pullRequests.$inferSelect;
export type PullRequestReviewRow = typeof pullRequestReviews.$inferSelect;
export type PullRequestFindingRow = typeof pullRequestFindings.$inferSelect;
export type IssueTriageRow = typeof issueTriages.$inferSelect;
export type IssueCommandRow = typeof issueCommands.$inferSelect;
export type RepositoryContextRow = typeof repositoryContexts.$inferSelect;
