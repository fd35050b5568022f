import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { chargeCallerAddress } from "../auth/ip-rate-limit";
import { handleCallback, handleInstalled } from "./handle-callback";
import { handleInstall, handleManifest, handleSetup } from "./handle-setup";

/**
 * /integrations/github: the browser flows that create and install the App. Public (a browser carries no bearer
 * key): a signed, single-use `state` protects them, and each request is charged to the caller's address.
 */
export const appRoutes = new Hono<AppEnv>()
  .get("/setup", chargeCallerAddress, handleSetup)
  .get("/manifest", chargeCallerAddress, handleManifest)
  .get("/install", chargeCallerAddress, handleInstall)
  .get("/callback", chargeCallerAddress, handleCallback)
  .get("/installed", chargeCallerAddress, handleInstalled);
