import { Cleanup } from "./cleanup.ts";
import { dashboardUser } from "./compare.ts";
import { load } from "./http-load.ts";
import { summarize } from "./latency.ts";
import { startPerfStack } from "./perf-stack.ts";
import { DASHBOARD, DASHBOARD_CAPTURES, DASHBOARD_PROGRESS, LIGHT } from "./queries.ts";

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
    // A subgraph's floor: HTTP, Apollo's pipeline and Kai's plugins, with nothing to load.
    { name: "learning: { __typename }", url: urls.learning, query: "{ __typename }" },
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

const CAPTURES_ONLY =
  "{ me { captures(first: 50) { totalCount edges { node { id status tags } } } } }";
const CHAIN = `{ me { ${DASHBOARD_CAPTURES} } }`;
const CHAIN_AND_PROGRESS = `{ me { ${DASHBOARD_CAPTURES} ${DASHBOARD_PROGRESS} } }`;

/** The dashboard built up a part at a time, through the gateway: what each part adds. */
const GATEWAY_STEPS: [string, string][] = [
  ["light", LIGHT],
  ["captures only (one fetch)", CAPTURES_ONLY],
  ["captures → learning", CHAIN],
  ["… + progress (parallel)", CHAIN_AND_PROGRESS],
  ["… + name (users, parallel): the dashboard", DASHBOARD],
];

/**
 * The quick loop for the dashboard's latency (`tsx bench/fetch-timing.ts`): each fetch
 * straight to its subgraph, then the light query and the dashboard at one client through
 * Kai's gateway, alternated for BENCH_ROUNDS rounds of BENCH_SECONDS, with the ratio of their
 * p50s per round (a busy machine slows both alike, so read the ratio); last, the dashboard
 * built up a part at a time through the gateway.
 */
async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const seconds = Number(process.env.BENCH_SECONDS ?? 4);
  const cleanup = new Cleanup();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void cleanup.run().finally(() => process.exit(130)));
  try {
    const profile = process.env.BENCH_CPU_PROF;
    const stack = await startPerfStack(profile ? { profileDir: profile } : {});
    cleanup.add(() => stack.dispose());
    const { token, userId } = await dashboardUser(stack.ours.url, 30);
    for (const { name, p50, p99 } of await timeDashboardFetches(stack.subgraphs, token, userId))
      console.log(`${name}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    await load(stack.ours.url, token, DASHBOARD, 1, 1);
    for (let round = 1; round <= rounds; round++) {
      const light = await load(stack.ours.url, token, LIGHT, 1, seconds);
      const dashboard = await load(stack.ours.url, token, DASHBOARD, 1, seconds);
      const failures = light.failures + dashboard.failures;
      console.log(
        `round ${round}: light p50 ${light.p50.toFixed(1)} ms, dashboard p50 ${dashboard.p50.toFixed(1)} ms, ratio ${(dashboard.p50 / light.p50).toFixed(2)}×${failures ? `, ${failures} failures` : ""}`,
      );
    }
    for (const [name, query] of GATEWAY_STEPS) {
      const { p50 } = await load(stack.ours.url, token, query, 1, seconds);
      console.log(`gateway, ${name}: p50 ${p50.toFixed(1)} ms`);
    }
  } finally {
    await cleanup.run();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
