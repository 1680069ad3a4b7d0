import type { GraphQLResponse } from "@apollo/server";
import { type ExecutionResult, GraphQLError } from "graphql";

/**
 * Apollo's executeOperation answers with formatted (plain) errors; graphql-ws expects an
 * ExecutionResult. Rebuilt errors serialise back to the same JSON.
 */
export function toExecutionResult(response: GraphQLResponse): ExecutionResult {
  if (response.body.kind !== "single")
    throw new Error("incremental delivery is not supported here");
  const { data, errors } = response.body.singleResult;
  if (!errors) return { data };
  return { data, errors: errors.map((error) => new GraphQLError(error.message, error)) };
}
