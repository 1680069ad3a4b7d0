/**
 * Fails when a drizzle schema has changes its committed migrations lack. For every workspace
 * package with a drizzle.config.ts it runs `drizzle-kit generate` into a copy of the package's
 * migrations folder and reports each file that run would add or change; the committed folder
 * is never written. `pnpm test` runs it beside the compose and codegen checks.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface DrizzleConfig {
  dialect: string;
  schema: string;
  out: string;
}

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every workspace package that generates migrations, as its directory. */
function drizzlePackages(): string[] {
  return ["subgraphs", "packages"].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, group, entry.name))
      .filter((dir) => existsSync(join(dir, "drizzle.config.ts"))),
  );
}

/** Files under `dir`, as paths relative to it, with their contents. */
function filesIn(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path, "utf8"));
  }
  return files;
}

/** What `drizzle-kit generate` would write for the package in `dir`: files added or changed. */
async function pendingMigrations(dir: string): Promise<string[]> {
  const configUrl = pathToFileURL(join(dir, "drizzle.config.ts")).href;
  const config = ((await import(configUrl)) as { default: DrizzleConfig }).default;
  const committed = join(dir, config.out);
  const scratch = mkdtempSync(join(tmpdir(), "kai-migrations-check-"));
  try {
    cpSync(committed, scratch, { recursive: true });
    // drizzle-kit takes `--out` relative to the working directory. stdin is closed: a schema
    // change it cannot tell apart (a rename?) makes it ask, which fails here instead of hanging.
    const run = spawnSync(
      join(dir, "node_modules", ".bin", "drizzle-kit"),
      [
        "generate",
        `--dialect=${config.dialect}`,
        `--schema=${config.schema}`,
        `--out=${relative(dir, scratch)}`,
      ],
      { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    if (run.status !== 0) {
      throw new Error(
        `drizzle-kit generate failed in ${relative(root, dir)}:\n${run.stdout}${run.stderr}`,
      );
    }
    const before = filesIn(committed);
    return [...filesIn(scratch)]
      .filter(([path, content]) => before.get(path) !== content)
      .map(([path]) => join(relative(root, committed), path));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

let stale = false;
for (const dir of drizzlePackages()) {
  const pending = await pendingMigrations(dir);
  if (pending.length === 0) {
    console.log(`${relative(root, dir)}: migrations up to date`);
    continue;
  }
  stale = true;
  console.error(
    `${relative(root, dir)}: the schema has changes no migration holds; run \`pnpm exec drizzle-kit generate\` there. It would write:\n${pending.map((path) => `  ${path}`).join("\n")}`,
  );
}
if (stale) process.exit(1);
