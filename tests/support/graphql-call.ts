/** A request's fate as the client saw it: only `ok` counts as acknowledged. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: string };

/** Long enough for a busy machine, short enough that an outage does not stall a driver. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One GraphQL request that never throws: a fault drill counts failures rather than stopping
 * at the first, and a success is a 200 with data and no errors, nothing less.
 */
export async function graphqlCall<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Outcome<T>> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as { data?: T | null; errors?: { message: string }[] };
    if (response.ok && body.data && !body.errors?.length) return { ok: true, data: body.data };
    return { ok: false, error: body.errors?.[0]?.message ?? `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** For setup steps that must succeed: the value, or an error naming what failed. */
export async function mustCall<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const outcome = await graphqlCall<T>(url, query, variables, token);
  if (!outcome.ok) throw new Error(`${query.slice(0, 60)}… failed: ${outcome.error}`);
  return outcome.data;
}
