import type { ApolloServerPlugin } from "@apollo/server";
import type { Viewer } from "@kai/auth";
import { forbidden, refusing } from "@kai/errors";
import { BREAK, type DocumentNode, visit } from "graphql";

/** Who may introspect the schema (and so use GraphiQL's docs and completion). */
export type IntrospectionAudience = "everyone" | "explorers" | "no one";

const EXPLORERS = new Set(["ANALYST", "ADMIN"]);

export function introspectionAudience(
  flag: boolean | undefined,
  production: boolean,
): IntrospectionAudience {
  if (flag !== undefined) return flag ? "everyone" : "no one";
  return production ? "explorers" : "everyone";
}

/**
 * Refuses `__schema` and `__type` to callers outside the audience. Apollo's own switch is all
 * or nothing; in production analysts still need the schema to explore it in GraphiQL.
 */
export function introspectionPolicy(
  audience: IntrospectionAudience,
): ApolloServerPlugin<{ viewer: Viewer | null }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (audience === "everyone" || !introspects(document)) return;
          const role = contextValue.viewer?.role;
          if (audience === "explorers" && role && EXPLORERS.has(role)) return;
          throw refusing(
            forbidden("Schema introspection is open to analysts and admins only"),
            403,
          );
        },
      };
    },
  };
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}
