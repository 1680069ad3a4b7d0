import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SmtpServer, startSmtpServer } from "@kai/testkit";
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persistedDocumentId } from "../gateway/src/persisted-documents/index.ts";
import { firstCode, postGraphql, send } from "./support/http.ts";
import { type Stack, startStack } from "./support/stack.ts";

const REGISTER =
  "mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }";
const ME = "query Me { me { id name } }";
const INTROSPECTION = getIntrospectionQuery();
const MANIFEST = Object.fromEntries(
  [REGISTER, ME, INTROSPECTION].map((doc) => [persistedDocumentId(doc), doc]),
);

let stack: Stack;
let smtp: SmtpServer;
let dir: string;
let user: string;
let admin: string;

async function registerByDocumentId(email: string): Promise<string> {
  const answer = await postGraphql(stack.gateway.url, {
    documentId: persistedDocumentId(REGISTER),
    variables: { input: { email, password: "correct horse battery", name: "Grace" } },
  });
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data as { register: { accessToken: string } }).register.accessToken;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kai-persisted-"));
  const manifest = join(dir, "persisted-documents.json");
  writeFileSync(manifest, JSON.stringify(MANIFEST));
  const adminEmail = `admin-${randomUUID()}@example.com`;
  // Production refuses to start users without an SMTP server to send its mail to.
  smtp = await startSmtpServer();
  stack = await startStack({
    env: {
      NODE_ENV: "production",
      SMTP_URL: smtp.url,
      PERSISTED_DOCUMENTS: manifest,
      ONLY_PERSISTED_DOCUMENTS: "true",
      ADMIN_EMAILS: adminEmail,
    },
  });
  user = await registerByDocumentId(`grace-${randomUUID()}@example.com`);
  admin = await registerByDocumentId(adminEmail);
});
afterAll(async () => {
  await stack?.stop();
  await smtp?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("persisted documents only, in production", () => {
  it("runs a document sent by id", async () => {
    const answer = await postGraphql(
      stack.gateway.url,
      { documentId: persistedDocumentId(ME) },
      user,
    );
    expect(answer.body.data).toMatchObject({ me: { name: "Grace" } });
  });

  it("runs a document sent by id over GET", async () => {
    const url = new URL(stack.gateway.url);
    url.searchParams.set("documentId", persistedDocumentId(ME));
    const answer = await send(url.toString(), {
      headers: { authorization: `Bearer ${user}`, "apollo-require-preflight": "true" },
    });
    expect(answer.body.data).toMatchObject({ me: { name: "Grace" } });
  });

  it("refuses a free-form document from an ordinary caller", async () => {
    const answer = await postGraphql(stack.gateway.url, { query: ME }, user);
    expect(answer.status).toBe(400);
    expect(firstCode(answer)).toBe("PERSISTED_DOCUMENT_REQUIRED");
    expect(answer.body.data ?? null).toBeNull();
  });

  it("refuses an id the manifest does not have", async () => {
    const answer = await postGraphql(
      stack.gateway.url,
      { documentId: persistedDocumentId("{ me { email } }") },
      user,
    );
    expect(firstCode(answer)).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
  });

  it("lets an admin explore with free-form documents", async () => {
    const answer = await postGraphql(stack.gateway.url, { query: "{ me { role } }" }, admin);
    expect(answer.body.data).toMatchObject({ me: { role: "ADMIN" } });
  });
});

describe("introspection and GraphiQL in production", () => {
  it("refuses introspection to an ordinary caller", async () => {
    // Sent by id, so the refusal is introspection's own, not the persisted-only rule's.
    const answer = await postGraphql(
      stack.gateway.url,
      { documentId: persistedDocumentId(INTROSPECTION) },
      user,
    );
    expect(firstCode(answer)).toBe("FORBIDDEN");
    expect(answer.status).toBe(403);
    expect(answer.body.data ?? null).toBeNull();
  });

  it("answers introspection to an admin", async () => {
    const answer = await postGraphql(stack.gateway.url, { query: INTROSPECTION }, admin);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toHaveProperty("__schema");
  });

  it("serves no GraphiQL page", async () => {
    const answer = await send(stack.gateway.url, { headers: { accept: "text/html" } });
    expect(answer.contentType).not.toContain("html");
  });

  it("answers a broken body with JSON and no stack trace", async () => {
    const answer = await send(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ nope",
    });
    expect(answer.status).toBe(400);
    expect(firstCode(answer)).toBe("BAD_REQUEST");
    expect(answer.text).not.toMatch(/stacktrace|at \w+ \(/);
  });
});
