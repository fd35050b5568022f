import { afterEach, describe, expect, it, vi } from "vitest";
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { worker } from "../../../src/index.development";
import { WEBHOOK_BODY_LIMIT } from "../../../src/webhooks/webhook-route";
import { errorOf } from "../../helpers";
import { HANDLED, examplePayload } from "../../fixtures/github/payloads";
import { deliver, deliveryHeaders, signBody } from "../../fixtures/github/sign";
import { NO_TRACE, traceOf } from "../../fixtures/github/stored";
import { fetchWithEnv } from "../../fixtures/github/browser";
import { call } from "../../helpers";

afterEach(() => vi.restoreAllMocks());

/** Sends a delivery that must be refused, and checks that it left nothing behind. */
async function expectRefused(
  send: (deliveryId: string) => Promise<Response>,
  expected: { status: number; code: string },
) {
  const sent = vi.spyOn((env as Env).EVENT_Q, "send");
  const deliveryId = crypto.randomUUID();
  const response = await send(deliveryId);
  expect(await errorOf(response)).toMatchObject(expected);
  expect(sent).not.toHaveBeenCalled();
  expect(await traceOf(deliveryId)).toEqual(NO_TRACE);
  sent.mockRestore();
}

describe.each(HANDLED)("POST /integrations/github/webhook refuses a bad $event delivery and stores nothing", ({ event, action }) => {
  const body = () => JSON.stringify(examplePayload(event, action));

  it("answers 401 for a signature that does not match the body", async () => {
    await expectRefused(async (deliveryId) => {
      const headers = await deliveryHeaders({ event, body: body(), deliveryId });
      const tampered = body().replace(/"/, ' "');
      return call("/integrations/github/webhook", { method: "POST", key: null, body: tampered, headers });
    }, { status: 401, code: "INVALID_SIGNATURE" });
  });

  it("answers 401 for a signature made with another secret", async () => {
    await expectRefused((deliveryId) => deliver({ event, body: body(), deliveryId, secret: "another-secret-entirely" }), {
      status: 401,
      code: "INVALID_SIGNATURE",
    });
  });

  it.each(["x-github-event", "x-github-delivery", "x-hub-signature-256"])("answers 400 without the %s header", async (header) => {
    await expectRefused((deliveryId) => deliver({ event, body: body(), deliveryId, headers: { [header]: null } }), {
      status: 400,
      code: "MISSING_HEADER",
    });
  });

  it("answers 415 for a form-encoded or text body", async () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain"]) {
      await expectRefused((deliveryId) => deliver({ event, body: body(), deliveryId, headers: { "content-type": type } }), {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
      });
    }
  });

  it("answers 413 for a body over GitHub's 25 MB cap", async () => {
    const oversized = JSON.stringify({ ...examplePayload(event, action), padding: "x".repeat(WEBHOOK_BODY_LIMIT) });
    await expectRefused((deliveryId) => deliver({ event, body: oversized, deliveryId }), { status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("answers 400 for a correctly signed body that cannot be a JSON object", async () => {
    // The ack reads only the first and last non-blank bytes; a body that passes and still fails to parse is the
    // consumer's to record (webhook-delivery.test.ts).
    for (const notAnObject of [body().slice(1), `${body()} trailing`, "[1,2,3]", "null", " { "]) {
      await expectRefused((deliveryId) => deliver({ event, body: notAnObject, deliveryId }), { status: 400, code: "INVALID_JSON" });
    }
  });
});

describe("POST /integrations/github/webhook refuses malformed requests", () => {
  it("answers 413 for an oversized body streamed without Content-Length", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    await expectRefused(async (deliveryId) => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > WEBHOOK_BODY_LIMIT) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const headers = await deliveryHeaders({ event: "push", body: "{}", deliveryId });
      // Straight into the router: through a service binding, the half-read stream's pipe would be cut and logged.
      const request = new Request("https://connect.test/integrations/github/webhook", { method: "POST", body: stream, headers });
      expect(request.headers.has("content-length")).toBe(false);
      const ctx = createExecutionContext();
      return worker.router.fetch(request, env as Env, ctx);
    }, { status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("answers 400 for a delivery id or event name that GitHub would never send", async () => {
    const body = JSON.stringify(examplePayload("push"));
    await expectRefused((id) => deliver({ event: "push", body, deliveryId: id, headers: { "x-github-delivery": "../../etc" } }), {
      status: 400,
      code: "INVALID_HEADER",
    });
    await expectRefused((id) => deliver({ event: "Push Event", body, deliveryId: id }), { status: 400, code: "INVALID_HEADER" });
  });

  it("answers 400 for a signed body that is not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    await expectRefused(async (deliveryId) => {
      const headers = await deliveryHeaders({ event: "push", body: "{}", deliveryId, headers: { "x-hub-signature-256": await signBody("{}") } });
      return call("/integrations/github/webhook", { method: "POST", key: null, body: bytes, headers });
    }, { status: 400, code: "INVALID_ENCODING" });
  });

  it("answers 503 and stores nothing while GITHUB_WEBHOOK_SECRET is not set", async () => {
    const body = JSON.stringify(examplePayload("push"));
    await expectRefused(async (deliveryId) => {
      const headers = await deliveryHeaders({ event: "push", body, deliveryId });
      return fetchWithEnv("/integrations/github/webhook", { GITHUB_WEBHOOK_SECRET: "" }, { method: "POST", body, headers });
    }, { status: 503, code: "WEBHOOK_NOT_CONFIGURED" });
  });
});
