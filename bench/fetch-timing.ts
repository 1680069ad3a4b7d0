import { summarize } from "./latency.ts";

/** One subgraph fetch of the dashboard's query plan (query-plan.ts), sent straight to it. */
interface Fetch {
  name: string;
  url: string;
  query: string;
  variables?: Record<string, unknown>;
}

const CAPTURE_PAGE = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on User { captures(first: 50) { totalCount edges { node { __typename id status tags } } } } } }`;
const PROGRESS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on User { progress { points level streak } } } }`;
const CAPTURE_CARDS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Capture { topic { name } flashcards(first: 20) { front back interval } } } }`;

async function post(url: string, token: string, query: string, variables?: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      "apollo-require-preflight": "true",
    },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data ?? {};
}

/**
 * p50 of each of the dashboard's fetches, one at a time against each subgraph, so the
 * dashboard's latency splits into the parts the plan chains (users → captures → learning,
 * progress beside captures).
 */
export async function timeDashboardFetches(
  urls: Record<"users" | "captures" | "progress" | "learning", string>,
  token: string,
  userId: string,
  rounds = 100,
): Promise<{ name: string; p50: number; p99: number }[]> {
  const user = [{ __typename: "User", id: userId }];
  const page = (await post(urls.captures, token, CAPTURE_PAGE, { representations: user })) as {
    _entities: { captures: { edges: { node: { id: string } }[] } }[];
  };
  const captures = (page._entities[0]?.captures.edges ?? []).map(({ node }) => ({
    __typename: "Capture",
    id: node.id,
  }));
  const fetches: Fetch[] = [
    { name: "users: me", url: urls.users, query: "{ me { __typename id name } }" },
    {
      name: "captures: User.captures(first: 50)",
      url: urls.captures,
      query: CAPTURE_PAGE,
      variables: { representations: user },
    },
    {
      name: "progress: User.progress",
      url: urls.progress,
      query: PROGRESS,
      variables: { representations: user },
    },
    {
      name: `learning: ${captures.length} × Capture.topic + flashcards`,
      url: urls.learning,
      query: CAPTURE_CARDS,
      variables: { representations: captures },
    },
  ];
  const results = [];
  for (const fetch of fetches) {
    const latencies: number[] = [];
    for (let i = 0; i < rounds + 10; i++) {
      const start = performance.now();
      await post(fetch.url, token, fetch.query, fetch.variables);
      if (i >= 10) latencies.push(performance.now() - start);
    }
    const { median, p99 } = summarize(latencies);
    results.push({ name: fetch.name, p50: median, p99 });
  }
  return results;
}
