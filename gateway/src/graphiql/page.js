// Runs in the browser: GraphiQL against this gateway, queries over HTTP and subscriptions
// over graphql-ws, both signed with the access token typed into the bar above the editor.
(() => {
  const TOKEN_KEY = "kai:access-token";
  const input = document.getElementById("token");
  input.value = localStorage.getItem(TOKEN_KEY) ?? "";
  input.addEventListener("input", () => {
    localStorage.setItem(TOKEN_KEY, input.value.trim());
    wsClient.terminate();
    wsClient = createWsClient();
  });

  const token = () => input.value.trim();
  const endpoint = new URL("/graphql", window.location.href);
  const socketUrl = `${endpoint.protocol === "https:" ? "wss" : "ws"}://${endpoint.host}${endpoint.pathname}`;
  const createWsClient = () =>
    window.graphqlWs.createClient({
      url: socketUrl,
      lazy: true,
      connectionParams: () => (token() ? { authorization: `Bearer ${token()}` } : {}),
    });
  let wsClient = createWsClient();

  const fetcher = window.GraphiQL.createFetcher({
    url: endpoint.href,
    // A getter, so a token typed after the page loaded is used from the next request on.
    get wsClient() {
      return wsClient;
    },
    fetch: (url, init) =>
      window.fetch(url, {
        ...init,
        headers: { ...init?.headers, ...(token() ? { authorization: `Bearer ${token()}` } : {}) },
      }),
  });

  const root = window.ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    window.React.createElement(window.GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
  );
})();
