import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@kai/testkit";
import { buildSchema } from "graphql";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

/** Debian's Chromium; CI installs the same package (scripts/ensure-services.sh). */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  // Chromium's own phoning home would otherwise count as an off-machine request.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const SCREENSHOT = "/tmp/graphiql.png";

let stack: Stack;
let ada: Session;
let card: string;
let profile: string;
let context: BrowserContext;
let page: Page;
/** Every request the page tried to send off this machine; blocked, and must stay empty. */
const offsite: string[] = [];
/** Script errors and failed loads (an asset the gateway did not serve breaks the page). */
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  ada = await register(stack, "Ada");
  await waitForProgress(ada, () => true);
  const capture = await waitForProcessed(ada, await createCapture(ada));
  card = capture.topic!.flashcards[0]!.id;

  profile = await mkdtemp(join(tmpdir(), "kai-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    offsite.push(url);
    return route.abort("internetdisconnected");
  });
  page = context.pages()[0] ?? (await context.newPage());
  // Fail a step within the test's own timeout, with the selector that never appeared.
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // The gateway's content security policy must not block any part of GraphiQL.
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) pageErrors.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on("websocket", (socket) => {
    if (!isLocal(socket.url())) offsite.push(socket.url());
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await stack?.stop();
});

describe("GraphiQL in a browser", () => {
  it("loads offline from the gateway and runs a query with the typed token", async () => {
    await page.goto(stack.gateway.url);
    await page.locator("#token").fill(ada.accessToken);
    await runInEditor("{ me { name progress { points } } }");
    await responseShowing('"name": "Ada"');
    expect(await response()).toEqual({ data: { me: { name: "Ada", progress: { points: 0 } } } });
  });

  it("shows the schema's Query fields in the docs explorer", async () => {
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const explorer = page.locator(".graphiql-doc-explorer");
    await explorer.getByRole("link", { name: "Query", exact: true }).click();
    const fieldNames = explorer.locator(".graphiql-doc-explorer-field-name");
    await fieldNames.filter({ hasText: /^leaderboard$/ }).waitFor();
    // Every field of the public API's Query, as the committed schema has them.
    expect((await fieldNames.allInnerTexts()).sort()).toEqual(apiQueryFields().sort());

    await fieldNames.filter({ hasText: /^leaderboard$/ }).click();
    await expect
      .poll(() => explorer.textContent())
      .toContain("The users with the most points in the current period");
    const argumentNames = explorer.locator(".graphiql-doc-explorer-argument-name");
    expect(await argumentNames.allInnerTexts()).toEqual(["period", "limit"]);
  });

  it("runs a subscription over graphql-ws and shows the pushed update", async () => {
    await runInEditor("subscription { streakUpdated { points user { name } } }");
    // The review must come after the gateway holds the subscription, or there is nothing to push.
    await waitFor(
      () => (stack.gateway.subscriptions.stats().subscriptions === 1 ? true : undefined),
      {
        what: "the browser's subscription to reach the gateway",
      },
    );
    await ada.client.request(
      "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
      { input: { flashcardId: card, quality: 4 } },
    );
    await responseShowing('"points": 10');
    // The data as pushed; extensions carry the event's id and time for resuming clients.
    const { data } = (await response()) as { data: unknown };
    expect(data).toEqual({ streakUpdated: { points: 10, user: { name: "Ada" } } });
    await page.screenshot({ path: SCREENSHOT });
  });

  it("sent nothing off the machine and raised no page errors", () => {
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  // data: and blob: URLs never touch the network.
  return !/^(http|ws)s?:$/.test(protocol) || LOCAL_HOSTS.has(hostname);
}

/** What the predicate below reads in the page; the test's own types have no DOM. */
interface BrowserWindow {
  localStorage: { getItem(key: string): string | null };
}

/**
 * Replaces the query editor's text the way a user pasting would (inserted text skips the
 * editor's bracket auto-closing, which typing key by key would trip), then runs it.
 */
async function runInEditor(operation: string): Promise<void> {
  const editor = page.locator(".graphiql-query-editor .CodeMirror");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(operation);
  // GraphiQL re-parses the editor 100 ms after a change (and stores the text as it does); run
  // sooner and its fetcher judges the operation by the old text, sending a subscription over HTTP.
  await page.waitForFunction(
    (expected) =>
      (globalThis as unknown as BrowserWindow).localStorage.getItem("graphiql:query") === expected,
    operation,
  );
  await page.locator(".graphiql-execute-button").click();
}

function responseShowing(text: string): Promise<void> {
  return page.locator(".graphiql-response", { hasText: text }).waitFor();
}

/** What the editors' CodeMirror instance holds; the test's own types have no DOM. */
interface CodeMirrorElement {
  CodeMirror: { getValue(): string };
}

/** The result pane's whole text, parsed: what the user sees, not only that a part appeared. */
async function response(): Promise<unknown> {
  const text = await page
    .locator(".graphiql-response .CodeMirror")
    .evaluate((element) => (element as unknown as CodeMirrorElement).CodeMirror.getValue());
  return JSON.parse(text);
}

/** The Query fields of the public API schema the gateway serves (schema/api.graphql). */
function apiQueryFields(): string[] {
  const sdl = readFileSync(new URL("../schema/api.graphql", import.meta.url), "utf8");
  return Object.keys(buildSchema(sdl).getQueryType()?.getFields() ?? {});
}
