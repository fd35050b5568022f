import type { BatchItem } from "../../db/batch";
import { isUniqueViolation, type Database } from "../../db/client";

// A job's writes collide with a delivery's on a UNIQUE key when both mint the same object's ChittyID or add its
// next DNA record; building them again reads the winner's rows. The GitHub work is done by then and is not redone.
const ATTEMPTS = 3;

/**
 * Commits a job's writes in one D1 batch, rebuilding them after a UNIQUE collision with a concurrent writer;
 * `build` gets the collision that made it run again, if any.
 */
export async function commitJob(db: Database, build: (collision: unknown) => Promise<BatchItem[]>): Promise<void> {
  let collision: unknown;
  for (let attempt = 1; ; attempt++) {
    const statements = await build(collision);
    try {
      await db.batch(statements as [BatchItem, ...BatchItem[]]);
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
      collision = error;
    }
  }
}
