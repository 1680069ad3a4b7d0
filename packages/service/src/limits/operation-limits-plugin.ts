import type { ApolloServerPlugin } from "@apollo/server";
import { queryTooComplex } from "@kai/errors";
import { getVariableValues } from "graphql";
import { operationCost } from "./operation-cost.ts";
import type { OperationLimits } from "./operation-limits.ts";

/**
 * The cost bound, checked once the operation and its variables are known. It cannot be a
 * validation rule like `limitRules`: Apollo validates a document once and caches it, while the
 * cost depends on each request's variables (`first: $n`, the gateway's representations).
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
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
          const cost = operationCost(
            schema,
            document,
            variables,
            operationName ?? undefined,
            limits,
          );
          if (cost > limits.cost) {
            throw queryTooComplex({ limit: "cost", max: limits.cost, actual: cost });
          }
        },
      };
    },
  };
}
