import type { DelegationRow } from "../db/schema";
import { delegate, listDelegations, revokeDelegation, validateDelegation } from "../resolvers/delegation";
import { delegateInput, delegationId, DELEGATION_TTL, validateDelegationInput, type DelegateInput } from "../inputs/delegation-input";
import { builder } from "./builder";
import { Node } from "./node";
import { forwardPageArgs, toConnection } from "./connection";

export const Delegation = builder.objectRef<DelegationRow>("Delegation").implement({
  interfaces: [Node],
  description: "A time-limited, scoped, revocable token an actor issued for a service.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The token id (its `jti`)." }),
    delegatorId: t.exposeString("delegatorId"),
    targetService: t.exposeString("targetService"),
    scopes: t.exposeStringList("scopes"),
    issuedAt: t.field({ type: "DateTime", resolve: (d) => new Date(d.issuedAt) }),
    expiresAt: t.field({ type: "DateTime", resolve: (d) => new Date(d.expiresAt) }),
    revokedAt: t.field({ type: "DateTime", nullable: true, resolve: (d) => (d.revokedAt ? new Date(d.revokedAt) : null) }),
  }),
});

const DelegationGrant = builder.objectRef<{ token: string; delegation: DelegationRow }>("DelegationGrant").implement({
  fields: (t) => ({
    token: t.exposeString("token", { description: "The signed JWT; present it to the target service." }),
    delegation: t.field({ type: Delegation, resolve: (g) => g.delegation }),
  }),
});

const DelegationValidation = builder
  .objectRef<{ valid: true; claims: Record<string, unknown> }>("DelegationValidation")
  .implement({
    fields: (t) => ({
      valid: t.exposeBoolean("valid"),
      claims: t.expose("claims", { type: "JSONObject" }),
    }),
  });

const DelegateInputType = builder.inputType("DelegateInput", {
  fields: (t) => ({
    targetService: t.string({ required: true }),
    scopes: t.stringList({ required: true, description: "Capabilities such as contexts:read; a subset of yours." }),
    ttlSeconds: t.int({ required: false, description: `Default ${DELEGATION_TTL.default}, at most ${DELEGATION_TTL.max}.` }),
  }),
});

builder.queryField("delegations", (t) =>
  t.connection({
    type: Delegation,
    description: "Delegations you issued, newest first (administrators may name another delegator).",
    args: { delegatorId: t.arg.string({ required: false, validate: { maxLength: 100 } }) },
    resolve: async (_root, args, ctx) =>
      toConnection(await listDelegations(ctx, { ...forwardPageArgs(args), delegatorId: args.delegatorId })),
  }),
);

builder.mutationFields((t) => ({
  delegate: t.field({
    type: DelegationGrant,
    args: { input: t.arg({ type: DelegateInputType, required: true, validate: { schema: delegateInput } }) },
    resolve: (_root, { input }, ctx) => delegate(ctx, input as DelegateInput),
  }),
  validateDelegation: t.field({
    type: DelegationValidation,
    args: {
      token: t.arg.string({ required: true }),
      targetService: t.arg.string({ required: true }),
    },
    validate: { schema: validateDelegationInput },
    resolve: async (_root, args, ctx) => {
      const result = await validateDelegation(ctx, args);
      return { valid: true as const, claims: { ...result.claims } };
    },
  }),
  revokeDelegation: t.field({
    type: Delegation,
    args: { tokenId: t.arg.id({ required: true, validate: { schema: delegationId } }) },
    resolve: (_root, { tokenId }, ctx) => revokeDelegation(ctx, String(tokenId)),
  }),
}));
