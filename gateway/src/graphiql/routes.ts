import type express from "express";
import { GRAPHIQL_ASSETS } from "./assets.ts";
import { GRAPHIQL_PAGE } from "./page.ts";

/** GraphiQL for browsers asking /graphql for HTML; API clients pass through to the next handler. */
export function serveGraphiql(app: express.Express): void {
  app.get("/graphql", (req, res, next) => {
    if (req.accepts(["application/json", "text/html"]) !== "text/html") return next();
    res.type("html").send(GRAPHIQL_PAGE);
  });
  app.get("/graphiql/assets/:name", (req, res) => {
    const asset = GRAPHIQL_ASSETS[req.params.name];
    if (!asset) return void res.sendStatus(404);
    res.type(asset.type).setHeader("cache-control", "public, max-age=86400");
    // pnpm installs packages under node_modules/.pnpm, a dot directory `send` refuses by default.
    res.sendFile(asset.file, { dotfiles: "allow" });
  });
}
