import { resolve } from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  // @kai/client ships TypeScript source, as every workspace package does.
  transpilePackages: ["@kai/client"],
  // pnpm links packages from the workspace root; Turbopack must see that far.
  turbopack: { root: resolve(import.meta.dirname, "../..") },
  outputFileTracingRoot: resolve(import.meta.dirname, "../.."),
};

export default config;
