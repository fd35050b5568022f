import { eq } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signDelegation } from "../../../src/auth/delegation-token";
import { delegations } from "../../../src/db/schema";
import { pollIntervalMs } from "../../../src/subscriptions/poll-interval";
import { LIMITS } from "../../../src/limits";

const POLL_INTERVAL_MS = pollIntervalMs(env as Env);
import { call } from "../../helpers";
import { delegateAs, registerActor } from "../../fixtures/credentials";
import { db } from "../../fixtures/db";
import { subscribe } from "../../fixtures/sse";

const TIMELINE = `subscription($id: String) { timeline(subjectId: $id) { cursor event { type } } }`;

async function actorWithContext() {
  const actor = await registerActor(["contexts:read", "contexts:write", "delegate"]);
  const created = await call("/v1/contexts/create", { method: "POST", key: actor.apiKey, body: JSON.stringify({ name: `stream ${crypto.randomUUID()}` }) });
  return { actor, contextId: ((await created.json()) as { id: string }).id };
}

/** Reads frames until the stream's final error; returns its code and how long after `since` it came. */
async function finalError(stream: Awaited<ReturnType<typeof subscribe>>, since: number) {
  for (;;) {
    const frame = await stream.frame(15_000);
    if (!frame) throw new Error("the stream ended without an error");
    if (frame.event === "next" && frame.data?.errors) return { code: frame.data.errors[0].extensions?.code as string, afterMs: Date.now() - since, message: frame.data.errors[0].message as string };
  }
}

describe("finding 3: a stream ends with its credential", () => {
  it("ends a stream within two poll intervals of its delegation being revoked", async () => {
    const { actor, contextId } = await actorWithContext();
    const issued = await delegateAs(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read", "contexts:write"], ttlSeconds: 60 });
    const stream = await subscribe(TIMELINE, { id: contextId }, issued.body.token);
    try {
      await call(`/v1/contexts/${contextId}`, { method: "PATCH", key: actor.apiKey, body: JSON.stringify({ version: 1, description: "seen" }) });
      expect((await stream.next()).data.timeline.event.type).toBe("context.updated");
      expect((await call(`/v1/delegate/${issued.body.tokenId}`, { method: "DELETE", key: actor.apiKey })).status).toBe(200);
      const revokedAt = Date.now();
      const end = await finalError(stream, revokedAt);
      expect(end.code).toBe("CREDENTIAL_REVOKED");
      // Two poll intervals, plus a margin for the request round trips of a loaded test machine.
      expect(end.afterMs).toBeLessThanOrEqual(2 * POLL_INTERVAL_MS + 1_500);
      expect(await stream.frame()).toMatchObject({ event: "complete" });
    } finally {
      await stream.close();
    }
  });

  it("ends a stream when its actor is suspended", async () => {
    const { actor, contextId } = await actorWithContext();
    const stream = await subscribe(TIMELINE, { id: contextId }, actor.apiKey);
    try {
      expect((await call(`/v1/actors/${actor.id}`, { method: "PATCH", body: JSON.stringify({ status: "suspended" }) })).status).toBe(200);
      expect((await finalError(stream, Date.now())).code).toBe("CREDENTIAL_REVOKED");
    } finally {
      await stream.close();
    }
  });

  it("ends a stream at its credential's expiry, not at the stream's fifteen-minute lifetime", async () => {
    const { actor, contextId } = await actorWithContext();
    const issued = await delegateAs(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read"], ttlSeconds: 60 });
    // The shortest TTL the API issues is a minute; this token is the same delegation re-signed to expire in 2 s.
    const iat = Math.floor(Date.now() / 1000);
    const expiresAt = (iat + 2) * 1000;
    await db.update(delegations).set({ expiresAt }).where(eq(delegations.id, issued.body.tokenId));
    const shortLived = await signDelegation(env as Env, { sub: actor.id, aud: "chittyconnect", scope: "contexts:read", jti: issued.body.tokenId, iat, exp: iat + 2 });
    const stream = await subscribe(TIMELINE, { id: contextId }, shortLived);
    try {
      const end = await finalError(stream, expiresAt);
      expect(end.code).toBe("CREDENTIAL_EXPIRED");
    } finally {
      await stream.close();
    }
  });

  it("ends a stream when what its credential may do changes", async () => {
    const { actor, contextId } = await actorWithContext();
    const stream = await subscribe(TIMELINE, { id: contextId }, actor.apiKey);
    try {
      expect((await call(`/v1/actors/${actor.id}`, { method: "PATCH", body: JSON.stringify({ capabilities: ["contexts:read"] }) })).status).toBe(200);
      expect((await finalError(stream, Date.now())).code).toBe("CREDENTIAL_CHANGED");
    } finally {
      await stream.close();
    }
  });
});

describe("finding 7: one budget holds a bounded number of streams", () => {
  it(`refuses the stream after ${LIMITS.subscriptionsPerBudget} with TOO_MANY_SUBSCRIPTIONS, and frees the place when one closes`, async () => {
    const { actor, contextId } = await actorWithContext();
    const open = [];
    try {
      for (let i = 0; i < LIMITS.subscriptionsPerBudget; i++) {
        const stream = await subscribe(TIMELINE, { id: contextId }, actor.apiKey);
        open.push(stream);
      }
      await call(`/v1/contexts/${contextId}`, { method: "PATCH", key: actor.apiKey, body: JSON.stringify({ version: 1, description: "x" }) });
      for (const stream of open) expect((await stream.next()).data.timeline.event.type).toBe("context.updated");
      const refused = await subscribe(TIMELINE, { id: contextId }, actor.apiKey);
      let first = await refused.frame();
      while (first && first.event !== "next") first = await refused.frame();
      expect(first?.data?.errors?.[0]?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");
      await refused.close();
      await open.pop()!.close();
      // The closed stream gives its lease back once its generator finishes; poll until the place is free.
      let again;
      for (let attempt = 0; attempt < 20; attempt++) {
        again = await subscribe(TIMELINE, { id: contextId }, actor.apiKey);
        await call(`/v1/contexts/${contextId}`, { method: "PATCH", key: actor.apiKey, body: JSON.stringify({ version: 2 + attempt, description: `y${attempt}` }) });
        let f = await again.frame();
        while (f && f.event !== "next") f = await again.frame();
        if (f?.data?.data) break;
        await again.close();
        again = undefined;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(again, "no place was freed").toBeDefined();
      open.push(again!);
    } finally {
      await Promise.all(open.map((s) => s.close()));
    }
  });
});
