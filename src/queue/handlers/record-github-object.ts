import type { BatchItem } from "../../db/batch";
import { resolveEntities, type GitHubEntityRef } from "../../resolvers/github-entities";
import { outboxTargets } from "../../ecosystem/outbox/outbox-targets";
import { recordChange } from "../../ecosystem/record-change";
import type { DeliveryContext } from "./handler";

export interface GitHubObjectChange {
  /** GitHub's node id of the object (issue, pull request). */
  nodeId: string;
  kind: GitHubEntityRef["kind"];
  /** Human-readable handle, e.g. `owner/repo#12`. */
  label: string;
  /** DNA subject type and the state its record hashes. */
  subjectType: string;
  state: unknown;
  /** What happened: the DNA event and the `github.{event}.{change}` Chronicle type. */
  change: string;
  data: Record<string, unknown>;
}

/**
 * The writes every per-object handler makes: reuse or mint the object's ChittyID, add a DNA record,
 * and a Chronicle event that carries the delivery id.
 */
export async function recordGitHubObject(ctx: DeliveryContext, object: GitHubObjectChange): Promise<BatchItem[]> {
  const entities = await resolveEntities(ctx.env, ctx.db, [{ githubKey: object.nodeId, kind: object.kind, label: object.label }], ctx.now);
  const subjectId = entities.idOf(object.nodeId);
  return [
    ...entities.statements,
    ...(await recordChange(ctx.db, {
      subjectId,
      subjectType: object.subjectType,
      state: object.state,
      event: object.change,
      type: `github.${ctx.event}.${object.change}`,
      data: { deliveryId: ctx.deliveryId, ...object.data },
      actorId: null,
      now: ctx.now,
    }, outboxTargets(ctx.env))),
  ];
}
