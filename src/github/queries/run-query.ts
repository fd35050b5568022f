import { z } from "zod";
import { checkGraphqlBudget, noteGraphqlBudget, rateLimitInfo } from "../graphql-budget";
import { githubGraphql } from "../graphql-client";
import { githubError } from "../github-request";
import { callAsInstallation } from "../installation-call";

const budget = z.object({ rateLimit: rateLimitInfo });

/**
 * Sends one of the documents of documents.ts as the installation and parses the answer with `answer`:
 * refused while the installation's budget is low, retried like any read, and the `rateLimit` every
 * document asks for is noted for the next call.
 */
export async function runQuery<T>(
  env: Env,
  ref: { installationId: number; deliveryId: string },
  request: { document: string; variables: Record<string, unknown>; answer: z.ZodType<T>; doing: string },
): Promise<T> {
  checkGraphqlBudget(ref.installationId);
  const data = await callAsInstallation(env, { ...ref, doing: request.doing, idempotent: true }, (token) =>
    githubGraphql(env, token)(request.document, request.variables),
  );
  const spent = budget.safeParse(data);
  if (!spent.success) throw githubError(spent.error, request.doing);
  noteGraphqlBudget(ref.installationId, spent.data.rateLimit);
  const parsed = request.answer.safeParse(data);
  if (!parsed.success) throw githubError(parsed.error, request.doing);
  return parsed.data;
}
