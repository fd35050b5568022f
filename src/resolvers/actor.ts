import { eq } from "drizzle-orm";
import type { RequestContext } from "../context";
import { actors } from "../db/schema";

export type ActorRow = typeof actors.$inferSelect;

/** The actor record behind an id, or null when it is unknown (owners of old rows may be gone). */
export async function findActor(ctx: RequestContext, id: string): Promise<ActorRow | null> {
  const [row] = await ctx.db.select().from(actors).where(eq(actors.id, id)).limit(1);
  return row ?? null;
}
