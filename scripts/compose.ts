/**
 * Composes the subgraphs listed in supergraph.yaml into schema/supergraph.graphql and
 * schema/api.graphql. With --check it writes nothing and fails when composition has errors
 * or hints, or when the committed files are stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { composeServices } from "@apollo/composition";
import { parse, printSchema } from "graphql";
import { parse as parseYaml } from "yaml";

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

const root = resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const config = parseYaml(
  readFileSync(resolve(root, "supergraph.yaml"), "utf8"),
) as SupergraphConfig;

const result = composeServices(
  Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(resolve(root, subgraph.schema.file), "utf8")),
  })),
);

if (result.errors) {
  for (const error of result.errors) console.error(`error: ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints) console.error(`hint (${hint.definition.code}): ${hint.message}`);

const outputs = {
  "schema/supergraph.graphql": result.supergraphSdl,
  "schema/api.graphql": `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema())}\n`,
};

if (check) {
  const stale = Object.entries(outputs)
    .filter(([file, text]) => readFileSync(resolve(root, file), "utf8") !== text)
    .map(([file]) => file);
  if (stale.length > 0) console.error(`stale: ${stale.join(", ")} — run pnpm compose and commit`);
  if (stale.length > 0 || result.hints.length > 0) process.exit(1);
  console.log("supergraph is composed and up to date");
} else {
  for (const [file, text] of Object.entries(outputs)) writeFileSync(resolve(root, file), text);
  console.log(`wrote ${Object.keys(outputs).join(", ")}`);
}
