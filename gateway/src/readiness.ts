/** How long one subgraph may take to answer its /ready before it counts as not ready. */
const PROBE_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, boolean>;
}

/**
 * The gateway can serve only when every subgraph can: it asks each subgraph's own `/ready`
 * (beside its `/graphql`), in parallel, each bounded by a timeout.
 */
export async function subgraphReadiness(
  graphqlUrls: ReadonlyMap<string, string>,
): Promise<Readiness> {
  const probes = [...graphqlUrls].map(async ([name, url]) => {
    const response = await fetch(new URL("/ready", url), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    }).catch(() => undefined);
    await response?.body?.cancel();
    return [name, response?.ok === true] as const;
  });
  const subgraphs = Object.fromEntries(await Promise.all(probes));
  return { ready: Object.values(subgraphs).every(Boolean), subgraphs };
}
