import { diffEntry, randomSha, wholeFilePatch, type DiffEntry, type FakeFileChange, type FileStatus } from "./diff-entry";
import type { Json } from "./http";

export interface FakeCommit {
  sha: string;
  parents: string[];
  author: { login: string | null; name: string };
  committedDate: string;
  /** What this commit changed against its first parent. */
  changes: DiffEntry[];
  /** File contents this commit sets (null: deleted); the rest comes from its first parent. */
  files: Record<string, string | null>;
  sequence: number;
}

export interface CommitInit {
  /** Defaults to the head of `branch`; a root commit when the branch does not exist yet. */
  parents?: string[];
  /** The branch to move to the new commit; the default branch when no parents are given. */
  branch?: string;
  files?: Record<string, string | null>;
  /** Defaults to changes derived from `files`, one hunk per file. */
  changes?: FakeFileChange[];
  author?: { login?: string | null; name?: string };
  date?: string;
}

export interface FakeIssue {
  number: number;
  /** GraphQL's node id. */
  nodeId: string;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  createdAt: string;
  author: string;
  /** How many reactions the issue has (GraphQL's `reactions.totalCount`). */
  reactions: number;
  pull?: { head: string; base: string; baseRef: string; draft: boolean; files: DiffEntry[] };
  events: Json[];
}

export interface Actor {
  login: string;
  /** Set for what the App did: its `performed_via_github_app`. */
  app?: Json | null;
}

let eventIds = 7_000_000;

/**
 * One repository of the fake GitHub: commits with parents (so ancestry and force pushes are real),
 * branches, file contents per commit, labels, issues and pull requests. Tests build it with `commit`,
 * `addIssue` and `addPullRequest`; the REST and GraphQL routes read and change it.
 */
export class FakeRepository {
  readonly nodeId: string;
  description: string | null = null;
  isFork = false;
  isArchived = false;
  primaryLanguage: string | null = "TypeScript";
  languages: { name: string; size: number }[] = [{ name: "TypeScript", size: 12_000 }];
  topics: string[] = [];
  defaultBranch = "main";
  readonly branches = new Map<string, string>();
  readonly commits = new Map<string, FakeCommit>();
  labels: { name: string; description: string | null; color: string }[] = [];
  readonly issues = new Map<number, FakeIssue>();
  private nextNumber = 1;
  private sequence = 0;
  private clock = Date.now() - 30 * 24 * 3600_000;

