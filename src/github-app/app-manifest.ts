import template from "../../github-app-manifest.json" with { type: "json" };

export type AppManifest = typeof template;

/**
 * github-app-manifest.json with every URL pointing at this deployment. GitHub subscribes every App to
 * `installation` and `installation_repositories` on its own; the manifest lists the events one opts into.
 */
export function buildManifest(origin: string, name?: string): AppManifest {
  const at = (path: string) => `${origin}/integrations/github${path}`;
  return {
    ...template,
    name: name ?? template.name,
    url: origin,
    hook_attributes: { ...template.hook_attributes, url: at("/webhook") },
    redirect_url: at("/manifest"),
    setup_url: at("/callback"),
    callback_urls: [at("/callback")],
  };
}
