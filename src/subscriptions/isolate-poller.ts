import type { Actor } from "../auth/actor";
import { credentialStateQueries, credentialVerdict, type CredentialRef } from "../auth/credential-states";
import type { Database } from "../db/client";
import type { StreamEnd } from "../errors";
import { abortableSleep } from "./abortable-sleep";
import { compareKeys, type FeedKey, type FeedSource } from "./feed-source";
import { idleDelayMs } from "./poll-interval";
import { LEASE_RENEW_MS, renewLeasesQuery } from "./subscription-lease";

/** Rows one shared read takes per source; a full page is followed by another read at once. */
export const POLL_BATCH = 200;
/** Rows kept per source for streams slightly behind; a stream further behind reads D1 itself until it catches up. */
const MAX_BUFFERED = 5_000;

/** One open stream, as the poller sees it. */
export interface Subscriber {
  source: FeedSource<unknown>;
  actor: Actor;
  credential: CredentialRef;
  leaseId: string;
  /** How far the stream has looked: the key of the last row it was shown or that its filter passed over. */
  position: FeedKey;
  /** The last cycle whose rows it took. */
  seenCycle: number;
  /** Set by a cycle that found its credential no longer standing; the stream ends with it. */
  end?: StreamEnd;
}

interface SourceState {
  /** The newest key read. */
  head: FeedKey;
  /** `rows` holds every row after this key, through `head`. */
  floor: FeedKey;
  rows: unknown[];
}

/** D1 counts a batch as one round trip; every cycle is one, whatever the number of streams and credentials. */
type BatchItems = Parameters<Database["batch"]>[0];

/**
 * One poller per isolate: every stream of the isolate shares its reads. Each cycle is ONE D1 batch holding, per
 * followed source, the rows after the isolate's newest key (when a read is due), the state of every live
 * credential (always), and the renewal of every stream's lease (every LEASE_RENEW_MS). Verdicts come from the
 * same snapshot as the rows, and rows go only to streams whose credential still stands.
 *
 * The poller owns no timer: a Worker's timers and I/O belong to the request that started them, so a loop started
 * by one stream would die with it. Instead each stream waits on its own request's timer until a cycle is due; the
 * first to wake runs it, the others await it. With no stream left, nothing runs: polling stops by construction.
 */
export class IsolatePoller {
  readonly subscribers = new Set<Subscriber>();
  private readonly sources = new Map<FeedSource<unknown>, SourceState>();
  private completed = 0;
  private inflight: { promise: Promise<void>; since: number } | null = null;
  /** When credentials are next checked (every interval) and rows next read (backing off while idle). */
  private checkAt = 0;
  private readAt = 0;
  private emptyReads = 0;
  private renewedAt = 0;

  constructor(public intervalMs: number) {}

  /** The rows of a source are read by the shared cycle from here on; a new stream is activity, so reads snap back. */
  join(sub: Subscriber): void {
    if (!this.sources.has(sub.source)) this.sources.set(sub.source, { head: sub.position, floor: sub.position, rows: [] });
    if (this.subscribers.size === 0) this.renewedAt = Date.now();
    this.subscribers.add(sub);
    sub.seenCycle = this.completed;
    this.emptyReads = 0;
    const soon = Date.now() + this.intervalMs;
    this.readAt = Math.min(this.readAt || soon, soon);
    this.checkAt = Math.min(this.checkAt || soon, soon);
  }

  leave(sub: Subscriber): void {
    this.subscribers.delete(sub);
    if (![...this.subscribers].some((s) => s.source === sub.source)) this.sources.delete(sub.source);
    if (this.subscribers.size === 0) {
      this.checkAt = this.readAt = this.emptyReads = 0;
    }
  }

  /** True when rows the stream has not seen are no longer (or never were) in memory: it must read D1 itself. */
  isBehind(sub: Subscriber): boolean {
    const state = this.sources.get(sub.source);
    return state !== undefined && compareKeys(sub.position, state.floor) < 0;
  }

  /** Where the shared rows of the stream's source start; a stream behind reads D1 through here. */
  floorOf(sub: Subscriber): FeedKey | undefined {
    return this.sources.get(sub.source)?.floor;
  }

  /** Rows after the stream's position from the last cycles, oldest first; the stream's position moves to the head. */
  take(sub: Subscriber): { rows: unknown[]; head: FeedKey } {
    const state = this.sources.get(sub.source);
    sub.seenCycle = this.completed;
    if (!state) return { rows: [], head: sub.position };
    const rows = state.rows.filter((row) => compareKeys(sub.source.keyOf(row), sub.position) > 0);
    const head = compareKeys(state.head, sub.position) > 0 ? state.head : sub.position;
    return { rows, head };
  }

