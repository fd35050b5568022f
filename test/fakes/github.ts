import { env } from "cloudflare:workers";
import { importSPKI, jwtVerify } from "jose";
import { vi } from "vitest";

type Json = Record<string, unknown>;

export interface FakeCall {
  method: string;
  path: string;
  authorization: string | null;
  /** GraphQL calls only: the variables sent. */
  variables?: Record<string, unknown>;
}

export interface Fault {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

/**
 * A fake GitHub REST API behind GITHUB_API_URL, installed by stubbing fetch (the Worker under test
 * runs in the test's isolate). It checks App JWTs against the test key's public half and
 * installation tokens against the ones it issued, as GitHub does.
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
   * pull request it no longer has. Others are made up from the variables.
   */
  readonly pullRequests = new Map<string, Json | null>();
  /** What `rateLimit.remaining` reports. */
  graphqlRemaining = 4999;
  tokenLifetimeMs = 60 * 60 * 1000;
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

  install(): this {
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => this.handle(new Request(input, init)));
    return this;
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
    const body = isGraphql ? ((await request.json()) as { query: string; variables?: Record<string, unknown> }) : undefined;
    this.calls.push({ method: request.method, path, authorization, ...(body ? { variables: body.variables ?? {} } : {}) });
    const fault = this.faults.get(route)?.shift();
    if (fault) return json(fault.body ?? { message: "fault injected by the test" }, fault.status, fault.headers);
    if (body) return this.graphql(authorization, body);
    const failure = this.failures.get(route);
    if (failure) {
      this.failures.delete(route);
      return json(failure.body ?? { message: "failure injected by the test" }, failure.status, failure.headers);
    }
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
      const id = this.issuedTokens.get(authorization?.replace(/^token /, "") ?? "");
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
      return json({ id: 424242, slug: "chittyconnect-test", html_url: `${this.root.origin}/apps/chittyconnect-test` });
    }
    return json({ message: "Not Found" }, 404);
  }

  /** GitHub's GraphQL API, for the one query the client sends: a pull request and the rate limit. */
  private graphql(authorization: string | null, body: { query: string; variables?: Record<string, unknown> }): Response {
    if (!this.issuedTokens.has(authorization?.replace(/^token /, "") ?? "")) return json({ message: "Bad credentials" }, 401);
    const rateLimit = { cost: 1, remaining: this.graphqlRemaining, resetAt: new Date(Date.now() + 3600_000).toISOString() };
    const v = body.variables ?? {};
    if (!/pullRequest\(number: \$number\)/.test(body.query)) {
      return json({ errors: [{ type: "UNKNOWN_QUERY", message: "the fake GitHub does not know this query" }] });
    }
    const key = `${v.owner}/${v.name}#${v.number}`;
    const pullRequest = this.pullRequests.has(key) ? this.pullRequests.get(key) : {
      id: `PR_fake_${v.number}`,
      title: `Pull request ${key}`,
      state: "OPEN",
      isDraft: false,
      merged: false,
      additions: 10,
      deletions: 2,
      changedFiles: 3,
      headRefOid: "0".repeat(40),
      baseRefName: "main",
      author: { login: "octocat" },
    };
    return json({ data: { repository: { pullRequest }, rateLimit } });
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

function json(body: Json, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A REST `GET /app/installations/{id}` answer, shaped like GitHub's documented example. */
export function installationResource(id: number, overrides: Json = {}): Json {
  return {
    id,
    account: { login: `octo-org-${id}`, id: id + 1000, type: "Organization", site_admin: false },
    repository_selection: "selected",
    access_tokens_url: `https://api.github.com/app/installations/${id}/access_tokens`,
    repositories_url: "https://api.github.com/installation/repositories",
    html_url: `https://github.com/organizations/octo-org-${id}/settings/installations/${id}`,
    app_id: 424242,
    app_slug: "chittyconnect-test",
    target_id: id + 1000,
    target_type: "Organization",
    permissions: { contents: "read", metadata: "read", pull_requests: "write", issues: "write", checks: "write" },
    events: ["push", "pull_request", "issues"],
    created_at: "2026-04-01T12:00:00Z",
    updated_at: "2026-04-01T12:00:00Z",
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
    ...overrides,
  };
}

/** A page entry of `GET /installation/repositories`. */
export function repositoryResource(id: number, fullName: string, isPrivate = false): Json {
  return { id, node_id: `R_${id}`, name: fullName.split("/")[1], full_name: fullName, private: isPrivate, default_branch: "main" };
}
