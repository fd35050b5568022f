import type { RequestContext } from "../context";

type BatchItem = Parameters<RequestContext["db"]["batch"]>[0][number];

/**
 * Runs an entity write, its DNA record and its Chronicle event as one D1 batch, which D1 runs as one
 * transaction: all of it commits or none of it does. `explain` turns known constraint failures into AppErrors.
 */
export async function atomicBatch(
  ctx: RequestContext,
  statements: BatchItem[],
  explain: (error: unknown) => Error | undefined = () => undefined,
): Promise<void> {
  try {
    await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  } catch (error) {
    throw explain(error) ?? error;
  }
}
