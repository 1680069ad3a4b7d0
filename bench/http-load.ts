import { summarize } from "./latency.ts";

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/**
 * `clients` closed-loop clients posting `query` for `seconds`: each sends its next request as
 * soon as the last one answered, as a busy page or app would. A failure is a non-200 answer
 * or one with errors; it still counts towards the latency.
 */
export async function load(
  url: string,
  token: string,
  query: string,
  clients: number,
  seconds: number,
): Promise<LoadResult> {
  const body = JSON.stringify({ query });
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      const response = await fetch(url, { method: "POST", headers, body });
      const answer = (await response.json()) as { errors?: unknown };
      if (!response.ok || answer.errors) failures++;
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  const { median: p50, p99 } = summarize(latencies);
  return { perSecond: latencies.length / elapsed, p50, p99, requests: latencies.length, failures };
}