  /**
   * Waits until a cycle the stream has not seen has completed, running it when it is due and no other stream is;
   * false at `deadline` or when `signal` aborts.
   */
  async awaitCycle(sub: Subscriber, db: Database, signal: AbortSignal | undefined, deadline: number): Promise<boolean> {
    while (!signal?.aborted) {
      if (this.completed > sub.seenCycle) return true;
      const now = Date.now();
      if (now >= deadline) return false;
      const inflight = this.awaitInflight(now, Math.min(this.intervalMs, deadline - now), signal);
      if (inflight) {
        await inflight;
        continue;
      }
      const dueAt = Math.min(this.checkAt, this.readAt);
      if (now >= dueAt) await this.runCycle(db, now);
      else await abortableSleep(Math.min(dueAt - now, deadline - now), signal);
    }
    return false;
  }

  /**
   * Runs (or joins) a cycle only if one is due now: a stream catching up on its own keeps its credential checked
   * every interval this way, without waiting out the back-off between reads.
   */
  async runDueCycle(db: Database, signal: AbortSignal | undefined): Promise<void> {
    const now = Date.now();
    const inflight = this.awaitInflight(now, this.intervalMs, signal);
    if (inflight) await inflight;
    else if (now >= Math.min(this.checkAt, this.readAt)) await this.runCycle(db, now);
  }

  /** The running cycle, raced with a timeout; undefined when none runs, or it looks lost. */
  private awaitInflight(now: number, maxWaitMs: number, signal: AbortSignal | undefined): Promise<unknown> | undefined {
    const inflight = this.inflight;
    // The stream that started a cycle may be gone mid-read, and a Worker cancels what its request started.
    if (!inflight || now - inflight.since >= Math.max(10_000, 3 * this.intervalMs)) return undefined;
    return Promise.race([inflight.promise, abortableSleep(maxWaitMs, signal)]);
  }

  private runCycle(db: Database, started: number): Promise<void> {
    const promise = this.cycle(db, started)
      .catch((error: unknown) => {
        console.warn("subscription poll failed; the next interval retries it", String(error));
        this.checkAt = Date.now() + this.intervalMs;
      })
      .finally(() => {
        if (this.inflight?.promise === promise) this.inflight = null;
      });
    this.inflight = { promise, since: started };
    return promise;
  }

  private async cycle(db: Database, started: number): Promise<void> {
    const live = [...this.subscribers];
    const reading = started >= this.readAt ? [...this.sources] : [];
    const reads = reading.map(([source, state]) => ({ source, state, query: source.after(db, state.head, POLL_BATCH) }));
    const credentials = credentialStateQueries(db, live.map((s) => s.credential));
    const renew = started - this.renewedAt >= LEASE_RENEW_MS && live.length > 0;
    const items = [...reads.map((r) => r.query), ...credentials.statements, ...(renew ? [renewLeasesQuery(db, live.map((s) => s.leaseId), started)] : [])];
    // An administrator's stream between reads has nothing to ask D1: its verdict is its expiry alone.
    const results = items.length > 0 ? await db.batch(items as unknown as BatchItems) : [];
    if (renew) this.renewedAt = started;

    const states = credentials.read(results.slice(reads.length, reads.length + credentials.statements.length));
    const now = Date.now();
    for (const sub of live) sub.end ??= credentialVerdict(sub.actor, sub.credential, states, now) ?? undefined;

    let found = 0;
    let full = false;
    reads.forEach(({ source, state }, i) => {
      const rows = results[i] as unknown[];
      // A source whose streams all left during the read, and came back, has a new state; this read is not its.
      if (this.sources.get(source) !== state) return;
      found += rows.length;
      full ||= rows.length === POLL_BATCH;
      if (rows.length > 0) {
        state.rows.push(...rows);
        state.head = source.keyOf(rows.at(-1));
      }
      this.trim(source, state);
    });
    this.checkAt = started + this.intervalMs;
    if (reads.length > 0) {
      this.emptyReads = found > 0 ? 0 : this.emptyReads + 1;
      this.readAt = full ? started : started + idleDelayMs(this.intervalMs, this.emptyReads);
    }
    this.completed++;
  }

  /** Drops rows every stream in step has taken, and the oldest beyond MAX_BUFFERED (their streams then read D1). */
  private trim(source: FeedSource<unknown>, state: SourceState): void {
    let keep = state.head;
    for (const sub of this.subscribers) {
      if (sub.source === source && compareKeys(sub.position, state.floor) >= 0 && compareKeys(sub.position, keep) < 0) keep = sub.position;
    }
    let drop = state.rows.findIndex((row) => compareKeys(source.keyOf(row), keep) > 0);
    if (drop < 0) drop = state.rows.length;
    drop = Math.max(drop, state.rows.length - MAX_BUFFERED);
    if (drop > 0) {
      state.floor = source.keyOf(state.rows[drop - 1]);
      state.rows.splice(0, drop);
    }
  }
}

let poller: IsolatePoller | undefined;

/** The isolate's poller: module state lives as long as the isolate and is shared by all its requests. */
export function isolatePoller(intervalMs: number): IsolatePoller {
  poller ??= new IsolatePoller(intervalMs);
  poller.intervalMs = intervalMs;
  return poller;
}
