import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import RelayPlugin from "@pothos/plugin-relay";
import ZodPlugin from "@pothos/plugin-zod";
import type { RequestContext } from "../context";
import { InvalidInputError } from "../errors";

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
}>({
  plugins: [RelayPlugin, ZodPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // ChittyIDs are already globally unique; clients address objects by them, not by Relay global ids.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  zod: {
    // Surfaces as a typed GraphQL error with code INVALID_INPUT and the failing paths.
    validationError: (error) =>
      new InvalidInputError(
        error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; "),
        error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
      ),
  },
});

builder.queryType({});
builder.mutationType({});
