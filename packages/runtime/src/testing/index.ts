export { errorCode, type GraphqlFailure, graphqlFailure } from "./graphql-errors.ts";
export {
  type SignedIn,
  startTestSubgraph,
  type TestSubgraph,
  type TestSubgraphOptions,
} from "./start-test-subgraph.ts";
export { connectTestEventBus, type TestEventBus } from "./test-event-bus.ts";
