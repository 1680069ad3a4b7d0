import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * The files the GraphiQL page loads, served by the gateway itself from installed packages:
 * analysts' networks (and this machine) often have no route to a CDN.
 */
export const GRAPHIQL_ASSETS: Record<string, { file: string; type: string }> = {
  "react.js": {
    file: join(packageDir("react"), "umd/react.production.min.js"),
    type: "text/javascript",
  },
  "react-dom.js": {
    file: join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
    type: "text/javascript",
  },
  "graphiql.js": { file: join(packageDir("graphiql"), "graphiql.min.js"), type: "text/javascript" },
  "graphiql.css": { file: join(packageDir("graphiql"), "graphiql.min.css"), type: "text/css" },
  "graphql-ws.js": {
    file: join(dirname(require.resolve("graphql-ws")), "../umd/graphql-ws.min.js"),
    type: "text/javascript",
  },
  "kai-graphiql.js": { file: join(import.meta.dirname, "page.js"), type: "text/javascript" },
};
