import type { ServiceEnv } from "@kai/config";

/**
 * The bounds every operation must stay within, at the gateway and in each subgraph alike, so a
 * subgraph port reached directly is no weaker than the gateway. The defaults are GraphQL
 * Armor's (depth 6, aliases 15, directives 50, tokens 1,000) plus a cost bound Armor lacks.
 */
export interface OperationLimits {
  /** Nesting of selections; an inline fragment or spread counts as a level unless flattened. */
  depth: number;
  /** Aliased fields in the whole operation (`__typename` aliases are free). */
  aliases: number;
  /** Directives in the whole operation. */
  directives: number;
  /** Lexical tokens of the document, counted before it is parsed. */
  tokens: number;
  /**
   * Objects the operation may ask for: each object field costs 1 plus its selection, times
   * its list size. Scalars are free: the bound is on fan-out, which is what costs memory.
   */
  cost: number;
  /** The size assumed for a list field that has no `first`/`limit` argument. */
  defaultListSize: number;
  /**
   * Count fragments as no level of depth. Subgraphs set this: the gateway wraps every entity
   * fetch in `_entities { ... on T }`, which adds a level the client never wrote.
   */
  flattenFragments: boolean;
}

export function operationLimitsFrom(
  env: ServiceEnv,
  options: { flattenFragments: boolean },
): OperationLimits {
  return {
    depth: env.MAX_QUERY_DEPTH,
    aliases: env.MAX_QUERY_ALIASES,
    directives: env.MAX_QUERY_DIRECTIVES,
    tokens: env.MAX_QUERY_TOKENS,
    cost: env.MAX_QUERY_COST,
    defaultListSize: env.DEFAULT_LIST_SIZE,
    flattenFragments: options.flattenFragments,
  };
}
