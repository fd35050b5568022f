import { z } from "zod";
import { InvalidInputError } from "../errors";
import { pageSize } from "../inputs/context-input";
import type { Page } from "../db/pagination";

const forwardArgs = z.object({
  first: pageSize.nullish(),
  after: z.string().max(200).nullish(),
  last: z.null({ message: "this connection pages forward only: use first and after" }).optional(),
  before: z.null({ message: "this connection pages forward only: use first and after" }).optional(),
});

/**
 * Validates the Relay arguments that @pothos/plugin-relay adds (they bypass per-argument validation):
 * our lists are keyset-paginated newest first, so only `first`/`after` are meaningful.
 */
export function forwardPageArgs(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }) {
  const parsed = forwardArgs.safeParse(args);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    );
  }
  return { first: parsed.data.first ?? null, after: parsed.data.after ?? null };
}

/** A resolver page as the shape @pothos/plugin-relay expects. */
export function toConnection<T>(page: Page<T>) {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.endCursor,
    },
  };
}

/** In a filter, GraphQL's null means "not given", as REST's missing key does. */
export const withoutNulls = <T extends object>(input: T) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
