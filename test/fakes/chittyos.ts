import { vi } from "vitest";

/** The services the fake speaks for; ChittyRegister (where the gateway registers) has its own origin. */
export type FakeService =
  | "chittyid"
  | "chittyauth"
  | "chittyregistry"
  | "chittyregister"
  | "chittydna"
  | "chittyverify"
  | "chittycertify"
  | "chittychronicle";

/**
 * up: answers; down: fetch throws as on a refused connection; slow: answers after `slowMs` unless the caller
 * aborts first; error: 500; garbage: 200 with an HTML page; wrong-shape: 200 with JSON that lacks every expected field.
 */
export type FakeMode = "up" | "down" | "slow" | "error" | "garbage" | "wrong-shape";

export const FAKE_CHITTYOS_URLS: Record<FakeService, string> = {
  chittyid: "https://id.chitty.test",
  chittyauth: "https://chittyauth.chitty.test",
  chittyregistry: "https://registry.chitty.test",
  chittyregister: "https://register.chitty.test",
  chittydna: "https://dna.chitty.test",
  chittyverify: "https://verify.chitty.test",
  chittycertify: "https://certify.chitty.test",
  chittychronicle: "https://chronicle.chitty.test",
};

const URL_VARS: Record<FakeService, string> = {
  chittyid: "CHITTY_ID_URL",
  chittyauth: "CHITTY_AUTH_URL",
  chittyregistry: "CHITTY_REGISTRY_URL",
  chittyregister: "CHITTY_REGISTER_URL",
  chittydna: "CHITTY_DNA_URL",
  chittyverify: "CHITTY_VERIFY_URL",
  chittycertify: "CHITTY_CERTIFY_URL",
  chittychronicle: "CHITTY_CHRONICLE_URL",
};

/** The Bearer token each service expects; ChittyRegister takes the registry's. */
export const FAKE_TOKENS: Record<FakeService, { secret: string; value: string }> = {
  chittyid: { secret: "CHITTY_ID_SERVICE_TOKEN", value: "test-chittyid-token" },
  chittyauth: { secret: "CHITTY_AUTH_SERVICE_TOKEN", value: "test-chittyauth-token" },
  chittyregistry: { secret: "CHITTY_REGISTRY_TOKEN", value: "test-chittyregistry-token" },
  chittyregister: { secret: "CHITTY_REGISTRY_TOKEN", value: "test-chittyregistry-token" },
  chittydna: { secret: "CHITTY_DNA_TOKEN", value: "test-chittydna-token" },
  chittyverify: { secret: "CHITTY_VERIFY_TOKEN", value: "test-chittyverify-token" },
  chittycertify: { secret: "CHITTY_CERTIFY_TOKEN", value: "test-chittycertify-token" },
  chittychronicle: { secret: "CHITTY_CHRONICLE_TOKEN", value: "test-chittychronicle-token" },
};

export const FAKE_CASE_ID = "0b7c6a52-3d1e-4f5a-9c8b-2e1d0f9a8b7c";

export interface ChittyOsCall {
  service: FakeService;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  userAgent: string | null;
  idempotencyKey: string | null;
  contentType: string | null;
  body: unknown;
}

type Json = Record<string, unknown> | unknown[];

/**
 * Canonical ChittyID check digits, computed independently of src/: the seven parts as one decimal number
 * (letters as two digits, A = 10 … Z = 35), then (98 − n mod 97) mod 97, as the authority's minting code does.
 */
export function fakeCheckDigits(body: string): string {
  const digits = [...body].map((c) => (c >= "A" && c <= "Z" ? String(c.charCodeAt(0) - 55) : c)).join("");
  return String((98n - (BigInt(digits) % 97n)) % 97n).padStart(2, "0");
}

/** A ChittyOS that speaks every default route with the variant field names, installed by stubbing fetch. */
export class FakeChittyOS {
  readonly calls: ChittyOsCall[] = [];
  readonly modes = Object.fromEntries(Object.keys(FAKE_CHITTYOS_URLS).map((s) => [s, "up"])) as Record<FakeService, FakeMode>;
  /** Which answer variant (field names, `data` envelope) each service uses; see the route handlers. */
  readonly variants: Partial<Record<FakeService, number>> = {};
  /** How long "slow" takes to answer; far beyond any timeout the tests configure. */
  slowMs = 10_000;
  /** What discovery lists (rendered in the registry's variant shapes). */
  registryTools: { name: string; url: string; status: string }[] = [];
  certificateLifetimeMs = 90 * 24 * 60 * 60_000;
  /** Ids the authority hands out next, whatever their shape (authority ids are opaque); canonical ids after. */
  readonly mintIds: string[] = [];
  readonly minted = new Set<string>();
  readonly issuedTokens = new Set<string>();
  /** Chronicle entries and DNA records by Idempotency-Key, as an idempotent server keeps them. */
  readonly chronicle = new Map<string, { id: string; body: unknown }>();
  readonly dna = new Map<string, { id: string; operation: string; body: unknown }>();
  readonly urls: Record<FakeService, string>;
  private sequence = 0;

