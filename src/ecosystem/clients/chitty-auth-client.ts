import { z } from "zod";
import { callService } from "../http/call-service";
import { tolerantAnswer } from "../http/tolerant-answer";
import { serviceUrl, type ClientOptions, type ServiceMode } from "./client-options";

export interface TokenRequest {
  /** The ChittyID the token is for (the gateway's own). */
  chittyId: string;
  scope: string[];
  /** The service the token is meant for. */
  service: string;
  /** Lifetime in seconds. */
  expiresIn: number;
}

export type TokenProvision =
  | { provisioned: true; token: string; expiresAt: number | null }
  | { provisioned: false; reason: string };

export interface TokenValidation {
  valid: boolean;
  source: "remote" | "embedded";
  reason?: string;
}

export interface ChittyAuthClient {
  mode: ServiceMode;
  /** Provisions the gateway's own ChittyAuth token. */
  provisionToken(request: TokenRequest): Promise<TokenProvision>;
  /** Asks ChittyAuth whether a token is valid (200 {valid: true}, or 401). */
  validateToken(token: string): Promise<TokenValidation>;
}

const NOT_CONFIGURED = "no ChittyAuth configured (CHITTY_AUTH_URL): the gateway authenticates with its own keys";

const expiry = z
  .union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((v) => Date.parse(v))])
  .optional()
  .catch(undefined);
const provisionAnswer = tolerantAnswer({
  token: { names: ["token", "access_token"], schema: z.string().min(1, "an empty token") },
  expiresAt: { names: ["expiresAt", "expires_at"], schema: expiry },
});
const validateAnswer = tolerantAnswer({ valid: { names: ["valid"], schema: z.boolean() } });

/** Creates the ChittyAuth client: remote when its URL is configured or discovered, else an honest embedded default. */
export async function createChittyAuthClient(env: Env, options: ClientOptions = {}): Promise<ChittyAuthClient> {
  const baseUrl = await serviceUrl(env, "chittyauth", options);
  if (!baseUrl) {
    return {
      mode: "embedded",
      async provisionToken() {
        return { provisioned: false, reason: NOT_CONFIGURED };
      },
      async validateToken() {
        return { valid: false, source: "embedded", reason: NOT_CONFIGURED };
      },
    };
  }
  return {
    mode: "remote",
    async provisionToken(request) {
      const answer = await callService(
        env,
        { service: "chittyauth", operation: "chittyauth.provision", baseUrl, method: "POST", body: request, schema: provisionAnswer },
        options,
      );
      return { provisioned: true, token: answer.data.token, expiresAt: answer.data.expiresAt ?? null };
    },
    async validateToken(token) {
      const answer = await callService(
        env,
        {
          service: "chittyauth",
          operation: "chittyauth.validate",
          baseUrl,
          method: "POST",
          body: { token },
          fixedAnswers: { 401: { valid: false } },
          schema: validateAnswer,
        },
        options,
      );
      return { valid: answer.data.valid, source: "remote", ...(answer.data.valid ? {} : { reason: "ChittyAuth does not accept the token" }) };
    },
  };
}
