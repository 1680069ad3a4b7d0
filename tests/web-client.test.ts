import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  CapturesDocument,
  createKaiClient,
  DueFlashcardsDocument,
  type KaiClient,
  memoryTokenStore,
  ReviewFlashcardDocument,
  type Tokens,
} from "@kai/client";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROSE } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { startWebApp, type WebApp, webAppOrigin } from "./support/web-app.ts";

/** Debian's Chromium; CI installs the same package (scripts/ensure-services.sh). */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const MANIFEST = resolve(
  import.meta.dirname,
  "../packages/client/src/generated/persisted-documents.json",
);
const PASSWORD = "correct horse battery";

let stack: Stack;
let web: WebApp;
let profile: string;
let context: BrowserContext;
let page: Page;
const email = `grace-${Date.now()}@example.com`;
/** Every request the page tried to send off this machine; blocked, and must stay empty. */
const offsite: string[] = [];
const pageErrors: string[] = [];
/** The bodies the page POSTed to the gateway. */
const gatewayBodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  const { port, origin } = await webAppOrigin();
  // The gateway runs only the client's persisted documents, as in production, and lets the
  // web app's origin call it.
  stack = await startStack({
    env: {
      CORS_ORIGINS: origin,
      PERSISTED_DOCUMENTS: MANIFEST,
      ONLY_PERSISTED_DOCUMENTS: "true",
    },
  });
  [web, context] = await Promise.all([
    startWebApp(port, stack.gateway.url),
    mkdtemp(join(tmpdir(), "kai-chromium-")).then((dir) => {
      profile = dir;
      return chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      });
    }),
  ]);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    offsite.push(url);
    return route.abort("internetdisconnected");
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on("request", (request) => {
    if (request.url() === stack.gateway.url && request.method() === "POST") {
      gatewayBodies.push(request.postDataJSON() as Record<string, unknown>);
    }
  });
  // The dev server compiles the page's scripts on first load: slow on a busy machine, once.
  await page.goto(web.url);
  await page.getByLabel("Name").waitFor({ timeout: 90_000 });
}, 240_000);

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await web?.stop();
  await stack?.stop();
});

describe("the Next.js example app in a browser", () => {
  it("signs up and shows the new user's points, level and streak", async () => {
    await page.getByLabel("Name").fill("Grace");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await eventually(() => stat("points")).toBe("0");
    expect(await stat("level")).toBe("1");
    expect(await stat("streak")).toBe("0");
  });

  it("captures text and shows the capture's cards once learning has made them", async () => {
    await page.getByPlaceholder("Paste something worth learning").fill(PROSE);
    await page.getByRole("button", { name: "Capture" }).click();
    await page.locator('[data-testid=capture][data-status="PROCESSED"]').waitFor();
    const shown = await page.getByTestId("capture-card").allInnerTexts();
    // The cards the page shows are the ones the API has for the capture.
    const { captures } = await (await asPageUser()).request(CapturesDocument, { first: 1 });
    const cards = captures.edges[0]?.node.flashcards ?? [];
    expect(cards.length).toBeGreaterThanOrEqual(3);
    expect(shown).toEqual(cards.map((card) => `${card.front} — ${card.back}`));
  });

  it("reviews a due card with a quality button and the points follow", async () => {
    const review = page.getByTestId("review");
    await review.getByTestId("due-card").waitFor();
    const reviewed = await review.getByTestId("due-card").getAttribute("data-card-id");
    await review.getByRole("button", { name: "Show answer" }).click();
    await review.getByRole("button", { name: "Good" }).click();
    await eventually(() => stat("points")).toBe("10");
    expect(await stat("streak")).toBe("1");
    const { dueFlashcards } = await (await asPageUser()).request(DueFlashcardsDocument, {
      limit: 20,
    });
    expect(dueFlashcards.map((card) => card.id)).not.toContain(reviewed);
  });

  it("updates points live from the streakUpdated subscription when a review happens elsewhere", async () => {
    // Another device of the same user reviews a card; the page does nothing and must follow.
    const device = await asPageUser();
    const { dueFlashcards } = await device.request(DueFlashcardsDocument, { limit: 1 });
    const card = dueFlashcards[0]!;
    await device.request(ReviewFlashcardDocument, { input: { flashcardId: card.id, quality: 5 } });
    await eventually(() => stat("points")).toBe("20");
  });

  it("shows the user on the leaderboard with their points", async () => {
    const entries = page.getByTestId("leaderboard-entry");
    await eventually(() => entries.allInnerTexts()).toEqual(["Grace — 20 points, level 1"]);
  });

  it("signs out and back in with the same account", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "I have an account" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await eventually(() => stat("points")).toBe("20");
  });

  it("sent every HTTP operation by persisted document id, nothing off the machine, no errors", () => {
    expect(gatewayBodies.length).toBeGreaterThan(5);
    for (const body of gatewayBodies) {
      expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(body).not.toHaveProperty("query");
    }
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** Polls like `expect.poll`, for as long as the page's own waits (the default is 1 s). */
function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

/** The text of one of the progress figures the page shows. */
function stat(name: "points" | "level" | "streak"): Promise<string | null> {
  return page.getByTestId(name).textContent();
}

/** What the predicate below reads in the page; the test's own types have no DOM. */
interface BrowserWindow {
  localStorage: { getItem(key: string): string | null };
}

/** @kai/client in Node, signed in with the page's own tokens, as a second device would be. */
async function asPageUser(): Promise<KaiClient> {
  const stored = await page.evaluate(() =>
    (globalThis as unknown as BrowserWindow).localStorage.getItem("kai.tokens"),
  );
  expect(stored).toBeTruthy();
  return createKaiClient({
    url: stack.gateway.url,
    tokens: memoryTokenStore(JSON.parse(stored!) as Tokens),
  });
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return !/^(http|ws)s?:$/.test(protocol) || LOCAL_HOSTS.has(hostname);
}