  constructor(urls: Partial<Record<FakeService, string>> = {}) {
    this.urls = { ...FAKE_CHITTYOS_URLS, ...urls };
  }

  /** The Worker's env with every service pointed at the fake, its tokens set, and a short timeout. */
  env(base: Env, overrides: Record<string, string> = {}): Env {
    const vars: Record<string, string> = { CHITTY_CHRONICLE_CASE_ID: FAKE_CASE_ID, CHITTYOS_TIMEOUT_MS: "500", CHITTYOS_ROUTES: "" };
    for (const service of Object.keys(this.urls) as FakeService[]) {
      vars[URL_VARS[service]] = this.urls[service];
      vars[FAKE_TOKENS[service].secret] = FAKE_TOKENS[service].value;
    }
    return { ...base, ...vars, ...overrides } as Env;
  }

  set(services: FakeService | FakeService[], mode: FakeMode): this {
    for (const service of [services].flat()) this.modes[service] = mode;
    return this;
  }

  callsTo(service: FakeService): ChittyOsCall[] {
    return this.calls.filter((c) => c.service === service);
  }

  install(): this {
    const previous = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      const request = new Request(input, init);
      const service = (Object.keys(this.urls) as FakeService[]).find((s) => request.url.startsWith(this.urls[s] + "/"));
      if (service) return this.handle(service, request, init?.signal ?? request.signal);
      // Another fake (GitHub) may already stand behind fetch; never the network.
      if (vi.isMockFunction(previous)) return previous(input, init);
      throw new Error(`unexpected outbound request to ${request.url}`);
    });
    return this;
  }

  private async handle(service: FakeService, request: Request, signal: AbortSignal | null | undefined): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(new URL(this.urls[service]).pathname.replace(/\/$/, "").length);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // recorded as text
    }
    this.calls.push({
      service,
      method: request.method,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.get("authorization"),
      userAgent: request.headers.get("user-agent"),
      idempotencyKey: request.headers.get("idempotency-key"),
      contentType: request.headers.get("content-type"),
      body,
    });

    switch (this.modes[service]) {
      case "down":
        throw new TypeError("Network connection lost.");
      case "slow":
        await new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          const timer = setTimeout(resolve, this.slowMs);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });
        break;
      case "error":
        return json({ error: "internal error injected by the test" }, 500);
      case "garbage":
        return new Response("<!doctype html><title>502 Bad Gateway</title>", { headers: { "content-type": "text/html" } });
      case "wrong-shape":
        return json({ success: true, unexpected: "nothing the gateway reads" });
      case "up":
        break;
    }

    if (request.headers.get("authorization") !== `Bearer ${FAKE_TOKENS[service].value}`) {
      return json({ error: "Authentication required", code: "AUTH_REQUIRED" }, 401);
    }
    if (request.method === "GET" && path === "/health") return json({ status: "ok", service });
    const route = `${service} ${request.method} ${path}`;
    const variant = this.variants[service] ?? 0;
    const b = (body ?? {}) as Record<string, unknown>;
    switch (route) {
      case "chittyid GET /api/get-chittyid":
        return this.mint(url.searchParams.get("entity_type") ?? "T", variant);
      case "chittyid POST /api/validate":
        return this.validate(String(b.id ?? ""), variant);
      case "chittyauth POST /v1/tokens/provision":
        return this.provision(variant);
      case "chittyauth POST /v1/tokens/validate":
        return this.issuedTokens.has(String(b.token)) ? json({ valid: true }) : json({ valid: false, error: "invalid token" }, 401);
      case "chittyregistry GET /api/v1/tools":
        return this.tools(variant);
      case "chittyregister POST /api/v1/register":
        return b.chitty_id && b.name ? json({ success: true, tool: b }, 201) : json({ success: false, error: "chitty_id and name required" }, 400);
      case "chittychronicle POST /api/v1/events":
        return this.logEvent(request.headers.get("idempotency-key"), b, variant);
      case "chittydna POST /api/v1/dna/genesis":
      case "chittydna POST /api/v1/dna/evolve":
        return this.recordDna(path, request.headers.get("idempotency-key"), b, variant);
      case "chittyverify POST /api/v1/verify":
        return this.verify(b, variant);
      case "chittycertify POST /api/v1/certify":
        return this.certify(b, variant);
    }
    return json({ error: "Endpoint not found" }, 404);
  }

  /** Variants: 0 {chittyId}, 1 {chitty_id}, 2 {id}, 3-5 the same under data. */
  private mint(entityType: string, variant: number): Response {
    const body = `03-1-USA-${String(++this.sequence % 10_000).padStart(4, "0")}-${entityType}-2604-3`.replaceAll("-", "");
    const id = this.mintIds.shift() ?? `03-1-USA-${body.slice(6, 10)}-${entityType}-2604-3-${fakeCheckDigits(body)}`;
    this.minted.add(id);
    const field = (["chittyId", "chitty_id", "id"] as const)[variant % 3]!;
    return json(variant >= 3 ? { success: true, data: { [field]: id } } : { success: true, [field]: id });
  }

  /** Variants: 0 top level, 1 under data. */
  private validate(id: string, variant: number): Response {
    const parts = id.split("-");
    const known = this.minted.has(id) || (parts.length === 8 && fakeCheckDigits(parts.slice(0, 7).join("")) === parts[7]);
    const answer = known
      ? { valid: true, components: { version: parts[0], region: parts[1], jurisdiction: parts[2], sequential: parts[3], entityType: parts[4] } }
      : { valid: false, error: "Invalid checksum" };
    return json(variant === 1 ? { data: answer } : answer);
  }

  /** Variants: 0 {token, expires_at}, 1 {access_token, expiresAt (ms)}, 2 {data: {token}}. */
  private provision(variant: number): Response {
    const token = `ca_test_${crypto.randomUUID().replaceAll("-", "")}`;
    this.issuedTokens.add(token);
    const expires = Date.now() + 30 * 24 * 60 * 60_000;
    if (variant === 1) return json({ access_token: token, expiresAt: expires }, 201);
    if (variant === 2) return json({ success: true, data: { token } }, 201);
    return json({ token, expires_at: new Date(expires).toISOString() }, 201);
  }

  /** Variants: 0 {tools: [{name, url, status}]}, 1 a top-level list with endpoint, 2 the registry's own records, 3 under data. */
  private tools(variant: number): Response {
    const tools = this.registryTools;
    if (variant === 1) return json(tools.map((t) => ({ name: t.name, endpoint: t.url, status: t.status })));
    if (variant === 2) {
      return json({
        success: true,
        tools: tools.map((t, i) => ({ chitty_id: `03-1-USA-${i}`, name: t.name, endpoints: [`${t.url}/api`], status: "active", health: t.status })),
        count: tools.length,
      });
    }
    if (variant === 3) return json({ success: true, data: { tools } });
    return json({ success: true, tools, count: tools.length });
  }

  /** Variants: 0 {entry: {id}}, 1 {id}, 2 {data: {entry: {id}}}. A repeated Idempotency-Key gets the first entry back. */
  private logEvent(key: string | null, body: Record<string, unknown>, variant: number): Response {
    if (!body.caseId || !body.entryType || !body.date || !body.description) return json({ error: "caseId, entryType, date and description are required" }, 400);
    const existing = key ? this.chronicle.get(key) : undefined;
    const id = existing?.id ?? crypto.randomUUID();
    if (key && !existing) this.chronicle.set(key, { id, body });
    const entry = { id, ...body };
    if (variant === 1) return json(entry, 201);
    if (variant === 2) return json({ data: { entry } }, 201);
    return json({ entry }, 201);
  }

  /** Variants: 0 {dna_id}, 1 {id}, 2 {data: {dna_id}}. */
  private recordDna(path: string, key: string | null, body: Record<string, unknown>, variant: number): Response {
    const existing = key ? this.dna.get(key) : undefined;
    const id = existing?.id ?? `dna_${crypto.randomUUID()}`;
    if (key && !existing) this.dna.set(key, { id, operation: path.endsWith("genesis") ? "genesis" : "evolve", body });
    if (variant === 1) return json({ id }, 201);
    if (variant === 2) return json({ data: { dna_id: id } }, 201);
    return json({ dna_id: id }, 201);
  }

  /** Variants: 0 {valid}, 1 {data: {valid}}. Ids are checked for their check digits; anything else passes. */
  private verify(body: Record<string, unknown>, variant: number): Response {
    let valid = true;
    if (body.kind === "chittyid") {
      const parts = String(body.value).split("-");
      valid = parts.length === 8 && fakeCheckDigits(parts.slice(0, 7).join("")) === parts[7];
    }
    const answer = valid ? { valid } : { valid, reason: "checksum mismatch" };
    return json(variant === 1 ? { data: answer } : answer);
  }

  /** Variants: 0 snake_case with ISO dates, 1 the same under data, 2 camelCase with ms. */
  private certify(body: Record<string, unknown>, variant: number): Response {
    if (body.profile !== "chittyos-v1" && body.profile !== "mcp-2024-11-05") return json({ error: "unknown profile" }, 422);
    const issued = Date.now();
    const until = issued + this.certificateLifetimeMs;
    const level = String(body.security_level ?? "standard");
    const snake = { certificate_id: `cert_${crypto.randomUUID()}`, issued_at: new Date(issued).toISOString(), valid_until: new Date(until).toISOString(), security_level: level };
    if (variant === 1) return json({ success: true, data: snake }, 201);
    if (variant === 2) return json({ certificateId: snake.certificate_id, issuedAt: issued, validUntil: until, securityLevel: level }, 201);
    return json(snake, 201);
  }
}

function json(body: Json, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
