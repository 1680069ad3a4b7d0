import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextWillSendResponse,
} from "@apollo/server";
import { type FieldNode, Kind } from "graphql";
import { operationDuration, operationsTotal } from "./instruments.ts";

/**
 * Request rate, errors and latency per operation. An operation is named by its type and first
 * root field ("mutation reviewFlashcard", "query _entities"): client-chosen operation names
 * would give Prometheus unbounded label values, the schema's fields cannot.
 */
export function operationMetricsPlugin<C extends BaseContext>(
  service: string,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const stop = operationDuration.startTimer();
      return {
        async willSendResponse(request) {
          const operation = operationLabel(request);
          stop({ service, operation });
          operationsTotal.inc({ service, operation, outcome: hasErrors(request) ? "error" : "ok" });
        },
      };
    },
  };
}

function operationLabel(request: GraphQLRequestContextWillSendResponse<BaseContext>): string {
  const operation = request.operation;
  if (!operation) return "invalid";
  const first = operation.selectionSet.selections.find(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD,
  );
  return `${operation.operation} ${first?.name.value ?? "fragment"}`;
}

function hasErrors(request: GraphQLRequestContextWillSendResponse<BaseContext>): boolean {
  const body = request.response.body;
  return body.kind === "single"
    ? (body.singleResult.errors?.length ?? 0) > 0
    : (request.errors?.length ?? 0) > 0;
}
