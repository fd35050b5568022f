import { serveGraphiqlAssets } from "./graphiql/graphiql-assets";
import { createWorker } from "./worker";

/** The Worker for `npm run dev` and the tests: the deployed one plus GraphiQL's files, which only development serves. */
export const worker = createWorker({ localTools: [serveGraphiqlAssets] });
export default worker.handlers;
