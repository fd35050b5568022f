import { env } from "cloudflare:workers";
import type { Json } from "./http";

/** The App as the fake GitHub knows it: GITHUB_APP_ID, its slug and its bot user. */
export const FAKE_APP = {
  id: Number((env as Env).GITHUB_APP_ID),
  slug: "chittyconnect-test",
  name: "ChittyConnect (test)",
  botLogin: "chittyconnect-test[bot]",
} as const;

/** `performed_via_github_app` of what the App writes, shaped like GitHub's "integration". */
export const performedViaApp = () => ({ id: FAKE_APP.id, slug: FAKE_APP.slug, node_id: `A_${FAKE_APP.id}`, name: FAKE_APP.name });

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
