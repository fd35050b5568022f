import type { ActorRow } from "../db/schema";
import { getActor, getMe, listActors, registerActor, updateActor } from "../resolvers/actor";
import { actorId, registerActorInput, updateActorInput, type RegisterActorInput, type UpdateActorInput } from "../inputs/actor-input";
import { listApiKeys, revokeApiKey, rotateApiKey } from "../resolvers/api-key";
import { listConnectionsOwnedBy } from "../resolvers/connection";
import { listContexts } from "../resolvers/context";
import { listDelegations } from "../resolvers/delegation";
import { ApiKey, IssuedApiKey } from "./api-key";
import { builder } from "./builder";
import { Node } from "./node";
import { Context } from "./context";
import { forwardPageArgs, toConnection } from "./connection";
import { Delegation } from "./delegation";
import { ServiceConnection } from "./service-connection";

export const ActorType = builder.enumType("ActorType", { values: ["human", "ai", "service", "system"] as const });
const ActorStatus = builder.enumType("ActorStatus", { values: ["active", "suspended", "revoked"] as const });
const RegistrableActorType = builder.enumType("RegistrableActorType", { values: ["human", "ai", "service"] as const });

export const Actor = builder.objectRef<ActorRow>("Actor");

Actor.implement({
  interfaces: [Node],
  description: "A human, AI, service or system identity that calls the gateway.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The actor's ChittyID." }),
    type: t.expose("type", { type: ActorType }),
    displayName: t.exposeString("displayName"),
    capabilities: t.exposeStringList("capabilities", { description: "What the actor may do, e.g. contexts:read." }),
    status: t.expose("status", { type: ActorStatus }),
    createdBy: t.exposeString("createdBy", { nullable: true }),
    createdAt: t.field({ type: "DateTime", resolve: (a) => new Date(a.createdAt) }),
    lastSeenAt: t.field({ type: "DateTime", nullable: true, resolve: (a) => (a.lastSeenAt ? new Date(a.lastSeenAt) : null) }),
    sessionCount: t.exposeInt("sessionCount", { description: "Periods of activity separated by 30 minutes or more." }),
    apiKeys: t.field({ type: [ApiKey], resolve: (a, _args, ctx) => listApiKeys(ctx, a.id) }),
    contexts: t.connection({
      type: Context,
      resolve: async (a, args, ctx) =>
        toConnection(await listContexts(ctx, { ...forwardPageArgs(args), filter: { ownerId: a.id } })),
    }),
    connections: t.field({ type: [ServiceConnection], resolve: (a, _args, ctx) => listConnectionsOwnedBy(ctx, a.id) }),
    delegations: t.connection({
      type: Delegation,
      resolve: async (a, args, ctx) => toConnection(await listDelegations(ctx, { ...forwardPageArgs(args), delegatorId: a.id })),
    }),
  }),
});

const RegisterActorInputType = builder.inputType("RegisterActorInput", {
  fields: (t) => ({
    type: t.field({ type: RegistrableActorType, required: true }),
    displayName: t.string({ required: true }),
    capabilities: t.stringList({ required: false, description: "A subset of your own capabilities." }),
  }),
});

const UpdateActorInputType = builder.inputType("UpdateActorInput", {
  fields: (t) => ({
    displayName: t.string({ required: false }),
    capabilities: t.stringList({ required: false }),
    status: t.field({ type: ActorStatus, required: false }),
  }),
});

const RegisteredActor = builder.objectRef<{ actor: ActorRow; apiKey: string; keyId: string }>("RegisteredActor").implement({
  description: "A new actor and its first API key. Store `apiKey` now: it cannot be shown again.",
  fields: (t) => ({
    actor: t.field({ type: Actor, resolve: (r) => r.actor }),
    apiKey: t.exposeString("apiKey"),
    keyId: t.exposeID("keyId"),
  }),
});

builder.queryFields((t) => ({
  me: t.field({ type: Actor, description: "The actor this request authenticated as.", resolve: (_root, _args, ctx) => getMe(ctx) }),
  actor: t.field({
    type: Actor,
    args: { id: t.arg.id({ required: true, validate: { schema: actorId } }) },
    resolve: (_root, args, ctx) => getActor(ctx, String(args.id)),
  }),
  actors: t.connection({
    type: Actor,
    description: "Every actor (administrators only).",
    resolve: async (_root, args, ctx) => toConnection(await listActors(ctx, forwardPageArgs(args))),
  }),
}));

builder.mutationFields((t) => ({
  registerActor: t.field({
    type: RegisteredActor,
    args: { input: t.arg({ type: RegisterActorInputType, required: true, validate: { schema: registerActorInput } }) },
    resolve: (_root, { input }, ctx) => registerActor(ctx, input as RegisterActorInput),
  }),
  updateActor: t.field({
    type: Actor,
    args: {
      id: t.arg.id({ required: true, validate: { schema: actorId } }),
      input: t.arg({ type: UpdateActorInputType, required: true, validate: { schema: updateActorInput } }),
    },
    resolve: (_root, { id, input }, ctx) => updateActor(ctx, String(id), input as UpdateActorInput),
  }),
  rotateApiKey: t.field({
    type: IssuedApiKey,
    description: "Issues a new API key for the actor; by default its other keys are revoked at once.",
    args: {
      actorId: t.arg.id({ required: true, validate: { schema: actorId } }),
      revokeOthers: t.arg.boolean({ required: false, defaultValue: true }),
    },
    resolve: (_root, args, ctx) => rotateApiKey(ctx, String(args.actorId), { revokeOthers: args.revokeOthers ?? true }),
  }),
  revokeApiKey: t.field({
    type: ApiKey,
    args: { keyId: t.arg.id({ required: true, validate: { regex: /^key_[0-9a-f-]{36}$/ } }) },
    resolve: (_root, args, ctx) => revokeApiKey(ctx, String(args.keyId)),
  }),
}));
