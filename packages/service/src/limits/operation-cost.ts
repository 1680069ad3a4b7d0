import {
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import type { OperationLimits } from "./operation-limits.ts";

/** Arguments that say how long a list field's answer may be. */
const SIZE_ARGUMENTS = ["first", "limit"] as const;

/**
 * How many objects the operation may ask for: each object-typed field costs one plus its
 * selection's cost, multiplied by its list size. The size is its `first`/`limit` argument,
 * the number of representations for `_entities` (how the gateway fetches entities from a
 * subgraph), else `defaultListSize`. A connection's `edges` are sized by the connection's
 * own `first`, so they count once. Introspection is free: it reads the schema, not data.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: Pick<OperationLimits, "defaultListSize">,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [objectCount(limits.defaultListSize)],
    });
  } catch {
    // The estimator gives up past 10,000 visited nodes (fragments spread into each other
    // multiply them): such a document is too costly whatever its real size.
    return Number.POSITIVE_INFINITY;
  }
}

function objectCount(defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name.startsWith("__") || field.name.startsWith("__")) return 0;
    const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
    return (own + childComplexity) * listSize(type, field, args, defaultListSize);
  };
}

function listSize(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  defaultListSize: number,
): number {
  if (field.name === "_entities" && Array.isArray(args.representations)) {
    return args.representations.length;
  }
  for (const name of SIZE_ARGUMENTS) {
    const size = args[name];
    if (typeof size === "number") return Math.max(size, 0);
  }
  if (!isListType(getNullableType(field.type))) return 1;
  return parent.name.endsWith("Connection") ? 1 : defaultListSize;
}
