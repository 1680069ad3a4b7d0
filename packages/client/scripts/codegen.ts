/**
 * Generates the typed documents (src/generated/) from src/documents/*.graphql against the
 * public API (schema/api.graphql), with the persisted-documents manifest the gateway loads
 * through PERSISTED_DOCUMENTS. With --check it writes nothing and fails when a committed file
 * is stale, so a document changed without its manifest cannot ship.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { generate } from "@graphql-codegen/cli";

const root = resolve(import.meta.dirname, "..");
const out = resolve(root, "src/generated");
const check = process.argv.includes("--check");

/** The id the gateway checks: "sha256:" and the hex digest of the document text itself. */
const documentId = (document: string) =>
  `sha256:${createHash("sha256").update(document).digest("hex")}`;

const files = (await generate(
  {
    schema: resolve(root, "../../schema/api.graphql"),
    documents: resolve(root, "src/documents/*.graphql"),
    silent: true,
    generates: {
      [`${out}/`]: {
        preset: "client",
        presetConfig: {
          fragmentMasking: false,
          persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: documentId },
        },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          scalars: { DateTime: "string", JSON: "Record<string, unknown>" },
        },
      },
    },
  },
  false,
)) as { filename: string; content: string }[];

/** The preset's `graphql()` tag (gql.ts, index.ts) serves documents written in code; ours are files. */
const KEPT = new Set(["graphql.ts", "persisted-documents.json"]);
const expected = new Map(
  files
    .filter(({ filename }) => KEPT.has(basename(filename)))
    .map(({ filename, content }) => [resolve(root, filename), withNewline(content)]),
);
let stale = false;
if (check) {
  const present = existsSync(out) ? readdirSync(out).map((name) => resolve(out, name)) : [];
  for (const file of new Set([...expected.keys(), ...present])) {
    const text = expected.get(file);
    if (text === undefined || !existsSync(file) || readFileSync(file, "utf8") !== text) {
      console.error(`stale: ${relative(process.cwd(), file)} (run pnpm client:codegen)`);
      stale = true;
    }
  }
} else {
  rmSync(out, { recursive: true, force: true });
  for (const [file, text] of expected) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative(process.cwd(), file)}`);
  }
}
if (stale) process.exit(1);

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
