import { z } from "zod";

/** The GitHub App that made a comment or an event, as REST reports it in `performed_via_github_app`. */
export const performingApp = z.object({ id: z.number().int(), slug: z.string().optional() }).nullish();
/** The account that made a comment or an event (for an App, its bot user `slug[bot]`). */
export const actingUser = z.object({ login: z.string(), type: z.string().optional() }).nullish();

/** Who wrote a comment or made an event: the account's login and, when an App acted, that App's id. */
export interface Authorship {
  login: string | null;
  appId: number | null;
}

/** Decides whether a comment or an event was this App's own work. */
export type IsOurs = (author: Authorship) => boolean;

/** Reads who acted from a REST object's user (or actor) and performed_via_github_app. */
export function authorshipOf(user: z.infer<typeof actingUser>, app: z.infer<typeof performingApp>): Authorship {
  return { login: user?.login ?? null, appId: app?.id ?? null };
}

/**
 * Recognises this App's work: GitHub sets `performed_via_github_app` on everything written with an
 * installation token, and names the App's bot user (`slug[bot]`) as its author. Either identifies it;
 * give `botLogin` where the App id is unknown, or to also accept what the bot wrote some other way.
 */
export function isThisApp(identity: { appId?: number | string; botLogin?: string }): IsOurs {
  const appId = identity.appId === undefined || identity.appId === "" ? undefined : Number(identity.appId);
  const botLogin = identity.botLogin?.toLowerCase();
  return (author) =>
    (appId !== undefined && author.appId === appId) || (botLogin !== undefined && author.login?.toLowerCase() === botLogin);
}

/** This deployment's App, by GITHUB_APP_ID. */
export const isThisDeploymentsApp = (env: Pick<Env, "GITHUB_APP_ID">): IsOurs => isThisApp({ appId: env.GITHUB_APP_ID?.trim() });
