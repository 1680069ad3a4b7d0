import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  errorCode,
  register,
  type Session,
  waitForProcessed,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let ada: Session;
let cardId: string;

beforeAll(async () => {
  stack = await startStack();
  ada = await register(stack, "Ada");
  cardId = (await waitForProcessed(ada, await createCapture(ada))).topic!.flashcards[0]!.id;
});
afterAll(() => stack?.stop());

const CREATE_CAPTURE =
  "mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { id } }";
const REVIEW =
  "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id repetitions } }";

async function captureCount(): Promise<number> {
  const { captures } = await ada.client.request<{ captures: { totalCount: number } }>(
    "{ captures { totalCount } }",
  );
  return captures.totalCount;
}

describe("bad input gets a clear error and writes nothing", () => {
  const captures: [string, object][] = [
    ["an invalid type", { type: "PODCAST", content: "text" }],
    ["empty content", { type: "TEXT", content: "   " }],
    ["content over 20,000 characters", { type: "TEXT", content: "a".repeat(20_001) }],
    [
      "a URL capture without a web address",
      { type: "URL", content: "an article", source: "not a url" },
    ],
    [
      "too many tags",
      { type: "TEXT", content: "text", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
    ],
  ];
  for (const [what, input] of captures) {
    it(`createCapture with ${what}`, async () => {
      const before = await captureCount();
      expect(await errorCode(ada.client.request(CREATE_CAPTURE, { input }))).toBe("BAD_USER_INPUT");
      expect(await captureCount()).toBe(before);
    });
  }

  for (const quality of [-1, 6, 2.5]) {
    it(`reviewFlashcard with quality ${quality}`, async () => {
      const code = await errorCode(
        ada.client.request(REVIEW, { input: { flashcardId: cardId, quality } }),
      );
      expect(code).toBe("BAD_USER_INPUT");
      const { flashcard } = await ada.client.request<{ flashcard: { repetitions: number } }>(
        "query ($id: ID!) { flashcard(id: $id) { repetitions } }",
        { id: cardId },
      );
      expect(flashcard.repetitions).toBe(0);
    });
  }

  it("unknown ids answer NOT_FOUND", async () => {
    const unknown = "7f1c1a52-4a55-4d57-9d56-4c3bd0bd4a51";
    expect(
      await errorCode(ada.client.request(REVIEW, { input: { flashcardId: unknown, quality: 3 } })),
    ).toBe("NOT_FOUND");
    expect(
      await errorCode(
        ada.client.request("query ($id: ID!) { topic(id: $id) { id } }", { id: unknown }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("a malformed id answers like an unknown one", async () => {
    expect(await errorCode(ada.client.request('query { capture(id: "nope") { id } }'))).toBe(
      "NOT_FOUND",
    );
  });

  it("register with a taken email, a malformed email or a short password", async () => {
    const { me } = await ada.client.request<{ me: { email: string } }>("{ me { email } }");
    const registerWith = (input: object) =>
      stack
        .client()
        .request("mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }", {
          input: { password: "long enough pass", name: "X", ...input },
        });
    expect(await errorCode(registerWith({ email: me.email }))).toBe("BAD_USER_INPUT");
    expect(await errorCode(registerWith({ email: "no-at-sign" }))).toBe("BAD_USER_INPUT");
    expect(await errorCode(registerWith({ email: "short@example.com", password: "short" }))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      await errorCode(registerWith({ email: "tz@example.com", timezone: "Mars/Olympus" })),
    ).toBe("BAD_USER_INPUT");
  });

  it("updateMe with an unknown time zone, an empty name or nothing to change", async () => {
    const updateMe = (input: object) =>
      ada.client.request("mutation ($input: UpdateMeInput!) { updateMe(input: $input) { name } }", {
        input,
      });
    expect(await errorCode(updateMe({ timezone: "Mars/Olympus" }))).toBe("BAD_USER_INPUT");
    expect(await errorCode(updateMe({ name: "  " }))).toBe("BAD_USER_INPUT");
    expect(await errorCode(updateMe({}))).toBe("BAD_USER_INPUT");
    const { me } = await ada.client.request<{ me: { name: string } }>("{ me { name } }");
    expect(me.name).toBe("Ada");
  });

  it("leaderboard with a limit out of range", async () => {
    expect(await errorCode(ada.client.request("{ leaderboard(limit: 1000) { rank } }"))).toBe(
      "BAD_USER_INPUT",
    );
  });
});