  constructor(
    readonly id: number,
    readonly installationId: number,
    readonly owner: string,
    readonly name: string,
  ) {
    // Storage outlives each test's fake, so node ids must not repeat across fakes as the numeric ids do.
    this.nodeId = `R_fake_${id}_${crypto.randomUUID().slice(0, 8)}`;
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Adds a commit and returns its SHA. */
  commit(init: CommitInit = {}): string {
    const branch = init.branch ?? (init.parents ? undefined : this.defaultBranch);
    const head = branch === undefined ? undefined : this.branches.get(branch);
    const parents = init.parents ?? (head ? [head] : []);
    const files = init.files ?? {};
    const changes =
      init.changes ??
      Object.entries(files).map(([filename, after]) => {
        const before = parents[0] ? this.fileAt(parents[0], filename) : null;
        const status: FileStatus = before === null ? "added" : after === null ? "removed" : "modified";
        return { filename, status, patch: wholeFilePatch(before, after) };
      });
    const sha = randomSha();
    this.clock += 60_000;
    this.commits.set(sha, {
      sha,
      parents,
      author: { login: init.author?.login === undefined ? "octocat" : init.author.login, name: init.author?.name ?? "The Octocat" },
      committedDate: init.date ?? new Date(this.clock).toISOString(),
      changes: changes.map(diffEntry),
      files,
      sequence: this.sequence++,
    });
    if (branch !== undefined) this.branches.set(branch, sha);
    return sha;
  }

  /** A commit SHA for a SHA, a branch name or HEAD (the default branch). */
  resolve(rev: string): string | undefined {
    if (this.commits.has(rev)) return rev;
    return this.branches.get(rev === "HEAD" ? this.defaultBranch : rev);
  }

  /** A file's content at a commit: null when it does not exist there. */
  fileAt(sha: string, path: string): string | null {
    for (let commit = this.commits.get(sha); commit; commit = this.commits.get(commit.parents[0] ?? "")) {
      if (path in commit.files) return commit.files[path]!;
    }
    return null;
  }

  /** Whether a path is a folder at a commit: some file lies under it. */
  isFolder(sha: string, path: string): boolean {
    const seen = new Set<string>();
    for (let commit = this.commits.get(sha); commit; commit = this.commits.get(commit.parents[0] ?? "")) {
      for (const [file, text] of Object.entries(commit.files)) {
        if (seen.has(file)) continue;
        seen.add(file);
        if (text !== null && file.startsWith(`${path.replace(/\/+$/, "")}/`)) return true;
      }
    }
    return false;
  }

  /** A commit and every commit it descends from. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next) || !this.commits.has(next)) continue;
      seen.add(next);
      stack.push(...this.commits.get(next)!.parents);
    }
    return seen;
  }

  /** Commits newest first, as `git log` orders them by date. */
  private newestFirst(shas: Iterable<string>): FakeCommit[] {
    return [...shas]
      .map((sha) => this.commits.get(sha)!)
      .sort((a, b) => b.committedDate.localeCompare(a.committedDate) || b.sequence - a.sequence);
  }

  /** What `GET /compare/{base}...{head}` answers, files uncapped; undefined when either commit is unknown. */
  compare(baseRev: string, headRev: string) {
    const base = this.resolve(baseRev);
    const head = this.resolve(headRev);
    if (!base || !head) return undefined;
    const fromBase = this.ancestors(base);
    const fromHead = this.ancestors(head);
    const ahead = this.newestFirst([...fromHead].filter((sha) => !fromBase.has(sha))).reverse();
    const behind = [...fromBase].filter((sha) => !fromHead.has(sha));
    const mergeBase = this.newestFirst([...fromHead].filter((sha) => fromBase.has(sha)))[0];
    if (!mergeBase) return undefined;
    const status = base === head ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    // Each file once, as the merge base to head diff shows it: counts summed, the latest patch kept.
    const files = new Map<string, DiffEntry>();
    for (const commit of ahead) {
      for (const change of commit.changes) {
        const earlier = files.get(change.filename);
        const additions = (earlier?.additions ?? 0) + change.additions;
        const deletions = (earlier?.deletions ?? 0) + change.deletions;
        files.set(change.filename, { ...change, additions, deletions, changes: additions + deletions });
      }
    }
    return { status, ahead, behindBy: behind.length, mergeBase, files: [...files.values()] };
  }

  /** Commits reachable from the default branch that touched a path (or anything under it), newest first. */
  history(path: string | null, since?: string): FakeCommit[] {
    const head = this.branches.get(this.defaultBranch);
    if (!head) return [];
    const prefix = path?.replace(/\/+$/, "");
    return this.newestFirst(this.ancestors(head)).filter(
      (c) =>
        (since === undefined || Date.parse(c.committedDate) >= Date.parse(since)) &&
        (prefix === undefined || c.changes.some((f) => f.filename === prefix || f.filename.startsWith(`${prefix}/`))),
    );
  }

  addLabel(name: string, description: string | null = null): this {
    if (!this.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) this.labels.push({ name, description, color: "ededed" });
    return this;
  }

  addIssue(init: { title: string; body?: string; state?: "open" | "closed"; labels?: string[]; createdAt?: string; author?: string; reactions?: number }): FakeIssue {
    this.clock += 60_000;
    const number = this.nextNumber++;
    const issue: FakeIssue = {
      number,
      nodeId: `I_${this.nodeId}_${number}`,
      title: init.title,
      body: init.body ?? "",
      state: init.state ?? "open",
      labels: [...(init.labels ?? [])],
      createdAt: init.createdAt ?? new Date(this.clock).toISOString(),
      author: init.author ?? "octocat",
      reactions: init.reactions ?? 0,
      events: [],
    };
    this.issues.set(issue.number, issue);
    return issue;
  }

  /** A pull request from `base` to `head`; its files default to what the comparison of the two shows. */
  addPullRequest(init: { head: string; base: string; title?: string; files?: FakeFileChange[]; draft?: boolean; createdAt?: string; author?: string }): FakeIssue {
    const issue = this.addIssue({ title: init.title ?? "A pull request", ...(init.createdAt ? { createdAt: init.createdAt } : {}), ...(init.author ? { author: init.author } : {}) });
    const files = init.files ? init.files.map(diffEntry) : (this.compare(init.base, init.head)?.files ?? []);
    issue.pull = { head: init.head, base: init.base, baseRef: this.defaultBranch, draft: init.draft ?? false, files };
    return issue;
  }

  /** Records a label change on an issue, as a person (or the App) makes it, with the event GitHub would list. */
  changeLabel(number: number, event: "labeled" | "unlabeled", label: string, actor: Actor): void {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`the fake repository ${this.fullName} has no issue #${number}`);
    const has = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
    if (event === "labeled" ? has : !has) return;
    issue.labels = event === "labeled" ? [...issue.labels, label] : issue.labels.filter((l) => l.toLowerCase() !== label.toLowerCase());
    const id = eventIds++;
    issue.events.push({
      id,
      node_id: `LE_${id}`,
      url: `https://api.github.test/repos/${this.fullName}/issues/events/${id}`,
      actor: { login: actor.login, id: 1, type: actor.app ? "Bot" : "User" },
      event,
      commit_id: null,
      commit_url: null,
      created_at: new Date().toISOString(),
      performed_via_github_app: actor.app ?? null,
      label: { name: label, color: "ededed" },
    });
  }

  /** An event other than a label change (a rename, an assignment...), which readers of label events must skip. */
  addOtherEvent(number: number, event: Json): void {
    this.issues.get(number)?.events.push({ id: eventIds++, created_at: new Date().toISOString(), actor: null, performed_via_github_app: null, ...event });
  }
}
