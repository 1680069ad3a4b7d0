import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Apollo's CommonJS code loads graphql's CJS build; vitest would otherwise hand our
    // ESM imports the .mjs build and trip "another module or realm".
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Test files share their worker's module cache instead of importing Apollo, drizzle and
    // the rest afresh each: the suite spent about a quarter of its time importing. A file that
    // changes process-wide state (a tracer provider, fake timers) restores it when it ends.
    isolate: false,
    // Lets the leak test collect garbage before it compares heap sizes.
    execArgv: ["--expose-gc"],
  },
});
