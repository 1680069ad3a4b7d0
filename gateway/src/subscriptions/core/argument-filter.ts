import type { EventEnvelope } from "@kai/events";
import { type ArgumentNode, valueFromASTUntyped } from "graphql";

/**
 * Which of the subscriber's events a subscription wants. A Subscription field's arguments
 * narrow its events: `importJobUpdated(id: "…")` receives an event only when the event's data
 * holds that value under the same name (`data.id`). An argument the data does not hold matches
 * nothing, so a field whose event lost a property falls silent instead of pushing every event.
 */
export function argumentFilter(
  args: readonly ArgumentNode[],
  variables: Readonly<Record<string, unknown>> | undefined,
): (event: EventEnvelope) => boolean {
  const wanted = args.map(
    (arg) => [arg.name.value, valueFromASTUntyped(arg.value, variables)] as const,
  );
  if (wanted.length === 0) return () => true;
  return (event) => {
    const data = event.data as Record<string, unknown>;
    return wanted.every(([name, value]) => Object.hasOwn(data, name) && data[name] === value);
  };
}
