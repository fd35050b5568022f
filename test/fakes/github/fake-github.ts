import { env } from "cloudflare:workers";
import { importSPKI, jwtVerify } from "jose";
import { vi } from "vitest";
import { graphqlAnswers } from "./graphql";
import { json, notFound, type Json } from "./http";
import { FakeRepository } from "./repository";
import { FAKE_APP } from "./resources";
import { checkRoutes, type FakeCheckRun } from "./rest-checks";
import { codeRoutes } from "./rest-code";
import { createComment, issueRoutes, type FakeComment } from "./rest-issues";
import type { RepoRoute } from "./routes";

export interface FakeCall {
  method: string;
  path: string;
  authorization: string | null;
  /** GraphQL calls only: the variables sent. */
  variables?: Record<string, unknown>;
  /** GraphQL calls only: the operation's name, such as "RepositoryMetadata". */
  operation?: string;
  /** REST calls only: the query string's parameters. */
  params?: Record<string, string>;
  /** REST writes only: the JSON body sent. */
  body?: Json;
}

export interface Fault {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

const repoRoutes: RepoRoute[] = [...codeRoutes, ...checkRoutes, ...issueRoutes];

/**
 * A fake GitHub (REST and GraphQL) behind GITHUB_API_URL, installed by stubbing fetch (the Worker under test
 * runs in the test's isolate). It checks App JWTs against the test key's public half and installation tokens
 * against the ones it issued, as GitHub does, and keeps repositories, pull requests, issues, comments, check
 * runs and labels in memory, so that what the client writes can be read back. Every call is recorded.
 */
export class FakeGitHub {
  readonly calls: FakeCall[] = [];
  readonly installations = new Map<number, Json>();
  readonly repositories = new Map<number, Json[]>();
  readonly conversions = new Map<string, Json>();
  readonly issuedTokens = new Map<string, number>();
  /** Answers to give instead, by "METHOD /path", once each. */
  readonly failures = new Map<string, { status: number; body?: Json; headers?: Record<string, string> }>();
  /** Faults to answer with, in order, by "METHOD /path" (GraphQL is "POST /graphql"); each is used once. */
  readonly faults = new Map<string, Fault[]>();
  /**
   * Pull request details the GraphQL API returns, by `owner/name#number`; null answers as GitHub does for a
   * pull request it no longer has. Others come from a repository added with addRepository, or are made up.
   */
  readonly pullRequests = new Map<string, Json | null>();
  /** Repositories with state, by lower-case "owner/name". */
  readonly repos = new Map<string, FakeRepository>();
  readonly comments = new Map<number, FakeComment>();
  readonly checkRuns = new Map<number, FakeCheckRun>();
  /** When set, a check-run annotation on a line outside its commit's diff is answered 422 (GitHub itself takes it). */
  strictAnnotations = false;
  /** What `rateLimit.remaining` reports. */
  graphqlRemaining = 4999;
  tokenLifetimeMs = 60 * 60 * 1000;
  private nextRepositoryId = 900_000;
  private readonly root = new URL((env as Env).GITHUB_API_URL);
  // GHES serves GraphQL at /api/graphql beside the REST root /api/v3; github.com at {root}/graphql.
  private readonly graphqlPath = this.root.pathname.replace(/\/api\/v3\/?$/, "/api") + "/graphql";

  /** Queues faults for a route, answered before any real answer. */
  fail(route: string, ...faults: Fault[]): this {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
    return this;
  }

  /** Forgets every token it issued, as when they expire or are revoked: the next use answers 401. */
  revokeTokens(): void {
    this.issuedTokens.clear();
  }

  graphqlCalls(): FakeCall[] {
    return this.calls.filter((c) => c.path === "/graphql");
  }

  /** Calls made to one repository's REST routes, by method and path under `/repos/{owner}/{repo}`. */
  restCalls(repo: FakeRepository, method?: string): FakeCall[] {
    const prefix = `/repos/${repo.fullName}/`;
    return this.calls.filter((c) => c.path.startsWith(prefix) && (method === undefined || c.method === method));
  }

