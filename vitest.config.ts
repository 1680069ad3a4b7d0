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
    // Lets the leak test collect garbage before it compares heap sizes.
    execArgv: ["--expose-gc"],
  },
});
