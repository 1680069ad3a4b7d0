import { ApolloGateway, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { EventEnvelope } from "@kai/events";
import type { Logger } from "@kai/service";
import {
  type DocumentNode,
  type ExecutionResult,
  Kind,
  OperationTypeNode,
  parse,
  print,
  visit,
} from "graphql";
import type { GatewayContext } from "../context.ts";
import { type GatewayEnv, subgraphUrl } from "../env.ts";
import { SubgraphSource } from "../subgraph-source.ts";
import type { EventSupergraph } from "./event-supergraph.ts";
import { toExecutionResult } from "./execution-result.ts";

export interface EventContext extends GatewayContext {
  event: EventEnvelope;
}

/** Sends the fetch for a subscription root field as a subscription operation carrying the event. */
class EventSource extends SubgraphSource {
  /** Fetch text → its subscription form (null: not a root fetch); the planner reuses fetch texts. */
  private readonly rewrites = new Map<string, string | null>();

  constructor(
    url: string,
    private readonly fields: ReadonlySet<string>,
  ) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    super.willSendRequest(options);
    const { request, context } = options;
    if (!("event" in context) || !request.query) return;
    const subscription = this.asSubscription(request.query);
    if (subscription === null) return;
    request.query = subscription;
    request.extensions = { ...request.extensions, event: (context as EventContext).event };
  }

  private asSubscription(query: string): string | null {
    let rewritten = this.rewrites.get(query);
    if (rewritten !== undefined) return rewritten;
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const roots = operation?.selectionSet.selections ?? [];
    const isRoot = roots.some((s) => s.kind === Kind.FIELD && this.fields.has(s.name.value));
    rewritten = isRoot ? print(asOperation(document, OperationTypeNode.SUBSCRIPTION)) : null;
    // Bounded like the planner's own cache: distinct operations, not events, fill it.
    if (this.rewrites.size >= 1_000) this.rewrites.clear();
    this.rewrites.set(query, rewritten);
    return rewritten;
  }
}

export interface EventExecutor {
  /** The client's subscription selection, resolved across the supergraph for one event. */
  execute(
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    context: EventContext,
  ): Promise<ExecutionResult>;
  stop(): Promise<void>;
}

export async function startEventExecutor(
  supergraph: EventSupergraph,
  env: GatewayEnv,
  log: Logger,
): Promise<EventExecutor> {
  const fields = new Set(supergraph.fields.keys());
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    logger: log,
    buildService: ({ name, url }) => new EventSource(subgraphUrl(env, name, url ?? ""), fields),
  });
  const server = new ApolloServer<EventContext>({ gateway, introspection: false });
  await server.start();
  // A subscription's query form, made once for all its events: Apollo prints a document it is
  // handed on every call, and the rewrite walks it.
  const queries = new WeakMap<DocumentNode, string>();
  const queryOf = (document: DocumentNode) => {
    let query = queries.get(document);
    if (query === undefined) {
      query = print(asOperation(document, OperationTypeNode.QUERY));
      queries.set(document, query);
    }
    return query;
  };
  return {
    async execute(document, variables, context) {
      const query = queryOf(document);
      return toExecutionResult(
        await server.executeOperation({ query, variables }, { contextValue: context }),
      );
    },
    stop: () => server.stop(),
  };
}

function asOperation(document: DocumentNode, operation: OperationTypeNode): DocumentNode {
  return visit(document, {
    OperationDefinition: (node) => ({ ...node, operation }),
  });
}
