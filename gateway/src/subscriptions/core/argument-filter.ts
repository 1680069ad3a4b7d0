import type { EventEnvelope } from "@kai/events";
import { type DocumentNode, getOperationAST, Kind, valueFromASTUntyped } from "graphql";

/**
 * Which of the subscriber's events a subscription wants. A Subscription field's arguments
 * narrow its events: `importJobUpdated(id: "…")` receives an event only when the event's data
 * holds that value under the same name (`data.id`). An argument the data does not hold matches
 * nothing, so a field whose event lost a property falls silent instead of pushing every event.
 */
export function argumentFilter(
  document: DocumentNode,
  operationName: string | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
): (event: EventEnvelope) => boolean {
  const selection = getOperationAST(document, operationName)?.selectionSet.selections[0];
  const args = selection?.kind === Kind.FIELD ? (selection.arguments ?? []) : [];
  const wanted = args.map(
    (arg) => [arg.name.value, valueFromASTUntyped(arg.value, variables)] as const,
  );
  if (wanted.length === 0) return () => true;
  return (event) => {
    const data = event.data as Record<string, unknown>;
    return wanted.every(([name, value]) => Object.hasOwn(data, name) && data[name] === value);
  };
}
