import { generateOffline } from "../domain/offline-generator/index.ts";
import type { CardGenerator } from "./card-generator.ts";

/** Deterministic and free: the generator used when no language model is configured. */
export const offlineCardGenerator: CardGenerator = {
  name: "offline",
  generate: async ({ capture, maxCards }) => ({
    ...generateOffline(capture.content, { maxCards }),
    generator: "offline",
    note: null,
  }),
};
