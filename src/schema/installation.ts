import type { InstallationGrantRow, InstallationRepositoryRow, InstallationRow } from "../db/schema";
import { getInstallation, installationTimeline, listInstallationRepositories, listInstallations } from "../resolvers/installation";
import { installationRef } from "../inputs/installation-input";
import { actorId } from "../inputs/actor-input";
import { grantInstallation, listInstallationGrants, revokeInstallationGrant } from "../resolvers/installation-grant";
import { builder } from "./builder";
import { Node } from "./node";
import { ChronicleEvent } from "./chronicle-event";
import { forwardPageArgs, toConnection } from "./connection";

const InstallationAccount = builder.objectRef<InstallationRow>("InstallationAccount").implement({
  description: "The GitHub user, organization or enterprise the App is installed on.",
  fields: (t) => ({
    login: t.exposeString("accountLogin", { description: "The account's login (an enterprise's slug)." }),
    type: t.exposeString("accountType", { description: "`User`, `Organization` or `Enterprise`." }),
  }),
});

const Repository = builder.objectRef<InstallationRepositoryRow>("InstallationRepository").implement({
  description: "A repository the installation can reach, as GitHub last reported it.",
  fields: (t) => ({
    id: t.id({ description: "GitHub's numeric repository id.", resolve: (r) => String(r.repositoryId) }),
    fullName: t.exposeString("fullName", { description: "`owner/name`." }),
    private: t.exposeBoolean("private"),
  }),
});

const InstallationGrant = builder.objectRef<InstallationGrantRow>("InstallationGrant").implement({
  description: "An actor an operator allowed to use the installation (for example in its github connections).",
  fields: (t) => ({
    actorId: t.exposeString("actorId"),
    grantedBy: t.exposeString("grantedBy"),
    grantedAt: t.field({ type: "DateTime", resolve: (g) => new Date(g.grantedAt) }),
  }),
});

export const Installation = builder.objectRef<InstallationRow>("Installation").implement({
  interfaces: [Node],
  description: "An installation of the GitHub App on an account; operators only (github:admin).",
  fields: (t) => ({
    id: t.id({ description: "GitHub's numeric installation id.", resolve: (i) => String(i.id) }),
    chittyId: t.exposeString("chittyId", { description: "The installation's ChittyID (`CHITTY-CONTEXT-{uuid}`)." }),
    account: t.field({ type: InstallationAccount, resolve: (i) => i, description: "Who installed the App." }),
    repositorySelection: t.exposeString("repositorySelection", { description: "`all` repositories of the account, or `selected` ones." }),
    repositories: t.field({
      type: [Repository],
      description: "The repositories it can reach, by name.",
      resolve: (i, _args, ctx) => listInstallationRepositories(ctx, i.id),
    }),
    permissions: t.expose("permissions", { type: "JSONObject", description: "Granted permissions, such as `{ issues: \"write\" }`." }),
    events: t.exposeStringList("events", { description: "Webhook events the installation sends." }),
    installedAt: t.field({ type: "DateTime", resolve: (i) => new Date(i.installedAt) }),
    suspendedAt: t.field({ type: "DateTime", nullable: true, resolve: (i) => (i.suspendedAt === null ? null : new Date(i.suspendedAt)) }),
    uninstalledAt: t.field({ type: "DateTime", nullable: true, resolve: (i) => (i.uninstalledAt === null ? null : new Date(i.uninstalledAt)) }),
    grants: t.field({
      type: [InstallationGrant],
      description: "Who besides github:admin may use it; an installation nobody was granted is invisible to ordinary actors.",
      resolve: (i, _args, ctx) => listInstallationGrants(ctx, i.id),
    }),
    timeline: t.connection({
      type: ChronicleEvent,
      description: "The installation's Chronicle events, newest first.",
      args: { type: t.arg.string({ required: false, validate: { maxLength: 100 } }) },
      resolve: async (i, args, ctx) => toConnection(await installationTimeline(ctx, i, { ...forwardPageArgs(args), type: args.type })),
    }),
  }),
});

builder.queryFields((t) => ({
  installation: t.field({
    type: Installation,
    description: "One installation, by GitHub's installation id or by its ChittyID.",
    args: { id: t.arg.id({ required: true, validate: { schema: installationRef } }) },
    resolve: (_root, args, ctx) => getInstallation(ctx, String(args.id).trim()),
  }),
  installations: t.connection({
    type: Installation,
    description: "Installations of the GitHub App, newest first, uninstalled ones included.",
    resolve: async (_root, args, ctx) => toConnection(await listInstallations(ctx, forwardPageArgs(args))),
  }),
}));

builder.mutationFields((t) => ({
  grantInstallationAccess: t.field({
    type: Installation,
    description: "Lets an actor use the installation, e.g. name it in a github connection; operators only (github:admin).",
    args: {
      id: t.arg.id({ required: true, validate: { schema: installationRef } }),
      actorId: t.arg.id({ required: true, validate: { schema: actorId } }),
    },
    resolve: (_root, args, ctx) => grantInstallation(ctx, String(args.id).trim(), String(args.actorId)),
  }),
  revokeInstallationAccess: t.field({
    type: Installation,
    description: "Withdraws a grant; operators only (github:admin).",
    args: {
      id: t.arg.id({ required: true, validate: { schema: installationRef } }),
      actorId: t.arg.id({ required: true, validate: { schema: actorId } }),
    },
    resolve: (_root, args, ctx) => revokeInstallationGrant(ctx, String(args.id).trim(), String(args.actorId)),
  }),
}));
