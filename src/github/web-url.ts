/**
 * GitHub's web root for an API root: api.github.com belongs to github.com, while GHES
 * (`https://HOST/api/v3`) and local fakes serve the web pages from the API's own origin.
 */
export function githubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  return url.hostname === "api.github.com" ? "https://github.com" : url.origin;
}