  /** Adds a repository the installation can reach, with an empty history; tests add commits and issues to it. */
  addRepository(installationId: number, fullName: string): FakeRepository {
    const [owner, name] = fullName.split("/");
    if (!owner || !name) throw new Error(`a repository is named owner/name, not ${fullName}`);
    const repo = new FakeRepository(this.nextRepositoryId++, installationId, owner, name);
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  /** The repository by "owner/name", when the installation can reach it. */
  repository(fullName: string, installationId: number): FakeRepository | undefined {
    const repo = this.repos.get(fullName.toLowerCase());
    return repo?.installationId === installationId ? repo : undefined;
  }

  /** A comment written by a person (or, with `app`, by the App some other way), straight into the state. */
  addComment(repo: FakeRepository, issueNumber: number, body: string, author: { login: string; app?: boolean }): FakeComment {
    if (!repo.issues.has(issueNumber)) throw new Error(`the fake repository ${repo.fullName} has no issue #${issueNumber}`);
    return createComment(this.comments, repo, issueNumber, body, author);
  }

  /** The comments on an issue or pull request, oldest first. */
  commentsOn(repo: FakeRepository, issueNumber: number): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.repo === repo && c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
  }

  /** The check runs created on a commit. */
  checkRunsOn(repo: FakeRepository, headSha: string): FakeCheckRun[] {
    return [...this.checkRuns.values()].filter((r) => r.repo === repo && r.head_sha === headSha);
  }

  install(): this {
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => this.handle(new Request(input, init)));
    return this;
  }

  private installationOf(authorization: string | null): number | undefined {
    return this.issuedTokens.get(authorization?.replace(/^token /, "") ?? "");
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const isGraphql = url.origin === this.root.origin && url.pathname === this.graphqlPath;
    if (url.origin !== this.root.origin || (!url.pathname.startsWith(this.root.pathname) && !isGraphql)) {
      throw new Error(`unexpected outbound request to ${url.origin}${url.pathname}`);
    }
    const path = isGraphql ? "/graphql" : url.pathname.slice(this.root.pathname.length);
    const route = `${request.method} ${path}`;
    const authorization = request.headers.get("authorization");
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    const body = text ? (JSON.parse(text) as Json) : undefined;
    const graphql = isGraphql ? (body as { query: string; variables?: Record<string, unknown> }) : undefined;
    const params = Object.fromEntries(url.searchParams);
    this.calls.push({
      method: request.method,
      path,
      authorization,
      ...(graphql ? { variables: graphql.variables ?? {}, operation: /\b(?:query|mutation)\s+(\w+)/.exec(graphql.query)?.[1] ?? "" } : {}),
      ...(!graphql && Object.keys(params).length ? { params } : {}),
      ...(!graphql && body ? { body } : {}),
    });
    const fault = this.faults.get(route)?.shift();
    if (fault) return json(fault.body ?? { message: "fault injected by the test" }, fault.status, fault.headers);
    if (graphql) return this.graphql(authorization, graphql);
    const failure = this.failures.get(route);
    if (failure) {
      this.failures.delete(route);
      return json(failure.body ?? { message: "failure injected by the test" }, failure.status, failure.headers);
    }
    const repoMatch = /^\/repos\/([\w.-]+)\/([\w.-]+)(\/.*)$/.exec(path);
    if (repoMatch) return this.repositoryRoute(request.method, url, authorization, body, repoMatch);
    let match: RegExpExecArray | null;
    if ((match = /^GET \/app\/installations\/(\d+)$/.exec(route))) {
      if (!(await this.validAppJwt(authorization))) return json({ message: "A JSON web token could not be decoded" }, 401);
      const installation = this.installations.get(Number(match[1]));
      return installation ? json(installation) : json({ message: "Not Found" }, 404);
    }
    if ((match = /^POST \/app\/installations\/(\d+)\/access_tokens$/.exec(route))) {
      if (!(await this.validAppJwt(authorization))) return json({ message: "A JSON web token could not be decoded" }, 401);
      const id = Number(match[1]);
      if (!this.installations.has(id)) return json({ message: "Not Found" }, 404);
      // Deliberately not ghs_-shaped: the Worker must not assume a token format.
      const token = `v1.${crypto.randomUUID().replaceAll("-", "")}${crypto.randomUUID()}`;
      this.issuedTokens.set(token, id);
      return json({ token, expires_at: new Date(Date.now() + this.tokenLifetimeMs).toISOString(), permissions: {} }, 201);
    }
    if (route === "GET /installation/repositories") {
      const id = this.installationOf(authorization);
      if (id === undefined) return json({ message: "Bad credentials" }, 401);
      const all = this.repositories.get(id) ?? [];
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      return json({ total_count: all.length, repositories: all.slice((page - 1) * perPage, page * perPage) });
    }
    if ((match = /^POST \/app-manifests\/([\w-]+)\/conversions$/.exec(route))) {
      const conversion = this.conversions.get(match[1]!);
      this.conversions.delete(match[1]!);
      return conversion ? json(conversion, 201) : json({ message: "Not Found" }, 404);
    }
    if (route === "GET /app") {
      if (!(await this.validAppJwt(authorization))) return json({ message: "A JSON web token could not be decoded" }, 401);
      return json({ id: FAKE_APP.id, slug: FAKE_APP.slug, html_url: `${this.root.origin}/apps/${FAKE_APP.slug}` });
    }
    return notFound();
  }

