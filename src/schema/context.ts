import type { ContextRow } from "../db/schema";
import { actorsVisibleTo } from "../resolvers/actor";
import {
  contextFilter,
  contextId,
  createContextInput,
  searchQuery,
  updateContextInput,
  type CreateContextInput as CreateInput,
  type UpdateContextInput as UpdateInput,
} from "../inputs/context-input";
import { createContext, deleteContext, getContext, listContexts, updateContext } from "../resolvers/context";
import { searchContexts } from "../resolvers/context-search";
import { listDna, listTimeline } from "../resolvers/timeline";
import { verifySubjectDna } from "../resolvers/verification";
import { Actor } from "./actor";
import { builder } from "./builder";
import { Node } from "./node";
import { ChronicleEvent } from "./chronicle-event";
import { forwardPageArgs, toConnection, withoutNulls } from "./connection";
import { DnaRecord, DnaVerification } from "./dna-record";
import { LIMITS } from "../limits";

const ContextStatus = builder.enumType("ContextStatus", { values: ["active", "archived", "deleted"] as const });
const SettableContextStatus = builder.enumType("SettableContextStatus", { values: ["active", "archived"] as const });

export const Context = builder.objectRef<ContextRow>("Context").implement({
  interfaces: [Node],
  description: "A named, versioned bag of state owned by an actor; every change is tracked in DNA and Chronicle.",
  fields: (t) => ({
    id: t.exposeID("id", {
      description: "The context's ChittyID: the authority's (opaque) when one is configured, else `CHITTY-CONTEXT-{uuid}`.",
    }),
    idProvisional: t.exposeBoolean("idProvisional", {
      description:
        "True while the id is a provisional local one, minted because the ChittyID authority could not answer; reconciliation replaces it, and the old id keeps resolving to this context.",
    }),
    name: t.exposeString("name", { description: `Unique per owner among live contexts; at most ${LIMITS.contextName} characters.` }),
    description: t.exposeString("description"),
    data: t.expose("data", { type: "JSONObject", description: `Free-form JSON; at most ${LIMITS.contextDataBytes} bytes.` }),
    status: t.expose("status", { type: ContextStatus }),
    owner: t.loadable({
      type: Actor,
      nullable: true,
      description: "The owning actor, when it is you or you are an administrator.",
      // One query for the owners of a whole page, not one per context.
      load: (ids: string[], ctx) => actorsVisibleTo(ctx, ids),
      sort: (actor) => actor.id,
      resolve: (c) => c.ownerId,
    }),
    ownerId: t.exposeString("ownerId"),
    createdAt: t.field({ type: "DateTime", resolve: (c) => new Date(c.createdAt) }),
    updatedAt: t.field({ type: "DateTime", resolve: (c) => new Date(c.updatedAt) }),
    version: t.exposeInt("version", { description: "Increases by one on every change; send it back to update." }),
    timeline: t.connection({
      type: ChronicleEvent,
      args: { type: t.arg.string({ required: false, validate: { maxLength: 100 } }) },
      resolve: async (c, args, ctx) =>
        toConnection(await listTimeline(ctx, { ...forwardPageArgs(args), subjectId: c.id, type: args.type })),
    }),
    dna: t.field({ type: [DnaRecord], description: "The DNA lineage, genesis first.", resolve: (c, _args, ctx) => listDna(ctx, c.id) }),
    dnaVerification: t.field({
      type: DnaVerification,
      description: "The DNA chain verified now: a changed, removed or reordered record makes it invalid.",
      resolve: (c, _args, ctx) => verifySubjectDna(ctx, c.id),
    }),
  }),
});

const ContextFilterInput = builder.inputType("ContextFilter", {
  fields: (t) => ({
    status: t.field({ type: SettableContextStatus, required: false }),
    ownerId: t.string({ required: false, description: "Administrators only; others always see their own." }),
  }),
  validate: { schema: contextFilter },
});

const CreateContextInput = builder.inputType("CreateContextInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    data: t.field({ type: "JSONObject", required: false }),
  }),
});

const UpdateContextInput = builder.inputType("UpdateContextInput", {
  fields: (t) => ({
    version: t.int({ required: true, description: "The version you last read; a stale one is refused with VERSION_CONFLICT." }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    data: t.field({ type: "JSONObject", required: false }),
    status: t.field({ type: SettableContextStatus, required: false }),
  }),
});

// Input objects are validated (and trimmed) by @pothos/plugin-zod with the same schemas REST uses,
// so the resolvers receive parsed values; explicit nulls are refused by those schemas.
builder.queryFields((t) => ({
  context: t.field({
    type: Context,
    args: { id: t.arg.id({ required: true, validate: { schema: contextId } }) },
    resolve: (_root, args, ctx) => getContext(ctx, String(args.id)),
  }),
  contexts: t.connection({
    type: Context,
    description: "Live contexts, newest first.",
    args: { filter: t.arg({ type: ContextFilterInput, required: false }) },
    resolve: async (_root, args, ctx) =>
      toConnection(await listContexts(ctx, { ...forwardPageArgs(args), filter: args.filter ? withoutNulls(args.filter) : null })),
  }),
  searchContexts: t.field({
    type: [Context],
    description: "Case-insensitive match on name, description and data; exact and prefix name matches rank first.",
    args: {
      query: t.arg.string({ required: true, validate: { schema: searchQuery } }),
      first: t.arg.int({ required: false, validate: { min: 1, max: LIMITS.pageSize } }),
    },
    resolve: (_root, args, ctx) => searchContexts(ctx, { query: args.query.trim(), first: args.first }),
  }),
}));

builder.mutationFields((t) => ({
  createContext: t.field({
    type: Context,
    args: { input: t.arg({ type: CreateContextInput, required: true, validate: { schema: createContextInput } }) },
    resolve: (_root, { input }, ctx) => createContext(ctx, input as CreateInput),
  }),
  updateContext: t.field({
    type: Context,
    args: {
      id: t.arg.id({ required: true, validate: { schema: contextId } }),
      input: t.arg({ type: UpdateContextInput, required: true, validate: { schema: updateContextInput } }),
    },
    resolve: (_root, { id, input }, ctx) => updateContext(ctx, String(id), input as UpdateInput),
  }),
  deleteContext: t.field({
    type: Context,
    description: "Soft-deletes the context: it disappears from reads, and its name becomes free again.",
    args: { id: t.arg.id({ required: true, validate: { schema: contextId } }) },
    resolve: (_root, { id }, ctx) => deleteContext(ctx, String(id)),
  }),
}));
