import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { GRAPHQL_LIMITS } from "../limits";

/** graphql-armor's validation rules: documents that are too deep, costly, aliased or long never execute. */
export const graphqlLimitPlugins = () => [
  maxDepthPlugin({ n: GRAPHQL_LIMITS.depth, flattenFragments: true }),
  maxAliasesPlugin({ n: GRAPHQL_LIMITS.aliases }),
  maxTokensPlugin({ n: GRAPHQL_LIMITS.tokens }),
  costLimitPlugin({ maxCost: GRAPHQL_LIMITS.cost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 }),
];
