import { getOperationAST, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { enforceRateLimit } from "../auth/rate-limit";
import type { RequestContext } from "../context";
import { RateLimitedError } from "../errors";

/** The mutation fields a document runs at its root, fragments included; `__typename` costs nothing. */
export function countRootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) total += selection.name.value === "__typename" ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) total += countRootFields(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) total += countRootFields(fragment.selectionSet, fragments, seen);
    }
  }
  return total;
}

function mutationFields(document: DocumentNode, operationName: string | null | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== "mutation") return 0;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return countRootFields(operation.selectionSet, fragments);
}

/**
 * Charges each mutation field of a document against the caller's request budget: the HTTP request paid for one,
 * so 15 aliased mutations in one document pay 15, as 15 requests would.
 */
export function chargeMutationFields(): Plugin<RequestContext> {
  return {
    onExecute: async ({ args, setResultAndStopExecution }) => {
      const extra = mutationFields(args.document, args.operationName) - 1;
      if (extra <= 0) return;
      try {
        await enforceRateLimit(args.contextValue.env, args.contextValue.actor, extra);
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        // Nothing runs: a document over budget is refused whole, not executed up to where the budget ran out.
        const extensions = { code: error.code, retryAfter: error.retryAfterSeconds, http: { status: 429, spec: true } };
        setResultAndStopExecution({ errors: [new GraphQLError(error.message, { originalError: error, extensions })] });
      }
    },
  };
}
