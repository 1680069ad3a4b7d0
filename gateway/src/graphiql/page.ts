/** The GraphiQL page; every script and style comes from /graphiql/assets on this gateway. */
export const GRAPHIQL_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Kai · GraphiQL</title>
    <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
    <style>
      body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
      header { display: flex; gap: .5rem; align-items: center; padding: .4rem .8rem; border-bottom: 1px solid #ddd; }
      header input { flex: 1; font-family: monospace; padding: .25rem; }
      #graphiql { flex: 1; min-height: 0; }
    </style>
  </head>
  <body>
    <header>
      <label for="token">Access token</label>
      <input id="token" placeholder="paste the accessToken from login or register" autocomplete="off" />
    </header>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="/graphiql/assets/react.js"></script>
    <script src="/graphiql/assets/react-dom.js"></script>
    <script src="/graphiql/assets/graphql-ws.js"></script>
    <script src="/graphiql/assets/graphiql.js"></script>
    <script src="/graphiql/assets/kai-graphiql.js"></script>
  </body>
</html>
`;
