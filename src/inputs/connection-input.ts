import { z } from "zod";
import { chittyIdInput } from "./chitty-id-input";
import { ECOSYSTEM_SERVICES } from "../ecosystem/services";
import { cappedJsonObject } from "./capped-json-object";
import { contextId } from "./context-input";
import { LIMITS } from "../limits";

/** The boundary schemas for connections: REST (via @hono/zod-openapi) and GraphQL (via @pothos/plugin-zod) share them. */

/** The ChittyOS services plus GitHub, reached through an App installation this gateway tracks. */
export const CONNECTION_SERVICES = [...ECOSYSTEM_SERVICES, "github"] as const;
export const connectionService = z.enum(CONNECTION_SERVICES);
export type ConnectionServiceName = z.infer<typeof connectionService>;
export const connectionStatus = z.enum(["active", "degraded", "disconnected"]);

export const connectionId = chittyIdInput("CONN", "id must be a connection ChittyID");

export const connectionConfig = cappedJsonObject("config", LIMITS.connectionConfigBytes);

// The health check looks the installation up in D1, so it must name one.
const githubConfig = z.object({ installationId: z.number().int().positive("installationId must be a positive integer") });

export const createConnectionInput = z
  .object({ contextId, service: connectionService, config: connectionConfig.optional() })
  .superRefine((input, issues) => {
    if (input.service !== "github") return;
    if (input.config === undefined) {
      issues.addIssue({ code: "custom", path: ["config"], message: "config must name the GitHub App installationId" });
      return;
    }
    for (const issue of githubConfig.safeParse(input.config).error?.issues ?? []) {
      issues.addIssue({ code: "custom", path: ["config", ...issue.path.map(String)], message: issue.message });
    }
  });
export type CreateConnectionInput = z.infer<typeof createConnectionInput>;

export const connectionFilter = z.object({
  contextId: contextId.optional(),
  service: connectionService.optional(),
  /** Without it, only live (active and degraded) connections are listed. */
  status: connectionStatus.optional(),
});
export type ConnectionFilter = z.infer<typeof connectionFilter>;
