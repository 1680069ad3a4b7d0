import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { type LimitBreach, queryTooComplex } from "@kai/errors";
import type { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import type { OperationLimits } from "./operation-limits.ts";

/**
 * GraphQL Armor's depth, alias and directive rules, reporting QUERY_TOO_COMPLEX with the
 * limit and the measured value. They depend on the document alone, so they run as validation
 * rules, which Apollo caches per document.
 */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.depth,
      flattenFragments: limits.flattenFragments,
      ...reportAs("depth", limits.depth),
    }),
    maxAliasesRule({ n: limits.aliases, ...reportAs("aliases", limits.aliases) }),
    maxDirectivesRule({ n: limits.directives, ...reportAs("directives", limits.directives) }),
  ] as ValidationRule[];
}

function reportAs(limit: LimitBreach["limit"], max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(queryTooComplex({ limit, max, actual: measured(error) }));
      },
    ],
  };
}

// Armor's callback hands over only its message ("… limit of 6 exceeded, found 9."), which is
// where the measured value lives; the rule tests pin that wording.
function measured(error: GraphQLError): number {
  const found = /found (\d+)/.exec(error.message)?.[1];
  return found === undefined ? Number.NaN : Number(found);
}
