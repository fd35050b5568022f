import { env, exports } from "cloudflare:workers";

export const ADMIN_KEY = "test-admin-key-0123456789abcdef";

/** Sends a request through the Worker's own fetch handler, as a client would. */
export function call(path: string, init: RequestInit & { key?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = init.key === undefined ? ADMIN_KEY : init.key;
  if (key !== null) headers.set("authorization", `Bearer ${key}`);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return exports.default.fetch(new Request(`https://connect.test${path}`, { ...init, headers }));
}

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; details?: unknown } }[];
}

export async function gql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { key?: string | null } = {},
): Promise<GraphQLResult<T> & { status: number }> {
  const response = await call("/graphql", {
    method: "POST",
    body: JSON.stringify({ query, variables }),
    key: options.key,
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return { ...body, status: response.status };
}

/** A name no other test uses, since storage is shared across tests. */
export const uniqueName = (prefix: string) => `${prefix} ${crypto.randomUUID().slice(0, 8)}`;

export { env };

/** Creates a context through REST and returns its JSON. */
export async function createContextViaRest(body: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await call("/v1/contexts/create", { method: "POST", body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
}

export async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}
