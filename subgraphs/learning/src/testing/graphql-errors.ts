import { ClientError } from "graphql-request";

/** The `extensions.code` of the first error a request fails with; throws if it succeeds. */
export async function errorCode(request: Promise<unknown>): Promise<unknown> {
  const outcome = await request.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ClientError))
    throw new Error("expected a GraphQL error", { cause: outcome });
  return outcome.response.errors?.[0]?.extensions?.code;
}
