import type { ApolloServerPlugin } from "@apollo/server";
import type { Viewer } from "@kai/auth";
import { refusing, unauthenticated } from "@kai/errors";

const ROOT_TYPES = { query: "Query", mutation: "Mutation", subscription: "Subscription" } as const;
const ALWAYS_PUBLIC = new Set(["__typename", "__schema", "__type", "_service"]);

/**
 * Refuses any operation without a verified viewer unless every root field it selects is
 * public. Checking once per operation, not in each resolver, means a forgotten check cannot
 * open a field, and `_entities` is closed to anonymous callers like everything else.
 */
export function authenticationGuard(
  publicFields: readonly string[],
): ApolloServerPlugin<{ viewer: Viewer | null }> {
  const open = new Set(publicFields);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation || contextValue.viewer) return;
          const rootType = ROOT_TYPES[operation.operation];
          const allPublic = operation.selectionSet.selections.every(
            (selection) =>
              selection.kind === "Field" &&
              (ALWAYS_PUBLIC.has(selection.name.value) ||
                open.has(`${rootType}.${selection.name.value}`)),
          );
          if (!allPublic) throw refusing(unauthenticated(), 401);
        },
      };
    },
  };
}
