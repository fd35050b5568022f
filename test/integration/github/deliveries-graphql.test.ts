import { describe, expect, it, vi } from "vitest";
import { processedPayload } from "../../fixtures/github/events";
import { deliver } from "../../fixtures/github/sign";
import { examplePayload } from "../../fixtures/github/payloads";
import { traceOf } from "../../fixtures/github/stored";
import { gql } from "../../helpers";

/** A delivery's row appears when the queue consumer first takes it. */
const taken = (deliveryId: string) =>
  vi.waitFor(async () => expect((await traceOf(deliveryId)).rows).toHaveLength(1), { timeout: 15_000, interval: 50 });

/** The consumer is done with the delivery, however it ended: its row now says what the payload said. */
const settled = (deliveryId: string) =>
  vi.waitFor(async () => expect((await traceOf(deliveryId)).rows[0]?.status).toMatch(/^(processed|ignored|failed)$/), { timeout: 15_000, interval: 50 });

describe("GraphQL deliveries", () => {
  it("lists deliveries newest first, filtered by event and status, page by page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const deliveryId = crypto.randomUUID();
      // An issues action no handler records: the consumer takes it and marks it ignored.
      const payload = { ...processedPayload("issues", "opened"), action: "assigned", repository: { ...processedPayload("issues", "opened").repository, full_name: "octo/watched" } };
      await deliver({ event: "issues", deliveryId, body: JSON.stringify(payload) });
      await taken(deliveryId);
      ids.push(deliveryId);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seen: Record<string, any>[] = [];
    let after: string | null = null;
    do {
      const page: any = await gql(
        `query($after: String) { deliveries(event: "issues", status: ignored, first: 1, after: $after) {
          edges { node { id event action repository status attempts installationId lastError processedAt receivedAt payloadByReference } }
          pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.deliveries.edges.map((e: any) => e.node));
      after = page.data.deliveries.pageInfo.hasNextPage ? page.data.deliveries.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((d) => d.id).filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    expect(seen.find((d) => d.id === ids[0])).toMatchObject({ event: "issues", action: "assigned", repository: "octo/watched", status: "ignored", attempts: 1, lastError: null, processedAt: null, payloadByReference: false });

    const queued = await gql(`{ deliveries(status: queued, first: 100) { edges { node { id status } } } }`);
    expect(queued.data!.deliveries.edges.every((e: any) => e.node.status === "queued")).toBe(true);
    expect(queued.data!.deliveries.edges.map((e: any) => e.node.id)).not.toContain(ids[0]);
  });

  it("shows the delivery of a handled event with its installation", async () => {
    const deliveryId = crypto.randomUUID();
    const payload = examplePayload("pull_request", "opened");
    await deliver({ event: "pull_request", deliveryId, body: JSON.stringify(payload) });
    // The ack does not parse the body, so the action and installation come from the consumer, which reads it.
    await settled(deliveryId);
    const result = await gql(`{ deliveries(event: "pull_request", first: 100) { edges { node { id installationId action } } } }`);
    expect(result.data!.deliveries.edges.map((e: any) => e.node)).toContainEqual({ id: deliveryId, installationId: String(payload.installation.id), action: "opened" });
  });

  it("refuses bad filters and cursors with typed errors", async () => {
    const cases: [string, string][] = [
      [`{ deliveries(event: "Pull Request") { edges { cursor } } }`, "INVALID_INPUT"],
      [`{ deliveries(first: 101) { edges { cursor } } }`, "INVALID_INPUT"],
      [`{ deliveries(after: "garbage") { edges { cursor } } }`, "INVALID_CURSOR"],
      [`{ deliveries(before: "x") { edges { cursor } } }`, "INVALID_INPUT"],
    ];
    for (const [query, code] of cases) expect((await gql(query)).errors![0]!.extensions!.code, query).toBe(code);
    const unknownStatus = await gql(`{ deliveries(status: lost) { edges { cursor } } }`);
    expect(unknownStatus.errors![0]!.message).toMatch(/DeliveryStatus/);
  });
});
