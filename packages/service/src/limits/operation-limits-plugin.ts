import type { ApolloServerPlugin } from "@apollo/server";
import { queryTooComplex } from "@kai/errors";
import { type DocumentNode, getVariableValues } from "graphql";
import { operationCost } from "./operation-cost.ts";
import type { OperationLimits } from "./operation-limits.ts";

/**
 * The cost bound, checked once the operation and its variables are known. It cannot be a
 * validation rule like `limitRules`: Apollo validates a document once and caches it, while the
 * cost depends on each request's variables (`first: $n`, the gateway's representations).
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  const costs = new CostCache();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation, operationName }) {
          const variables = request.variables ?? {};
          // Variables the schema cannot coerce are refused by execution with its own clear
          // error before any resolver runs, so there is nothing to bound.
          if (getVariableValues(schema, operation?.variableDefinitions ?? [], variables).errors) {
            return;
          }
          const cost = costs.get(document, operationName, variables, () =>
            operationCost(schema, document, variables, operationName ?? undefined, limits),
          );
          if (cost > limits.cost) {
            throw queryTooComplex({ limit: "cost", max: limits.cost, actual: cost });
          }
        },
      };
    },
  };
}

/**
 * The cost counts the gateway's `_entities` representations but never reads them, so the same
 * fetch for other entities of the same number costs the same: they are keyed by their count.
 */
function costKey(variables: Record<string, unknown>): string {
  const { representations } = variables;
  return JSON.stringify(
    Array.isArray(representations)
      ? { ...variables, representations: representations.length }
      : variables,
  );
}

/** Variables longer than this (as JSON) are costed every time rather than kept. */
const MAX_KEY_LENGTH = 1_024;
/** Variable sets remembered per document; a document sent with ever-new variables stays small. */
const PER_DOCUMENT = 64;

/**
 * Costs already computed, per document and variables. Apollo hands the same parsed document
 * object to every request that sends the same text (its document cache), so a page polling
 * one query, or a persisted document, is costed once rather than walked again each time.
 */
class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  get(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown>,
    compute: () => number,
  ): number {
    const key = `${operationName ?? ""}:${costKey(variables)}`;
    if (key.length > MAX_KEY_LENGTH) return compute();
    let known = this.byDocument.get(document);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const cost = compute();
    if (!known) {
      known = new Map();
      this.byDocument.set(document, known);
    }
    if (known.size >= PER_DOCUMENT) known.clear();
    known.set(key, cost);
    return cost;
  }
}
