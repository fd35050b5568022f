import { inject } from "vitest";
import type { BundleVariant } from "./variants";

/** Origin of the bundled worker, as served for `variant` (test/bundle/variants.ts). */
export const bundleUrl = (variant: BundleVariant = "default"): string => inject("bundle").urls[variant];

/** Where the bundle, its source map (index.development.js.map) and its build log are. */
export const bundleDir = (): string => inject("bundle").outdir;

/** The run's secrets (CHITTYCONNECT_ADMIN_KEY, GITHUB_WEBHOOK_SECRET, ...), e.g. to sign a webhook. */
export const bundleSecrets = (): Record<string, string> => inject("bundle").secrets;

export const adminKey = (): string => bundleSecrets().CHITTYCONNECT_ADMIN_KEY!;

export interface BundleFetchInit extends RequestInit {
  /** Bearer credential; the admin key by default, `null` for none. */
  key?: string | null;
  variant?: BundleVariant;
}

/** Fetches `path` from the bundled worker as an authenticated client; JSON bodies get their content type. */
export function bundleFetch(path: string, { key, variant, ...init }: BundleFetchInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const credential = key === undefined ? adminKey() : key;
  if (credential !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${credential}`);
  if (typeof init.body === "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(new URL(path, bundleUrl(variant)), { ...init, headers });
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  };
  /** The raw response text, for asserting what never appears in it. */
  text: string;
}

/** POSTs a GraphQL request to /graphql; `accept` picks the media type (application/json by default). */
export async function bundleGraphql(
  query: string,
  variables: Record<string, unknown> = {},
  options: Omit<BundleFetchInit, "body" | "method"> & { accept?: string } = {},
): Promise<GraphQLAnswer> {
  const { accept = "application/json", ...init } = options;
  const headers = new Headers(init.headers);
  headers.set("accept", accept);
  const response = await bundleFetch("/graphql", { ...init, headers, method: "POST", body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
}
