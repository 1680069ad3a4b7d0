import { type EventFields, eventFieldsOf } from "@kai/events";
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
} from "graphql";

export interface EventSupergraph {
  /** The supergraph with every Subscription field moved onto Query, so the planner can plan it. */
  sdl: string;
  fields: EventFields;
}

/**
 * Subscriptions are answered per event by planning the client's selection as a query: the
 * owning subgraph resolves the root field from the event and the rest of the supergraph
 * resolves the other fields as in any query. The query planner only plans queries, so this
 * derives a supergraph whose Query also holds the Subscription fields.
 */
export function eventSupergraph(supergraphSdl: string): EventSupergraph {
  const document = parse(supergraphSdl);
  const subscription = document.definitions.find(isObjectType("Subscription"));
  if (!subscription) return { sdl: supergraphSdl, fields: new Map() };
  const owner = subscription.directives?.filter((d) => d.name.value === "join__type") ?? [];
  const moved = (subscription.fields ?? []).map((field) => withOwner(field, owner));
  const fields = eventFieldsOf(document);

  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (definition === subscription) return [];
    if (isObjectType("Query")(definition))
      return [{ ...definition, fields: [...(definition.fields ?? []), ...moved] }];
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      return [
        {
          ...definition,
          operationTypes: definition.operationTypes.filter((op) => op.operation !== "subscription"),
        },
      ];
    }
    return [definition];
  });
  return { sdl: print({ ...document, definitions } as DocumentNode), fields };
}

function isObjectType(name: string) {
  return (
    definition: DocumentNode["definitions"][number],
  ): definition is ObjectTypeDefinitionNode =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name;
}

/** A field of a type owned by one subgraph carries no @join__field; on Query it needs one. */
function withOwner(
  field: FieldDefinitionNode,
  owners: readonly ConstDirectiveNode[],
): FieldDefinitionNode {
  if (field.directives?.some((d) => d.name.value === "join__field")) return field;
  const joinFields = owners.map(
    (owner): ConstDirectiveNode => ({
      ...owner,
      name: { kind: Kind.NAME, value: "join__field" },
      arguments: owner.arguments?.filter((arg) => arg.name.value === "graph"),
    }),
  );
  return { ...field, directives: [...(field.directives ?? []), ...joinFields] };
}
