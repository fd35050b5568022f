import renderGraphiqlPackage from "@graphql-yoga/render-graphiql/package.json" with { type: "json" };

/** Versioned, so a browser may keep an asset for good: a new package version is a new URL. */
export const GRAPHIQL_ASSET_BASE = `/graphiql/${renderGraphiqlPackage.version}/`;

// Monaco asks for its web workers by these labels (the same ones @graphql-yoga/render-graphiql's own page maps).
export const GRAPHIQL_WORKER_LABELS = ["editorWorkerService", "json", "graphql"] as const;