  /** `/repos/{owner}/{repo}/...`: an installation token that reaches the repository, then the route's answer. */
  private repositoryRoute(method: string, url: URL, authorization: string | null, body: Json | undefined, [, owner, name, rest]: RegExpExecArray): Response {
    const installationId = this.installationOf(authorization);
    if (installationId === undefined) return json({ message: "Bad credentials" }, 401);
    const repo = this.repository(`${owner}/${name}`, installationId);
    if (!repo) return notFound();
    for (const route of repoRoutes) {
      const match = route.method === method ? route.path.exec(rest!) : null;
      if (match) return route.handle({ github: this, url, body, installationId, repo }, match);
    }
    return notFound();
  }

  /** GitHub's GraphQL API for the documents the client sends, answered from the state; others are unknown. */
  private graphql(authorization: string | null, body: { query: string; variables?: Record<string, unknown> }): Response {
    const installationId = this.installationOf(authorization);
    if (installationId === undefined) return json({ message: "Bad credentials" }, 401);
    const rateLimit = { cost: 1, remaining: this.graphqlRemaining, resetAt: new Date(Date.now() + 3600_000).toISOString() };
    const answer = graphqlAnswers.get(body.query);
    if (!answer) return json({ errors: [{ type: "UNKNOWN_QUERY", message: "the fake GitHub does not know this query" }] });
    const { data, errors } = answer({ github: this, installationId, variables: body.variables ?? {} });
    return json({ data: data && { ...data, rateLimit }, ...(errors ? { errors } : {}) });
  }

  /** GitHub's rules for App JWTs: RS256 by the App's key, iss = App id, iat in the past, at most 10 min of life. */
  private async validAppJwt(authorization: string | null): Promise<boolean> {
    const jwt = authorization?.replace(/^Bearer /, "");
    if (!jwt) return false;
    try {
      const key = await importSPKI((env as Env & { TEST_GITHUB_APP_PUBLIC_KEY: string }).TEST_GITHUB_APP_PUBLIC_KEY, "RS256");
      const { payload } = await jwtVerify(jwt, key, { algorithms: ["RS256"], issuer: (env as Env).GITHUB_APP_ID });
      const now = Math.floor(Date.now() / 1000);
      return payload.iat! <= now && payload.exp! - payload.iat! <= 600;
    } catch {
      return false;
    }
  }
}
