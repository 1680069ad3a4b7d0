/** A raw HTTP answer: status, headers and the body parsed as JSON when it is JSON. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  contentType: string;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
}

/** Sends exactly what a hostile or broken client would, bypassing any GraphQL client. */
export async function send(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    headers: response.headers,
    contentType,
    body: contentType.includes("json") ? JSON.parse(text) : {},
    text,
  };
}

/** POSTs a GraphQL request body as JSON, signed in when given a token. */
export function postGraphql(url: string, body: unknown, token?: string): Promise<RawAnswer> {
  return send(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** The first error's code, or undefined when the answer has none. */
export const firstCode = (answer: RawAnswer) => answer.body.errors?.[0]?.extensions?.code;
