// The baseline the gateway is measured against: @apollo/gateway over the same supergraph and
// subgraph processes with nothing of Kai's — no limits, plugins, token check or logging. It
// forwards the bearer token only because the subgraphs need it to answer at all.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";

process.env.APOLLO_TELEMETRY_DISABLED ??= "true";

interface Context {
  authorization: string | undefined;
}

class ForwardToken extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    if ("authorization" in context && context.authorization) {
      request.http?.headers.set("authorization", context.authorization);
    }
  }
}

const supergraphSdl = readFileSync(
  new URL("../schema/supergraph.graphql", import.meta.url),
  "utf8",
);
const routed = (name: string, url: string) => process.env[`${name.toUpperCase()}_URL`] ?? url;
const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ name, url }) => new ForwardToken({ url: routed(name, url ?? "") }),
});
const apollo = new ApolloServer<Context>({ gateway });
await apollo.start();

const app = express();
app.get(["/health", "/ready"], (_req, res) => {
  res.json({ status: "ok" });
});
app.use(
  "/graphql",
  express.json(),
  expressMiddleware(apollo, {
    context: async ({ req }) => ({ authorization: req.header("authorization") }),
  }),
);
createServer(app).listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
