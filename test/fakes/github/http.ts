export type Json = Record<string, unknown>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export const notFound = () => json({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" }, 404);

/** GitHub's 422 for a body it will not take, in the shape it sends for check runs and comments. */
export const validationFailed = (resource: string, field: string, code = "invalid") =>
  json({ message: "Validation Failed", errors: [{ resource, code, field }], documentation_url: "https://docs.github.com/rest", status: "422" }, 422);

/** GitHub's 403 when an installation lacks a permission, naming the permissions it would accept. */
export const resourceNotAccessible = (accepted: string) =>
  json(
    { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest", status: "403" },
    403,
    { "x-accepted-github-permissions": accepted },
  );

/**
 * One page of a REST list as GitHub pages it: `per_page` (default 30, at most 100) and `page`, with a
 * `Link` header naming the next and last pages while there are more.
 */
export function paginate(url: URL, items: unknown[]): Response {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30)));
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set("page", String(n));
    return `<${target}>; rel="${rel}"`;
  };
  const links = page < last ? [link(page + 1, "next"), link(last, "last")] : [];
  return json(items.slice((page - 1) * perPage, page * perPage), 200, links.length ? { link: links.join(", ") } : {});
}
