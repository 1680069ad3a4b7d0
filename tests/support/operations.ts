import { randomUUID } from "node:crypto";
import {
  CaptureDocument,
  type CaptureQuery,
  CreateCaptureDocument,
  MyProgressDocument,
  RegisterDocument,
} from "@kai/client";
import { waitFor } from "@kai/testkit";
import { GraphQLClient } from "graphql-request";

export interface Session {
  userId: string;
  accessToken: string;
  refreshToken: string;
  client: GraphQLClient;
}

export const PROSE = `Photosynthesis is the process by which green plants turn light energy into chemical energy.
It takes place in the chloroplasts, which contain the green pigment chlorophyll. During photosynthesis,
plants absorb carbon dioxide from the air and water from the soil. The light reactions split water and
release oxygen as a by-product. The Calvin cycle then uses the captured energy to build glucose from
carbon dioxide. Jan Ingenhousz showed in 1779 that plants need sunlight to produce oxygen.`;

/** What the helpers here need of a running Kai: a client of its gateway. */
export interface Gateway {
  /** Signed in when given a token. */
  client(token?: string): GraphQLClient;
}

/** Clients of the gateway at `url` (a stack of processes started elsewhere, or a bench's). */
export const gatewayAt = (url: string): Gateway => ({
  client: (token) =>
    new GraphQLClient(url, token ? { headers: { authorization: `Bearer ${token}` } } : {}),
});

export async function register(
  stack: Gateway,
  name = "Ada",
  timezone = "Europe/London",
): Promise<Session> {
  const email = `${name.toLowerCase()}-${randomUUID()}@example.com`;
  const { register } = await stack.client().request(RegisterDocument, {
    input: { email, password: "correct horse battery", name, timezone },
  });
  return {
    userId: register.user.id,
    accessToken: register.accessToken,
    refreshToken: register.refreshToken,
    client: stack.client(register.accessToken),
  };
}

export async function createCapture(session: Session, content = PROSE): Promise<string> {
  const { createCapture } = await session.client.request(CreateCaptureDocument, {
    input: { type: "TEXT", content, tags: ["biology"] },
  });
  return createCapture.id;
}

export type ProcessedCapture = NonNullable<CaptureQuery["capture"]>;

/** Waits until learning has processed the capture and captures has recorded the outcome. */
export function waitForProcessed(session: Session, captureId: string): Promise<ProcessedCapture> {
  return waitFor(
    async () => {
      const { capture } = await session.client.request(CaptureDocument, { id: captureId });
      return capture?.status === "PENDING" ? undefined : (capture ?? undefined);
    },
    { timeoutMs: 15_000, what: `capture ${captureId} to be processed` },
  );
}

export interface Progress {
  points: number;
  level: number;
  streak: number;
  longestStreak: number;
}

export async function progressOf(session: Session): Promise<Progress | undefined> {
  const { me } = await session.client.request(MyProgressDocument);
  return me.progress;
}

/** Polls progress until `accept` holds: progress follows events, a moment after the mutation. */
export function waitForProgress(
  session: Session,
  accept: (progress: Progress) => boolean,
): Promise<Progress> {
  return waitFor(
    async () => {
      const progress = await progressOf(session).catch(() => undefined);
      return progress && accept(progress) ? progress : undefined;
    },
    { timeoutMs: 15_000, what: "progress to update" },
  );
}

// One helper for every suite: the first GraphQL error's code, failing loudly otherwise.
export { errorCode, graphqlFailure as failure } from "@kai/runtime/testing";
