import {
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from "graphql";
import { type EventType, isEventType } from "./catalogue.ts";

/** Each Subscription root field and the event type (`@event(type:)`) whose events feed it. */
export type EventFields = ReadonlyMap<string, EventType>;

/**
 * Reads `@event(type: "…")` from every Subscription field of a schema document: a subgraph's
 * SDL (the runtime resolves those fields from the event) or the composed supergraph (the
 * gateway listens for those events). One reader for both, so they cannot disagree on what a
 * declaration means. Throws when a Subscription field names no event or an unknown one: a
 * subscription nothing can feed is a mistake to stop at start, not at the first subscriber.
 */
export function eventFieldsOf(document: DocumentNode): EventFields {
  const fields = new Map<string, EventType>();
  for (const definition of document.definitions) {
    if (!isSubscriptionType(definition)) continue;
    for (const field of definition.fields ?? []) fields.set(field.name.value, eventTypeOf(field));
  }
  return fields;
}

function isSubscriptionType(
  definition: DocumentNode["definitions"][number],
): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode {
  return (
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    definition.name.value === "Subscription"
  );
}

function eventTypeOf(field: FieldDefinitionNode): EventType {
  const directive = field.directives?.find((d) => d.name.value === "event");
  const value = directive?.arguments?.find((arg) => arg.name.value === "type")?.value;
  const name = field.name.value;
  if (value?.kind !== Kind.STRING)
    throw new Error(
      `Subscription.${name} needs @event(type: "...") naming the event that feeds it`,
    );
  if (!isEventType(value.value))
    throw new Error(
      `Subscription.${name} names @event(type: "${value.value}"), not in the catalogue`,
    );
  return value.value;
}
