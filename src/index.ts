import { createWorker } from "./worker";

/** What staging and production deploy (wrangler.toml `[env.*] main`). */
export default createWorker().handlers;
